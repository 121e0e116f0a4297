/**
 * A deliberately broken "connector" for proving the harness survives one: every request gets one of a set of
 * named misbehaviours instead of an ILP reply. Loopback only; `close()` ends every connection and timer.
 *
 * The mode is chosen per request: a first path segment naming a mode wins (`POST /drip/ilp/alice`, so a run
 * picks its misbehaviour with `--target http://127.0.0.1:<port>/drip`); otherwise the server's default mode.
 * Mode `cycle` hands each request the next mode of `cycle` in turn.
 *
 * Every answer that completes carries `Connection: close`, so no keep-alive socket is reused across modes
 * (the harness's stale-socket retry would otherwise resend and skew what each request met).
 */
import http from 'node:http';
import type { Socket } from 'node:net';

export const HOSTILE_MODES = {
  hang: 'reads the request and never answers',
  drip: 'answers 200 and sends the body one byte per second, never finishing',
  garbage: 'answers 200 with a body that is not an ILP packet',
  reset: 'resets the TCP connection (RST) once the request head arrives',
  huge: 'answers 200 with a 100 MB body, streamed',
  empty: 'answers 200 with an empty body',
  close: 'closes the connection (FIN) without answering',
  error500: 'answers 500 to everything',
  'slow-headers': 'sends the status line, then the headers one byte per second, never finishing them',
} as const;

export type HostileMode = keyof typeof HOSTILE_MODES;
export const HOSTILE_MODE_NAMES = Object.keys(HOSTILE_MODES) as HostileMode[];

export const HUGE_BODY_BYTES = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const DRIP_INTERVAL_MS = 1000;

export interface HostileServerOptions {
  /** Mode for requests whose path names none: a mode, or 'cycle'. Default 'hang'. */
  readonly mode?: HostileMode | 'cycle';
  /** The order `cycle` hands out modes in; default every mode. */
  readonly cycle?: readonly HostileMode[];
  readonly port?: number;
}

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  /** TCP connections open right now. */
  openConnections(): number;
  /** Requests seen per mode served. */
  readonly served: Readonly<Record<string, number>>;
  /** Bytes of the 100 MB bodies actually written before the client stopped reading. */
  hugeBytesWritten(): number;
  close(): Promise<void>;
}

export function isHostileMode(name: string): name is HostileMode {
  return Object.prototype.hasOwnProperty.call(HOSTILE_MODES, name);
}

export async function startHostileServer(options: HostileServerOptions = {}): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const served: Record<string, number> = {};
  const cycle = options.cycle?.length ? [...options.cycle] : HOSTILE_MODE_NAMES;
  let turn = 0;
  let hugeWritten = 0;

  const every = (socket: Socket, fn: () => boolean) => {
    const timer = setInterval(() => {
      if (socket.destroyed || !fn()) {
        clearInterval(timer);
        timers.delete(timer);
      }
    }, DRIP_INTERVAL_MS);
    timers.add(timer);
  };

  const pick = (path: string): HostileMode => {
    const first = path.split('/')[1] ?? '';
    if (isHostileMode(first)) return first;
    if (options.mode === 'cycle') return cycle[turn++ % cycle.length]!;
    return options.mode ?? 'hang';
  };

  const server = http.createServer((req, res) => {
    const mode = pick(req.url ?? '/');
    served[mode] = (served[mode] ?? 0) + 1;
    const socket = req.socket;
    req.resume(); // drain the request body whatever happens to it
    switch (mode) {
      case 'hang':
        return;
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'close':
        socket.end();
        socket.destroy();
        return;
      case 'empty':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '0', connection: 'close' }).end();
        return;
      case 'garbage': {
        const body = Buffer.from('<html>this is not an ILP packet</html>\n');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(body.length), connection: 'close' }).end(body);
        return;
      }
      case 'error500':
        res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' }).end('internal hostility');
        return;
      case 'drip':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000' });
        res.write(Buffer.from([0x0d]));
        every(socket, () => res.write(Buffer.from([0x00])) || true);
        return;
      case 'slow-headers': {
        socket.write('HTTP/1.1 200 OK\r\n');
        const header = 'x-slow: ' + 'a'.repeat(10_000);
        let i = 0;
        every(socket, () => (i < header.length ? (socket.write(header[i++]!), true) : false));
        return;
      }
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(HUGE_BODY_BYTES), connection: 'close' });
        streamHuge(res, (n) => (hugeWritten += n));
        return;
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client hanging up mid-misbehaviour is expected
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    openConnections: () => sockets.size,
    served,
    hugeBytesWritten: () => hugeWritten,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes HUGE_BODY_BYTES in 64 KB chunks, waiting for 'drain' so nothing piles up in memory. */
function streamHuge(res: http.ServerResponse, count: (n: number) => void): void {
  let left = HUGE_BODY_BYTES;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.length;
      count(chunk.length);
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (left === 0 && !res.destroyed) res.end();
  };
  pump();
}
