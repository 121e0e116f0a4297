/**
 * One HTTP POST with a byte body over a keep-alive agent, abortable, with failures classified as
 * TransportErrors: 'aborted' (our signal), 'unreachable' (no connection, reset, no answer in time),
 * 'invalid-reply' (a response body above the size limit). Status codes are the caller's to judge.
 */
import http from 'node:http';
import https from 'node:https';
import { TransportError } from '../transport';
import { BodyTooLargeError, MAX_BODY_BYTES, readBody } from './body';

export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface PostOptions {
  /** Keep-alive agents, one per protocol. */
  readonly agents: { readonly http: http.Agent; readonly https: https.Agent };
  readonly signal?: AbortSignal;
  /** Gives up with 'unreachable' when the socket is idle this long. */
  readonly timeoutMs?: number;
}

export function postBytes(url: URL, headers: http.OutgoingHttpHeaders, body: Uint8Array, opts: PostOptions): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const { signal } = opts;
    if (signal?.aborted) {
      reject(new TransportError('aborted', 'aborted before sending'));
      return;
    }
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(
      url,
      { method: 'POST', agent: secure ? opts.agents.https : opts.agents.http, headers: { ...headers, 'Content-Length': body.length } },
      (response) => {
        readBody(response, MAX_BODY_BYTES).then(
          (bytes) => settle(() => resolve({ status: response.statusCode ?? 0, body: bytes })),
          (error: Error) =>
            settle(() =>
              reject(error instanceof BodyTooLargeError ? new TransportError('invalid-reply', error.message, response.statusCode) : classify(error)),
            ),
        );
      },
    );
    const onAbort = () => request.destroy(new TransportError('aborted', 'request aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.timeoutMs !== undefined) {
      request.setTimeout(opts.timeoutMs, () => request.destroy(new TransportError('unreachable', `no answer within ${opts.timeoutMs} ms`)));
    }
    request.on('error', (error) => settle(() => reject(classify(error))));
    request.end(body);

    function settle(done: () => void): void {
      signal?.removeEventListener('abort', onAbort);
      done();
    }
  });
}

function classify(error: Error): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  return new TransportError('unreachable', code ? `${code} ${error.message}` : error.message);
}
