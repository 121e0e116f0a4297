/**
 * Starts ilp-connector 23 (from this folder's node_modules) in this process, configured from a topology,
 * behind the front door at sut.url. Needs `npm --prefix examples/ilp-connector ci` first, and ts-node
 * registered (ilp-connector loads fixed-rate-backend.ts by path).
 */
import type { Writable } from 'node:stream';
import type { Topology } from '../../contracts/topology';
import { ilpConnectorConfig, type IlpConnectorConfigOptions } from './connector-config';
import { openFrontDoor } from './front-door';

export interface RunningIlpConnector {
  readonly url: string;
  readonly version: string;
  close(): Promise<void>;
}

export interface LaunchOptions extends IlpConnectorConfigOptions {
  readonly topology: Topology;
  /** Where ilp-connector's log goes; default stderr. */
  readonly logStream?: Writable;
  /** Port for the front door; default the port of sut.url (0 = ephemeral). */
  readonly port?: number;
}

interface IlpConnectorApp {
  listen(): Promise<void>;
  shutdown(): Promise<void>;
  getPlugin(id: string): { isConnected(): boolean };
}

export function loadIlpConnector(): { createApp: (config: object) => IlpConnectorApp; setLogStream: (s: Writable) => void; version: string } {
  let entry: string;
  try {
    entry = require.resolve('ilp-connector', { paths: [__dirname] });
  } catch {
    throw new Error('ilp-connector is not installed here: run `npm --prefix examples/ilp-connector ci` first');
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const connector = require(entry) as { createApp: (config: object) => IlpConnectorApp };
  const log = require(require.resolve('ilp-connector/dist/common/log', { paths: [__dirname] })) as { setOutputStream(s: Writable): void };
  const { version } = require(require.resolve('ilp-connector/package.json', { paths: [__dirname] })) as { version: string };
  return { createApp: connector.createApp, setLogStream: (s) => log.setOutputStream(s), version };
}

export async function startIlpConnector(options: LaunchOptions): Promise<RunningIlpConnector> {
  const { topology } = options;
  const { config, mounts } = ilpConnectorConfig(topology, options);
  const ilp = loadIlpConnector();
  ilp.setLogStream(options.logStream ?? process.stderr);
  const door = await openFrontDoor({ mounts, sutUrl: topology.sut.url, ...(options.port !== undefined ? { port: options.port } : {}) });
  let app: IlpConnectorApp;
  try {
    app = ilp.createApp(config);
    // listen() logs and swallows its own errors, so readiness is checked below rather than trusted.
    await app.listen();
    const missing = mounts.filter((m) => !door.mounted.has(`${new URL(door.url).pathname.replace(/\/+$/, '')}${m.path}`));
    const down = Object.keys(config.accounts).filter((id) => !app.getPlugin(id).isConnected());
    if (missing.length || down.length) {
      throw new Error(`ilp-connector did not come up: ${[...missing.map((m) => `no server for ${m.peer}`), ...down.map((id) => `account ${id} not connected`)].join(', ')}`);
    }
  } catch (error) {
    await door.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: door.url,
    version: ilp.version,
    close: () => {
      closing ??= (async () => {
        try {
          await app.shutdown();
        } finally {
          await door.close();
        }
      })();
      return closing;
    },
  };
}
