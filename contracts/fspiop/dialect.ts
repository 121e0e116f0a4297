/**
 * The body format seam of the FSPIOP messages the harness and the reference exchange. Everything above this
 * seam speaks plain FSPIOP v1.1 JSON bodies (QuotesPostRequest, QuotesIDPutResponse, TransfersPostRequest,
 * TransfersIDPutResponse, ErrorInformationObject); a dialect turns them into what goes on the wire and back:
 *
 *   encode(resource, fspiopBody) -> wire body         decode(resource, wireBody) -> fspiopBody
 *   contentType(resource)        -> the Content-Type header of that message
 *
 *   accept(noun)                 -> the Accept header of a request
 *
 * FSPIOP_DIALECT is the identity (the v1.1 API itself). ISO20022_DIALECT is the ISO 20022 mode of Mojaloop
 * (FSPIOP API v2.0 with ISO 20022 bodies, iso20022.ts): `application/vnd.interoperability.iso20022.<resource>
 * +json;version=2.0` in Content-Type and Accept (as the hub's ml-api-adapter and the SDK send them), ILPv4 only.
 * Encoding an ISO body needs what the v1.1 body lacks (EncodeContext: the path's ID, the FSPs, the payment's
 * POST /quotes); a body that does not decode is a DialectError naming why. Pure: no I/O.
 */
import { randomUUID } from 'node:crypto';
import { fromIso20022, Iso20022Error, iso20022ContentType, newUlid, toIso20022 } from './iso20022';


/** Which message: the request or callback of a resource. `error.put` is PUT /{resource}/{ID}/error. */
export type FspiopResource = 'quotes.post' | 'quotes.put' | 'transfers.post' | 'transfers.put' | 'error.put';

export const FSPIOP_RESOURCES: readonly FspiopResource[] = ['quotes.post', 'quotes.put', 'transfers.post', 'transfers.put', 'error.put'];

/** The API resource a message belongs to; an error callback belongs to the resource it answers. */
export type FspiopNoun = 'quotes' | 'transfers';

export type FspiopBody = Readonly<Record<string, unknown>>;

/** What an ISO body needs beside the v1.1 body: the path's {ID}, the sending and receiving FSP, and the
 * FSPIOP v1.1 POST /quotes of the payment (parties and charge bearer of PUT /quotes and POST /transfers). */
export interface EncodeContext {
  readonly id?: string;
  readonly source?: string;
  readonly destination?: string;
  readonly quote?: object;
}

export interface FspiopDialect {
  readonly name: ApiDialectName;
  /** Throws (DialectError, Iso20022Error) when the body cannot be written in this dialect. */
  encode(resource: FspiopResource, body: object, context?: EncodeContext): unknown;
  /** Throws DialectError naming why the wire body is not a body of this dialect. */
  decode(resource: FspiopResource, wire: unknown): FspiopBody;
  /** `errorOf` names the resource an `error.put` answers (default transfers). */
  contentType(resource: FspiopResource, errorOf?: FspiopNoun): string;
  /** The Accept header of a request about `noun`. */
  accept(noun: FspiopNoun): string;
  /** A new quoteId, transactionId or transferId: a UUID (v1.1 CorrelationId) or a ULID (ISO 20022 mode). */
  newId(): string;
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
  accept: (noun) => `application/vnd.interoperability.${noun}+json;version=1`,
  newId: () => randomUUID(),
};

/** Top-level fields of a v1.1 body: a sign that a v1.1 body came where an ISO 20022 one was due. */
const V11_FIELDS = ['quoteId', 'transferId', 'ilpPacket', 'condition', 'fulfilment', 'transferState', 'errorInformation', 'transferAmount'];

export const ISO20022_DIALECT: FspiopDialect = {
  name: 'iso20022',
  encode: (resource, body, context = {}) => toIso20022(resource, body, {
    ...(context.id !== undefined ? { id: context.id } : {}), ...(context.source !== undefined ? { source: context.source } : {}),
    ...(context.destination !== undefined ? { destination: context.destination } : {}), ...(context.quote !== undefined ? { quote: context.quote } : {}),
  }),
  decode(resource, wire) {
    const body = asBody(resource, wire);
    const v11 = V11_FIELDS.filter((k) => k in body);
    if (v11.length > 0 && !('GrpHdr' in body)) throw new DialectError(`${resource}: an FSPIOP v1.1 body (${v11.join(', ')}) where the ISO 20022 mode was expected (GrpHdr, CdtTrfTxInf or TxInfAndSts)`);
    try {
      return fromIso20022(resource, body);
    } catch (e) {
      if (e instanceof Iso20022Error) throw new DialectError(`not an ISO 20022 mode body: ${e.message}`);
      throw e;
    }
  },
  contentType: (resource, errorOf) => iso20022ContentType(resource, errorOf),
  accept: (noun) => `application/vnd.interoperability.iso20022.${noun}+json;version=2.0`,
  newId: () => newUlid(),
};

/** The dialect of `--api`; throws DialectError naming why when it is not available. */
export function dialectFor(name: string): FspiopDialect {
  if (name === 'fspiop') return FSPIOP_DIALECT;
  if (name === 'iso20022') return ISO20022_DIALECT;
  throw new DialectError(`unknown API "${name}" (known: ${API_DIALECTS.join(', ')})`);
}
