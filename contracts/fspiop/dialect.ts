/**
 * The body format seam of the FSPIOP messages the harness and the reference exchange. Everything above this
 * seam speaks plain FSPIOP v1.1 JSON bodies (QuotesPostRequest, QuotesIDPutResponse, TransfersPostRequest,
 * TransfersIDPutResponse, ErrorInformationObject); a dialect turns them into what goes on the wire and back:
 *
 *   encode(resource, fspiopBody) -> wire body         decode(resource, wireBody) -> fspiopBody
 *   contentType(resource)        -> the Content-Type header of that message
 *
 * FSPIOP_DIALECT is the identity (the v1.1 API itself). The ISO 20022 mode of Mojaloop (FSPIOP v2 with
 * ISO 20022 bodies) is written over exactly this shape; until it is wired, dialectFor('iso20022') refuses
 * with a sentence. Pure: no I/O.
 */

/** Which message: the request or callback of a resource. `error.put` is PUT /{resource}/{ID}/error. */
export type FspiopResource = 'quotes.post' | 'quotes.put' | 'transfers.post' | 'transfers.put' | 'error.put';

export const FSPIOP_RESOURCES: readonly FspiopResource[] = ['quotes.post', 'quotes.put', 'transfers.post', 'transfers.put', 'error.put'];

/** The API resource a message belongs to; an error callback belongs to the resource it answers. */
export type FspiopNoun = 'quotes' | 'transfers';

export type FspiopBody = Readonly<Record<string, unknown>>;

export interface FspiopDialect {
  readonly name: ApiDialectName;
  encode(resource: FspiopResource, body: object): unknown;
  decode(resource: FspiopResource, wire: unknown): FspiopBody;
  /** `errorOf` names the resource an `error.put` answers (default transfers). */
  contentType(resource: FspiopResource, errorOf?: FspiopNoun): string;
}

export type ApiDialectName = 'fspiop' | 'iso20022';
export const API_DIALECTS: readonly ApiDialectName[] = ['fspiop', 'iso20022'];

export class DialectError extends Error {
  override readonly name = 'DialectError';
}

export function nounOf(resource: FspiopResource, errorOf: FspiopNoun = 'transfers'): FspiopNoun {
  return resource === 'error.put' ? errorOf : resource.startsWith('quotes') ? 'quotes' : 'transfers';
}

/** `application/vnd.interoperability.<resource>+json;version=1.1` (API Definition 3.2.2, 3.3). */
export function fspiopContentType(noun: FspiopNoun, version = '1.1'): string {
  return `application/vnd.interoperability.${noun}+json;version=${version}`;
}

function asBody(resource: FspiopResource, wire: unknown): FspiopBody {
  if (wire === null || typeof wire !== 'object' || Array.isArray(wire)) throw new DialectError(`${resource}: the body is not a JSON object (${wire === null ? 'null' : Array.isArray(wire) ? 'an array' : typeof wire})`);
  return wire as FspiopBody;
}

export const FSPIOP_DIALECT: FspiopDialect = {
  name: 'fspiop',
  encode: (_resource, body) => body,
  decode: asBody,
  contentType: (resource, errorOf) => fspiopContentType(nounOf(resource, errorOf)),
};

/** The dialect of `--api`; throws DialectError naming why when it is not available. */
export function dialectFor(name: string): FspiopDialect {
  if (name === 'fspiop') return FSPIOP_DIALECT;
  if (name === 'iso20022') throw new DialectError('--api iso20022 is not wired yet: the ISO 20022 translation (contracts/fspiop/dialect.ts) is not built into this suite; use --api fspiop');
  throw new DialectError(`unknown API "${name}" (known: ${API_DIALECTS.join(', ')})`);
}
