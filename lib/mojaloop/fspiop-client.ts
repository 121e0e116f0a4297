/**
 * The harness sending one FSPIOP request or callback to a participant: the FSPIOP headers with the dialect's
 * media types, the body through the dialect (in the ISO 20022 mode the message keeps the ISO body as `wire`
 * and, as `body`, the v1.1 view of what was sent: what the participant can know), one bounded HTTP exchange. Never throws for the participant's behaviour: an unreachable
 * participant, a timeout or a non-2xx answer comes back as a named reason.
 */
import { FSPIOP_DIALECT, fspiopHeaders, nounOf, type EncodeContext, type FspiopDialect, type FspiopNoun, type FspiopResource } from '../../contracts/fspiop';
import type { FspiopMessage } from './fspiop-message';

export type SendOutcome =
  | { readonly ok: true; readonly status: number; readonly message: FspiopMessage; readonly answer: string }
  | { readonly ok: false; readonly reason: string; readonly status?: number; readonly message: FspiopMessage; readonly answer?: string; readonly unwritable?: true };

export interface SendOptions {
  readonly baseUrl: string;
  readonly resource: FspiopResource;
  readonly path: string;
  readonly body: object;
  readonly source: string;
  readonly destination: string;
  readonly dialect: FspiopDialect;
  readonly timeoutMs: number;
  readonly errorOf?: FspiopNoun;
  /** What the dialect needs beside the body (the path's ID, the payment's quote). */
  readonly context?: EncodeContext;
  /** Send these bytes instead of encoding `body` again (a resend of the very same message). */
  readonly rawBody?: string;
}

export async function sendFspiop(o: SendOptions): Promise<SendOutcome> {
  const method = o.resource.endsWith('.post') ? 'POST' : 'PUT';
  const noun = nounOf(o.resource, o.errorOf);
  const headers = fspiopHeaders({ noun, request: method === 'POST', source: o.source, destination: o.destination, contentType: o.dialect.contentType(o.resource, o.errorOf), accept: o.dialect.accept(noun) });
  const id = method === 'POST' ? String((o.body as Record<string, unknown>).quoteId ?? (o.body as Record<string, unknown>).transferId) : o.path.split('/')[2];
  const unsent: FspiopMessage = { method, path: o.path, headers, body: o.body, rawBody: '', resource: o.resource, id, at: Date.now(), origin: 'harness' };
  let rawBody: string;
  let seen: Pick<FspiopMessage, 'body' | 'wire'> = { body: o.body };
  try {
    const wire = o.rawBody !== undefined ? JSON.parse(o.rawBody) : o.dialect.encode(o.resource, o.body, { id, source: o.source, destination: o.destination, ...o.context });
    rawBody = o.rawBody ?? JSON.stringify(wire);
    if (o.dialect !== FSPIOP_DIALECT) seen = { body: o.dialect.decode(o.resource, wire), wire };
  } catch (e) {
    return { ok: false, reason: `${method} ${o.path}: the harness cannot write this message in the ${o.dialect.name} body format: ${(e as Error).message}`, message: unsent, unwritable: true };
  }
  const message: FspiopMessage = { ...unsent, ...seen, rawBody };
  const url = new URL(o.path.replace(/^\//, ''), o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: rawBody, signal: AbortSignal.timeout(o.timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const reason = (e as Error).name === 'TimeoutError' ? `${method} ${o.path}: no HTTP answer within ${o.timeoutMs} ms` : `${method} ${o.path}: the participant at ${o.baseUrl} cannot be reached (${cause?.code ?? cause?.message ?? (e as Error).message})`;
    return { ok: false, reason, message };
  }
  const answer = await res.text().catch(() => '');
  const expected = method === 'POST' ? [202] : [200];
  if (!expected.includes(res.status) && !(res.status >= 200 && res.status < 300)) {
    return { ok: false, status: res.status, reason: `${method} ${o.path}: the participant answered HTTP ${res.status}${answer ? ` (${answer.slice(0, 200)})` : ''}, not ${expected.join('/')}`, message, answer };
  }
  return { ok: true, status: res.status, message, answer };
}
