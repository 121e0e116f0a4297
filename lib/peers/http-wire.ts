/**
 * The HTTP plumbing every harness peer shares: reading a bounded request body, checking a bearer token,
 * copying headers for the transcript with credentials masked, and one bounded client request.
 * Nothing here knows ILP; lib/peers/peer-server.ts and lib/peers/sender.ts give the bytes meaning.
 */
import http from 'node:http';
import type { Socket } from 'node:net';

/** A request or response body larger than this is cut off and reported; ILP packets stay below 40 KB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const OCTET_STREAM = 'application/octet-stream';

export type HeaderRecord = Readonly<Record<string, string>>;

/** Lower-cased header names, repeated headers joined with ", ", Authorization masked to its scheme. */
export function maskedHeaders(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): HeaderRecord {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    out[name.toLowerCase()] = name.toLowerCase() === 'authorization' ? maskAuthorization(text) : text;
  }
  return out;
}

export function maskAuthorization(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space)} ***` : '***';
}

/** True when the request presents exactly `Bearer <token>` (the scheme name is case-insensitive, RFC 6750). */
export function hasBearerToken(req: http.IncomingMessage, token: string): boolean {
  const value = req.headers.authorization;
  if (typeof value !== 'string') return false;
  const match = /^bearer\s+(.+)$/i.exec(value.trim());
  return match !== null && match[1] === token;
}

/** The media type of a Content-Type or Accept entry, without parameters, lower-cased. */
export function mediaType(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.split(';')[0]!.trim().toLowerCase();
}

export function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body larger than ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('the client closed the connection before the body ended')));
  });
}

export interface HttpResult {
  readonly status: number;
  readonly headers: HeaderRecord;
  readonly body: Uint8Array;
  readonly elapsedMs: number;
}

export type HttpAttempt =
  | ({ readonly ok: true; readonly retriedStaleConnection?: boolean } & HttpResult)
  | {
      readonly ok: false;
      readonly reason: string;
      readonly timedOut: boolean;
      readonly elapsedMs: number;
      /** Refused, connect timed out, or reset/closed before any response: nobody answered at HTTP level. */
      readonly connectFailure?: boolean;
    };

/**
 * One POST, bounded by `timeoutMs`. Never throws: a refused connection, a reset or the bound running out
 * come back as `{ ok: false }` with a reason a failure message can show.
 *
 * A keep-alive connection the server closed while idle can be reset just as the request goes out on it
 * (the server never read it). That race is the harness's, not the SUT's, so such a request is sent once
 * more on a fresh connection, as Node's documentation advises (`request.reusedSocket`); a reset on a fresh
 * connection is reported as it is.
 */
export async function postBytes(
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
  timeoutMs: number,
  agent?: http.Agent,
): Promise<HttpAttempt> {
  const started = Date.now();
  const first = await postOnce(url, headers, body, timeoutMs, agent);
  if (first.ok || !first.staleConnection) return strip(first);
  const second = await postOnce(url, headers, body, Math.max(0, timeoutMs - (Date.now() - started)), agent);
  const result = strip(second);
  return result.ok ? { ...result, retriedStaleConnection: true, elapsedMs: Date.now() - started } : result;
}

type RawAttempt = HttpAttempt & { readonly staleConnection?: boolean };

function strip(attempt: RawAttempt): HttpAttempt {
  const { staleConnection: _stale, ...rest } = attempt as RawAttempt & { staleConnection?: boolean };
  return rest as HttpAttempt;
}

function postOnce(url: string, headers: Record<string, string>, body: Uint8Array, timeoutMs: number, agent?: http.Agent): Promise<RawAttempt> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (attempt: RawAttempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(attempt);
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      finish({ ok: false, reason: `not a URL: ${JSON.stringify(url)}`, timedOut: false, elapsedMs: 0 });
      return;
    }
    if (target.protocol !== 'http:') {
      finish({ ok: false, reason: `only http: URLs are supported on loopback, got ${target.protocol}`, timedOut: false, elapsedMs: 0 });
      return;
    }
    const req = http.request(target, {
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': String(body.length) },
    });
    // Which phase the bound ran out in names the misbehaviour: no connection, no (or half a) response head,
    // or a body that never finished. Bytes read are counted from this request's start (sockets are reused).
    let connected = false;
    let socketBytesAtStart = 0;
    let socketOf: Socket | undefined;
    let bodyBytes = 0;
    let responded = false;
    req.on('socket', (socket) => {
      socketOf = socket;
      socketBytesAtStart = socket.bytesRead;
      if (socket.connecting) socket.once('connect', () => (connected = true));
      else connected = true;
    });
    timer = setTimeout(() => {
      const elapsedMs = Date.now() - started;
      const headBytes = socketOf ? socketOf.bytesRead - socketBytesAtStart : 0;
      if (!connected) finish({ ok: false, reason: `no TCP connection within ${timeoutMs} ms (connect timed out)`, timedOut: false, connectFailure: true, elapsedMs });
      else if (responded) finish({ ok: false, reason: `response body incomplete after ${timeoutMs} ms (${bodyBytes} bytes received; the body stalled or drips)`, timedOut: false, elapsedMs });
      else if (headBytes > 0) finish({ ok: false, reason: `response headers incomplete after ${timeoutMs} ms (${headBytes} bytes received; the head stalled or drips)`, timedOut: false, elapsedMs });
      else finish({ ok: false, reason: `no HTTP response within ${timeoutMs} ms`, timedOut: true, elapsedMs });
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      responded = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bodyBytes += chunk.length;
        if (bodyBytes > MAX_BODY_BYTES) {
          // Enforced while streaming: stop reading and drop the connection instead of buffering the rest.
          finish({ ok: false, reason: `response body exceeds ${MAX_BODY_BYTES} bytes (HTTP ${res.statusCode}${res.headers['content-length'] ? `, Content-Length ${res.headers['content-length']}` : ''}); stopped reading`, timedOut: false, elapsedMs: Date.now() - started });
          chunks.length = 0;
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish({
          ok: true,
          status: res.statusCode ?? 0,
          headers: maskedHeaders(res.headers),
          body: new Uint8Array(Buffer.concat(chunks)),
          elapsedMs: Date.now() - started,
        }),
      );
      res.on('error', (error) => finish({ ok: false, reason: `response broke off after ${bodyBytes} body bytes: ${error.message}`, timedOut: false, elapsedMs: Date.now() - started }));
      res.on('aborted', () => finish({ ok: false, reason: `the server closed the connection mid-response (after ${bodyBytes} body bytes)`, timedOut: false, elapsedMs: Date.now() - started }));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        ok: false,
        reason: describeSocketError(error),
        timedOut: false,
        elapsedMs: Date.now() - started,
        // Refused, or dropped before any response: the SUT was not there to talk to (circuit breaker input).
        connectFailure: !responded,
        staleConnection: req.reusedSocket && !responded && (error.code === 'ECONNRESET' || error.code === 'EPIPE'),
      }),
    );
    req.end(Buffer.from(body));
  });
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused (${error.message})`;
    case 'ECONNRESET':
      // Node reports a plain close (FIN) before any response as ECONNRESET "socket hang up".
      return error.message === 'socket hang up'
        ? 'the server closed the connection before answering (socket hang up)'
        : 'connection reset (ECONNRESET) before a response arrived';
    case 'EPIPE':
      return 'the connection closed while the request was being written';
    default:
      return error.message;
  }
}

/** Starts an HTTP server on host:port (0 = ephemeral) and says clearly when the port is taken. */
export function listen(server: http.Server, host: string, port: number, who: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `${who}: port ${port} on ${host} is already in use (another run, or --parallel against an external connector, which needs the topology's fixed ports)`
            : `${who}: cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes a server and every connection it still holds (held requests, keep-alive sockets). */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
