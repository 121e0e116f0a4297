/**
 * One loopback listener at the topology's sut.url in front of ilp-plugin-http's per-account servers.
 *
 * ilp-plugin-http runs one HTTP server per account, on a port of its own, answers any path there, and binds
 * every interface. The suite's topology gives the SUT one base URL and a path per peer. While the front door
 * is installed, a server that asks to listen on one of the internal ports (connector-config.ts) does not
 * bind: it is mounted under that peer's path, and each request arriving at the front door on that path is
 * handed, untouched, to that server's own request handler. So every header, status code and body the
 * harness sees comes from ilp-plugin-http itself; the front door only chooses which account's server
 * answers, the way a path-routing ingress would, without an extra hop. Nothing binds beyond 127.0.0.1.
 *
 * Unknown paths get 404 (no account), which no ILP exchange can be confused with.
 * Does not: look at bodies, headers or tokens.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Mount } from './connector-config';

export interface FrontDoor {
  /** http://127.0.0.1:<port>, plus the base path of sut.url if it has one. */
  readonly url: string;
  /** Mounted servers by path, for diagnostics. */
  readonly mounted: ReadonlyMap<string, http.Server>;
  close(): Promise<void>;
}

type Listen = typeof http.Server.prototype.listen;

let installed = false;

/**
 * Installs the listen interception for the internal ports in `mounts`, then listens on host:port.
 * Call before ilp-connector connects its plugins. One front door per process.
 */
export async function openFrontDoor(opts: { mounts: readonly Mount[]; sutUrl: string; host?: string; port?: number }): Promise<FrontDoor> {
  if (installed) throw new Error('front door already open in this process (one connector per process)');
  const base = new URL(opts.sutUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (base.port ? Number(base.port) : 80);
  const byPort = new Map(opts.mounts.map((m) => [m.internalPort, m]));
  const mounted = new Map<string, http.Server>();

  const originalListen: Listen = http.Server.prototype.listen;
  const interceptingListen = function (this: http.Server, ...args: unknown[]): http.Server {
    const first = args[0];
    const mount = typeof first === 'number' ? byPort.get(first) : undefined;
    if (!mount) return (originalListen as (...a: unknown[]) => http.Server).apply(this, args);
    mounted.set(`${basePath}${mount.path}`, this);
    const callback = args.find((a): a is () => void => typeof a === 'function');
    process.nextTick(() => {
      this.emit('listening');
      callback?.();
    });
    return this;
  };
  http.Server.prototype.listen = interceptingListen as Listen;
  installed = true;

  const front = http.createServer({ keepAlive: true }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
    const target = mounted.get(path);
    if (!target) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no account at ${path}\n`);
      return;
    }
    target.emit('request', req, res);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      (originalListen as (...a: unknown[]) => http.Server).call(front, port, host, () => {
        front.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    http.Server.prototype.listen = originalListen;
    installed = false;
    throw new Error(`cannot listen on ${host}:${port} for ${opts.sutUrl}: ${(error as Error).message}`);
  }
  const bound = front.address() as AddressInfo;
  return {
    url: `http://${host}:${bound.port}${basePath}`,
    mounted,
    close: async () => {
      const closed = new Promise<void>((resolve) => front.close(() => resolve()));
      front.closeAllConnections();
      await closed;
      http.Server.prototype.listen = originalListen;
      installed = false;
    },
  };
}
