/**
 * The bundled reference receiver: an SPSP endpoint and a STREAM server behind ILP over HTTP, on one
 * loopback port; given a key and certificate (`spspTls`), also on a second loopback port over HTTPS, which is
 * then the SPSP endpoint it names (RFC 9: SPSP over HTTPS, SPSP-001). `startReferenceReceiver()` is the
 * embedded default of the receiver profile; the harness starts it only through lib/targets/bundled-references.ts.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ConnectionDirectory } from './directory';
import { parseReceiverFaults, type ReceiverFault } from './faults';
import { DEFAULT_LIMITS, type ReceiverLimits } from './limits';
import { createReceiverPipeline } from './pipeline';
import { ConnectionSecrets } from './secrets';
import { createReceiverListener, ILP_PATH } from './server';
import { createSpspHandler } from './spsp';

export { RECEIVER_FAULTS, parseReceiverFaults, type ReceiverFault } from './faults';
export { DEFAULT_LIMITS, type ReceiverLimits } from './limits';

export interface ReferenceReceiverOptions {
  readonly address?: string;
  readonly assetCode?: string;
  readonly assetScale?: number;
  readonly faults?: string | readonly string[];
  readonly limits?: ReceiverLimits;
  /** 0 (default) = an ephemeral port. */
  readonly port?: number;
  /** PEM key and certificate: serve SPSP over HTTPS too (an ephemeral port) and name that endpoint. */
  readonly spspTls?: { readonly key: string; readonly cert: string };
}

export interface RunningReceiver {
  /** The payment pointer's URL, `/.well-known/pay` (https: with `spspTls`). */
  readonly spspUrl: string;
  /** Base URL of the SPSP endpoints (`<base>/<name>` for named receivers; https: with `spspTls`). */
  readonly baseUrl: string;
  readonly ilpUrl: string;
  /** Bearer token its upstream must send on ILP over HTTP. */
  readonly ilpToken: string;
  readonly address: string;
  readonly assetCode: string;
  readonly assetScale: number;
  readonly limits: ReceiverLimits;
  readonly faults: ReadonlySet<ReceiverFault>;
  /** Data assembled from offset 0 on a stream of a connection (for tests of the application side). */
  receivedData(destination: string, streamId: bigint): Buffer;
  close(): Promise<void>;
}

export async function startReferenceReceiver(options: ReferenceReceiverOptions = {}): Promise<RunningReceiver> {
  const faults = parseReceiverFaults(options.faults);
  const address = options.address ?? 'test.receiver';
  const assetCode = options.assetCode ?? 'XRP';
  const assetScale = options.assetScale ?? 9;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const token = randomBytes(16).toString('hex');
  const secrets = new ConnectionSecrets(address);
  const directory = new ConnectionDirectory(secrets, limits);
  const listener = createReceiverListener({
    address, token, faults, assetCode, assetScale,
    spsp: createSpspHandler({ secrets, faults, paths: new Set(['/.well-known/pay', '/alice']), cacheSeconds: 60 }),
    answer: createReceiverPipeline(directory, address),
  });
  const servers = [http.createServer(listener)];
  // FAULT spsp-plain-http: the port named as the HTTPS endpoint speaks plain HTTP.
  if (options.spspTls) servers.push(faults.has('spsp-plain-http') ? http.createServer(listener) : https.createServer({ key: options.spspTls.key, cert: options.spspTls.cert }, listener));
  const ports: number[] = [];
  try {
    for (const [i, server] of servers.entries()) ports.push(await listen(server, i === 0 ? (options.port ?? 0) : 0));
  } catch (error) {
    for (const server of servers) server.close(() => undefined);
    throw error;
  }
  const base = `http://127.0.0.1:${ports[0]}`;
  const spspBase = options.spspTls ? `https://127.0.0.1:${ports[1]}` : base;
  let closing: Promise<void> | undefined;
  return {
    spspUrl: `${spspBase}/.well-known/pay`, baseUrl: spspBase, ilpUrl: `${base}${ILP_PATH}`, ilpToken: token,
    address, assetCode, assetScale, limits, faults,
    receivedData: (destination, streamId) => {
      const t = secrets.tokenOf(destination);
      return (t && directory.find(t)?.assembled(streamId)) || Buffer.alloc(0);
    },
    close: () => (closing ??= Promise.all(servers.map((server) => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }))).then(() => undefined)),
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
