/**
 * The harness sending one FSPIOP request or callback to a participant: v1.1 headers, the body through the
 * dialect, one bounded HTTP exchange. Never throws for the participant's behaviour: an unreachable
 * participant, a timeout or a non-2xx answer comes back as a named reason.
 */
import { fspiopHeaders, nounOf, type FspiopDialect, type FspiopNoun, type FspiopResource } from '../../contracts/fspiop';
import type { FspiopMessage } from './fspiop-message';

export type SendOutcome =
  | { readonly ok: true; readonly status: number; readonly message: FspiopMessage; readonly answer: string }
  | { readonly ok: false; readonly reason: string; readonly status?: number; readonly message: FspiopMessage; readonly answer?: string };

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
}

export async function sendFspiop(o: SendOptions): Promise<SendOutcome> {
  const method = o.resource.endsWith('.post') ? 'POST' : 'PUT';
  const headers = fspiopHeaders({ noun: nounOf(o.resource, o.errorOf), request: method === 'POST', source: o.source, destination: o.destination, contentType: o.dialect.contentType(o.resource, o.errorOf) });
  const rawBody = JSON.stringify(o.dialect.encode(o.resource, o.body));
  const id = method === 'POST' ? String((o.body as Record<string, unknown>).quoteId ?? (o.body as Record<string, unknown>).transferId) : o.path.split('/')[2];
  const message: FspiopMessage = { method, path: o.path, headers, body: o.body, rawBody, resource: o.resource, id, at: Date.now(), origin: 'harness' };
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
