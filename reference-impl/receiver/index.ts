/**
 * The bundled reference receiver: an SPSP endpoint and a STREAM server behind ILP over HTTP, on one
 * loopback port. `startReferenceReceiver()` is the embedded default of the receiver profile; the harness
 * starts it only through lib/targets/bundled-references.ts.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConnectionDirectory } from './directory';
import { parseReceiverFaults, type ReceiverFault } from './faults';
import { DEFAULT_LIMITS, type ReceiverLimits } from './limits';
import { createReceiverPipeline } from './pipeline';
import { ConnectionSecrets } from './secrets';
import { createReceiverServer, ILP_PATH } from './server';
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
}

export interface RunningReceiver {
  /** The payment pointer's URL, `/.well-known/pay`. */
  readonly spspUrl: string;
  /** Base URL of the SPSP endpoints (`<base>/<name>` for named receivers). */
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
  const server = createReceiverServer({
    address, token, faults, assetCode, assetScale,
    spsp: createSpspHandler({ secrets, faults, paths: new Set(['/.well-known/pay', '/alice']), cacheSeconds: 60 }),
    answer: createReceiverPipeline(directory, address),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    spspUrl: `${base}/.well-known/pay`, baseUrl: base, ilpUrl: `${base}${ILP_PATH}`, ilpToken: token,
    address, assetCode, assetScale, limits, faults,
    receivedData: (destination, streamId) => {
      const t = secrets.tokenOf(destination);
      return (t && directory.find(t)?.assembled(streamId)) || Buffer.alloc(0);
    },
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })),
  };
}
