/**
 * The FSPIOP v1.1 HTTP header fields (API Definition 3.2.2, Table 1) of a request or callback, and the
 * check that a message carries them (catalog ML-018):
 *
 *   Content-Type        application/vnd.interoperability.<resource>+json;version=1.1
 *   Accept              the same media type without a version (requests only)
 *   Date                an RFC 7231 date (the HTTP-date of toUTCString)
 *   FSPIOP-Source       the FSP that sends the message
 *   FSPIOP-Destination  the FSP it is for (on a callback: the FSP that sent the request)
 *
 * In the ISO 20022 mode (`api: 'iso20022'`) both media types are application/vnd.interoperability.iso20022.
 * <resource>+json;version=2.0 (the hub's ml-api-adapter and the SDK's ISO transform send these).
 * Pure: no I/O. Header names are compared in lower case, as Node gives them.
 */
import { check, type MojaloopCheck } from './checks';
import { fspiopContentType, type ApiDialectName, type FspiopNoun } from './dialect';
import { iso20022ContentType } from './iso20022';

export interface FspiopHeaderOptions {
  readonly noun: FspiopNoun;
  readonly source: string;
  readonly destination?: string;
  readonly request: boolean;
  readonly contentType?: string;
  readonly accept?: string;
  readonly date?: Date;
}

export function fspiopHeaders(o: FspiopHeaderOptions): Record<string, string> {
  return {
    'content-type': o.contentType ?? fspiopContentType(o.noun),
    ...(o.request ? { accept: o.accept ?? `application/vnd.interoperability.${o.noun}+json;version=1` } : {}),
    date: (o.date ?? new Date()).toUTCString(),
    'fspiop-source': o.source,
    ...(o.destination ? { 'fspiop-destination': o.destination } : {}),
  };
}

export interface HeaderExpectation {
  readonly noun: FspiopNoun;
  /** Who must have sent it. */
  readonly source: string;
  /** Who it must name as destination; undefined: not checked (optional on a POST). */
  readonly destination?: string;
  /** The body format the media type must name (default fspiop: version=1.1). */
  readonly api?: ApiDialectName;
}

const CONTENT_TYPE = /^application\/vnd\.interoperability\.([a-z]+)\+json\s*;\s*version=1\.1$/i;
const ISO20022_CONTENT_TYPE = /^application\/vnd\.interoperability\.iso20022\.([a-z]+)\+json\s*;\s*version=2\.0$/i;

/** ML-018: one check per header field. */
export function checkFspiopHeaders(headers: Readonly<Record<string, string | undefined>>, want: HeaderExpectation): MojaloopCheck[] {
  const h = (name: string): string | undefined => headers[name];
  const contentType = h('content-type');
  const iso = want.api === 'iso20022';
  const noun = (iso ? ISO20022_CONTENT_TYPE : CONTENT_TYPE).exec(contentType ?? '')?.[1];
  const expected = iso ? iso20022ContentType(want.noun === 'quotes' ? 'quotes.put' : 'transfers.put') : fspiopContentType(want.noun);
  const date = h('date');
  const checks = [
    check('ML-018', noun === want.noun, `Content-Type ${expected}`, `Content-Type ${contentType ?? '(none)'}`),
    check('ML-018', date !== undefined && !Number.isNaN(Date.parse(date)), 'a Date header with an HTTP date', `Date ${date ?? '(none)'}`),
    check('ML-018', h('fspiop-source') === want.source, `FSPIOP-Source ${want.source}`, `FSPIOP-Source ${h('fspiop-source') ?? '(none)'}`),
  ];
  if (want.destination !== undefined) {
    checks.push(check('ML-018', h('fspiop-destination') === want.destination, `FSPIOP-Destination ${want.destination}`, `FSPIOP-Destination ${h('fspiop-destination') ?? '(none)'}`));
  }
  return checks;
}
