/**
 * One FSPIOP message as the harness saw it, whichever way it came: received by the switch listener, sent by
 * the harness, or (later) read from a hub's log. Then-steps judge these, never a live socket, so a captured
 * source can feed the same checks: `origin` says where a message came from.
 */
import type { FspiopResource } from '../../contracts/fspiop';

export interface FspiopMessage {
  readonly method: string;
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body as FSPIOP v1.1 (the dialect's decoded view; undefined when it was not JSON or did
   * not decode: see `rawBody`, `decodeProblem`). */
  readonly body: unknown;
  /** The parsed body as it went on the wire, when the dialect is not v1.1 itself (an ISO 20022 body). */
  readonly wire?: unknown;
  /** Why the wire body is not a body of the run's dialect (a v1.1 body where ISO 20022 was due, ...). */
  readonly decodeProblem?: string;
  readonly rawBody: string;
  readonly resource: FspiopResource | undefined;
  /** The quoteId or transferId in the path (callbacks) or the body (requests). */
  readonly id: string | undefined;
  /** When the harness saw it (epoch milliseconds). */
  readonly at: number;
  readonly origin: 'switch' | 'harness' | 'captured';
}

const PATH = /^\/(quotes|transfers)(?:\/([^/]+))?(\/error)?$/;

/** What a method and path are in FSPIOP terms. */
export function classify(method: string, path: string, body: unknown): { resource: FspiopResource | undefined; id: string | undefined } {
  const m = PATH.exec(path.split('?')[0]!);
  if (!m) return { resource: undefined, id: undefined };
  const noun = m[1] as 'quotes' | 'transfers';
  if (method === 'POST' && !m[2]) {
    const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const id = noun === 'quotes' ? b.quoteId : b.transferId;
    return { resource: `${noun}.post`, id: typeof id === 'string' ? id : undefined };
  }
  if (method === 'PUT' && m[2]) return { resource: m[3] ? 'error.put' : `${noun}.put`, id: decodeURIComponent(m[2]) };
  return { resource: undefined, id: undefined };
}

/** Headers that carry credentials or signatures: masked in every transcript. */
export const MASKED_HEADERS = ['authorization', 'fspiop-signature', 'fspiop-encryption'];

export function maskedHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, MASKED_HEADERS.includes(k.toLowerCase()) ? '***' : v]));
}
