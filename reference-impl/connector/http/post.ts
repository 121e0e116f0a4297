/**
 * One HTTP POST with a byte body over a keep-alive agent, cancellable, with failures classified as
 * TransportErrors: 'aborted' (cancelled by us), 'unreachable' (no connection, reset, no answer in time; a
 * response whose body was cut off says so in its message, CUT_OFF),
 * 'invalid-reply' (a response body above the size limit). Status codes are the caller's to judge.
 */
import http from 'node:http';
import https from 'node:https';
import { type Cancellation, CUT_OFF, TransportError } from '../transport';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from './body';

export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface PostOptions {
  /** Keep-alive agents, one per protocol. */
  readonly agents: { readonly http: http.Agent; readonly https: https.Agent };
  readonly cancellation?: Cancellation;
  /** Gives up with 'unreachable' when the socket is idle this long. */
  readonly timeoutMs?: number;
}

/** Where to POST, parsed once per peer or callback URL rather than once per request. */
export interface PostTarget {
  readonly secure: boolean;
  readonly hostname: string;
  readonly port: number;
  readonly path: string;
}

export function postTarget(url: string | URL): PostTarget {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  const secure = parsed.protocol === 'https:';
  return {
    secure,
    hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 443 : 80,
    path: `${parsed.pathname}${parsed.search}`,
  };
}

export function postBytes(target: PostTarget, headers: http.OutgoingHttpHeaders, body: Uint8Array, opts: PostOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const { cancellation } = opts;
    const attempt = (isRetry: boolean) => {
      if (cancellation?.cancelled) {
        reject(new TransportError('aborted', 'stopped before sending'));
        return;
      }
      let answered = false;
      const request = (target.secure ? https : http).request(
        {
          method: 'POST',
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          agent: target.secure ? opts.agents.https : opts.agents.http,
          headers: { ...headers, 'Content-Length': body.length },
        },
        (response) => {
          answered = true;
          readBody(response, MAX_BODY_BYTES).then(
            (bytes) => settle(() => resolve({ status: response.statusCode ?? 0, body: bytes })),
            (error: Error) =>
              settle(() =>
                reject(error instanceof BodyTooLargeError ? new TransportError('invalid-reply', error.message, response.statusCode) : cutOff(error)),
              ),
          );
        },
      );
      const removeListener = cancellation?.onCancel(() => request.destroy(new TransportError('aborted', 'request stopped')));
      if (opts.timeoutMs !== undefined) {
        request.setTimeout(opts.timeoutMs, () => request.destroy(new TransportError('unreachable', `no answer within ${opts.timeoutMs} ms`)));
      }
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed just as we reused it: the server never saw this request
        // (Node's documented keep-alive race). Send it once more on a fresh socket.
        if (!isRetry && !answered && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          removeListener?.();
          attempt(true);
          return;
        }
        settle(() => reject(answered ? cutOff(error) : classify(error)));
      });
      request.end(body);

      function settle(done: () => void): void {
        removeListener?.();
        done();
      }
    };
    attempt(false);
  });
}

function cutOff(error: Error): TransportError {
  const inner = classify(error);
  return inner.kind === 'unreachable' ? new TransportError('unreachable', `${CUT_OFF} ${inner.message}`) : inner;
}

function classify(error: Error): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new TransportError('unreachable', code ? `${code} ${error.message}` : error.message);
}
