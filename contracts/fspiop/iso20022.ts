/**
 * The FSPIOP ISO 20022 mode (FSPIOP API v2.0 with ISO 20022 bodies: pacs.008 for POST /quotes, PUT /quotes and
 * POST /transfers, pacs.002 for PUT /transfers and the error callbacks) as a pure translation over plain FSPIOP
 * v1.1 JSON bodies, for the fields an ILP audit reads. Pure: no I/O, no clock unless none is given.
 *
 *   FSPIOP v1.1 body field              ISO 20022 body field
 *   quoteId / transferId                CdtTrfTxInf.PmtId.TxId
 *   transactionId                       CdtTrfTxInf.PmtId.EndToEndId           (quotes.post)
 *   transactionRequestId                CdtTrfTxInf.PmtId.InstrId              (quotes.post)
 *   expiration                          GrpHdr.PmtInstrXpryDtTm
 *   amount / transferAmount             CdtTrfTxInf.IntrBkSttlmAmt.{Ccy, ActiveCurrencyAndAmount}
 *   payeeReceiveAmount                  CdtTrfTxInf.InstdAmt.{Ccy, ActiveOrHistoricCurrencyAndAmount}
 *   payeeFspFee                         CdtTrfTxInf.ChrgsInf.Amt.{Ccy, ActiveOrHistoricCurrencyAndAmount}
 *   payee / payer partyIdInfo           CdtTrfTxInf.Cdtr / Dbtr .Id.{PrvtId|OrgId}.Othr.{SchmeNm.Prtry, Id}
 *                                       (OrgId for BUSINESS, ALIAS, DEVICE; PrvtId for the rest)
 *   payee / payer fspId, payeeFsp/...   CdtTrfTxInf.CdtrAgt / DbtrAgt .FinInstnId.Othr.Id
 *   transactionType.scenario            CdtTrfTxInf.Purp.Prtry                 (quotes.post)
 *   ilpPacket                           CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket   (quotes.put, transfers.post)
 *   condition                           none: it is the Prepare's executionCondition
 *   fulfilment                          TxInfAndSts.ExctnConf                  (transfers.put)
 *   completedTimestamp                  TxInfAndSts.PrcgDt.DtTm
 *   transferState                       TxInfAndSts.TxSts (COMMITTED COMM, RESERVED RESV, RECEIVED RECV, ABORTED ABOR)
 *   errorInformation.errorCode          TxInfAndSts.StsRsnInf.Rsn.Prtry        (error.put)
 *   errorInformation.errorDescription   TxInfAndSts.StsRsnInf.AddtlInf         (at most 105 characters in ISO)
 *
 * Sources: the Mojaloop ISO 20022 FSPIOP API definition (mojaloop-specification: POST /transfers is pacs.008,
 * the packet in VrfctnOfTerms.IlpV4PrepPacket, the expiry in GrpHdr.PmtInstrXpryDtTm) and how Mojaloop maps
 * the two (ml-schema-transformer-lib src/mappings/fspiopiso20022, which also derives the FSPIOP condition from
 * the Prepare and cuts the description at 105). Only ILPv4 is allowed in this mode: an ILPv1 packet, a packet
 * that does not decode, or a condition other than the Prepare's executionCondition is an Iso20022Error.
 * FSPIOP fields that have no ISO counterpart in that mapping (amountType, transactionType.initiator, fees,
 * note, extensionList, ...) are not carried; GrpHdr.MsgId and CreDtTm come from `options` (or a content hash
 * and the clock). A missing required field, either way, is an Iso20022Error naming the field.
 */
import { createHash } from 'node:crypto';
import { readIlpPacketField } from './ilp-packet-field';
import { FspiopFormatError, toBinaryString } from './binary-strings';

export type Iso20022Resource = 'quotes.post' | 'quotes.put' | 'transfers.post' | 'transfers.put' | 'error.put';
export const ISO20022_RESOURCES: readonly Iso20022Resource[] = ['quotes.post', 'quotes.put', 'transfers.post', 'transfers.put', 'error.put'];

export type JsonObject = Record<string, unknown>;

export type Iso20022Problem = 'missing-field' | 'not-an-object' | 'not-ilpv4' | 'condition-mismatch' | 'unknown-state' | 'unknown-resource';

export class Iso20022Error extends Error {
  override readonly name = 'Iso20022Error';
  constructor(readonly resource: string, readonly problem: Iso20022Problem, readonly field: string, detail: string) {
    super(`${resource}: ${problem} at ${field}: ${detail}`);
  }
}

export interface Iso20022Options {
  /** GrpHdr.MsgId; default: 26 characters of the body's SHA-256, so one body always gets the same ID. */
  readonly messageId?: string;
  /** GrpHdr.CreDtTm; default: now. */
  readonly createdAt?: string;
  /** The path's {ID} (quote ID of a PUT /quotes), written as CdtTrfTxInf.PmtId.TxId where the body has none. */
  readonly id?: string;
}

/** The Content-Type of an ISO 20022 mode body; an error callback's follows its resource (default transfers). */
export function iso20022ContentType(resource: Iso20022Resource, errorOf: 'quotes' | 'transfers' = 'transfers'): string {
  checkResource(resource);
  const name = resource === 'error.put' ? errorOf : resource.split('.')[0];
  return `application/vnd.interoperability.iso20022.${name}+json;version=2.0`;
}

const ISO_STATE: Readonly<Record<string, string>> = { COMMITTED: 'COMM', RESERVED: 'RESV', RECEIVED: 'RECV', ABORTED: 'ABOR' };
const FSPIOP_STATE: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ISO_STATE).map(([k, v]) => [v, k]));
const ORGANISATION_TYPES = ['BUSINESS', 'ALIAS', 'DEVICE'];
const MAX_ADDTL_INF = 105;

/** One field in both forms: FSPIOP path, ISO path, whether a body must have it. */
type Row = readonly [fspiop: string, iso: string, required: boolean];

const AMOUNT = (fspiop: string, iso: string, amountKey: string, required: boolean): Row[] => [
  [`${fspiop}.currency`, `${iso}.Ccy`, required], [`${fspiop}.amount`, `${iso}.${amountKey}`, required],
];

const ROWS: Readonly<Record<Iso20022Resource, readonly Row[]>> = {
  'quotes.post': [
    ['quoteId', 'CdtTrfTxInf.PmtId.TxId', true],
    ['transactionId', 'CdtTrfTxInf.PmtId.EndToEndId', true],
    ['transactionRequestId', 'CdtTrfTxInf.PmtId.InstrId', false],
    ['expiration', 'GrpHdr.PmtInstrXpryDtTm', false],
    ['payee.partyIdInfo.fspId', 'CdtTrfTxInf.CdtrAgt.FinInstnId.Othr.Id', false],
    ['payer.partyIdInfo.fspId', 'CdtTrfTxInf.DbtrAgt.FinInstnId.Othr.Id', false],
    ['transactionType.scenario', 'CdtTrfTxInf.Purp.Prtry', false],
    ...AMOUNT('amount', 'CdtTrfTxInf.IntrBkSttlmAmt', 'ActiveCurrencyAndAmount', true),
  ],
  'quotes.put': [
    ['expiration', 'GrpHdr.PmtInstrXpryDtTm', true],
    ['ilpPacket', 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket', true],
    ...AMOUNT('transferAmount', 'CdtTrfTxInf.IntrBkSttlmAmt', 'ActiveCurrencyAndAmount', true),
    ...AMOUNT('payeeReceiveAmount', 'CdtTrfTxInf.InstdAmt', 'ActiveOrHistoricCurrencyAndAmount', false),
    ...AMOUNT('payeeFspFee', 'CdtTrfTxInf.ChrgsInf.Amt', 'ActiveOrHistoricCurrencyAndAmount', false),
  ],
  'transfers.post': [
    ['transferId', 'CdtTrfTxInf.PmtId.TxId', true],
    ['payeeFsp', 'CdtTrfTxInf.CdtrAgt.FinInstnId.Othr.Id', true],
    ['payerFsp', 'CdtTrfTxInf.DbtrAgt.FinInstnId.Othr.Id', true],
    ['expiration', 'GrpHdr.PmtInstrXpryDtTm', true],
    ['ilpPacket', 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket', true],
    ...AMOUNT('amount', 'CdtTrfTxInf.IntrBkSttlmAmt', 'ActiveCurrencyAndAmount', true),
  ],
  'transfers.put': [
    ['fulfilment', 'TxInfAndSts.ExctnConf', false],
    ['completedTimestamp', 'TxInfAndSts.PrcgDt.DtTm', false],
  ],
  'error.put': [
    ['errorInformation.errorCode', 'TxInfAndSts.StsRsnInf.Rsn.Prtry', true],
    ['errorInformation.errorDescription', 'TxInfAndSts.StsRsnInf.AddtlInf', true],
  ],
};

function get(body: JsonObject, path: string): unknown {
  let at: unknown = body;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = (at as JsonObject)[key];
  }
  return at;
}

function set(body: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = body;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as JsonObject;
  }
  at[keys[keys.length - 1]!] = value;
}

function need(resource: string, body: JsonObject, path: string): unknown {
  const value = get(body, path);
  if (value === undefined || value === null || value === '') throw new Iso20022Error(resource, 'missing-field', path, 'the body has no value here');
  return value;
}

function objectOf(resource: string, body: unknown): JsonObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Iso20022Error(resource, 'not-an-object', '(body)', `got ${Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body}`);
  return body as JsonObject;
}

function checkResource(resource: unknown): asserts resource is Iso20022Resource {
  if (!ISO20022_RESOURCES.includes(resource as Iso20022Resource)) {
    throw new Iso20022Error(String(resource), 'unknown-resource', 'resource', `not one of ${ISO20022_RESOURCES.join(', ')}`);
  }
}

function copyRows(resource: Iso20022Resource, from: JsonObject, to: JsonObject, direction: 'to-iso' | 'from-iso'): void {
  for (const [fspiop, iso, required] of ROWS[resource]) {
    const [src, dst] = direction === 'to-iso' ? [fspiop, iso] : [iso, fspiop];
    const value = required ? need(resource, from, src) : get(from, src);
    if (value !== undefined) set(to, dst, value);
  }
}

/** The Prepare's executionCondition, base64url; refuses anything that is not an ILPv4 Prepare. */
function conditionOfPacket(resource: string, packet: unknown, field: string): string {
  try {
    const view = readIlpPacketField(packet, {}, field);
    if (view.version !== 'ilpv4') throw new Iso20022Error(resource, 'not-ilpv4', field, `an ${view.version} packet; the ISO 20022 mode carries only an ILPv4 Prepare`);
    return toBinaryString(view.executionCondition!);
  } catch (error) {
    if (error instanceof FspiopFormatError) throw new Iso20022Error(resource, 'not-ilpv4', field, error.message);
    throw error;
  }
}

const PARTIES = [['payee', 'Cdtr'], ['payer', 'Dbtr']] as const;

function partyToIso(resource: string, body: JsonObject, iso: JsonObject): void {
  for (const [fspiop, isoName] of PARTIES) {
    const type = String(need(resource, body, `${fspiop}.partyIdInfo.partyIdType`));
    const id = need(resource, body, `${fspiop}.partyIdInfo.partyIdentifier`);
    const kind = ORGANISATION_TYPES.includes(type) ? 'OrgId' : 'PrvtId';
    set(iso, `CdtTrfTxInf.${isoName}.Id.${kind}.Othr`, { SchmeNm: { Prtry: type }, Id: id });
  }
}

function partyFromIso(resource: string, iso: JsonObject, body: JsonObject): void {
  for (const [fspiop, isoName] of PARTIES) {
    const othr = get(iso, `CdtTrfTxInf.${isoName}.Id.PrvtId.Othr`) ?? get(iso, `CdtTrfTxInf.${isoName}.Id.OrgId.Othr`);
    if (othr === undefined) throw new Iso20022Error(resource, 'missing-field', `CdtTrfTxInf.${isoName}.Id.PrvtId.Othr`, 'neither PrvtId nor OrgId is given');
    const o = objectOf(resource, othr);
    set(body, `${fspiop}.partyIdInfo.partyIdType`, need(resource, o, 'SchmeNm.Prtry'));
    set(body, `${fspiop}.partyIdInfo.partyIdentifier`, need(resource, o, 'Id'));
  }
}

function groupHeader(resource: Iso20022Resource, body: JsonObject, options: Iso20022Options): JsonObject {
  const header: JsonObject = {
    MsgId: options.messageId ?? createHash('sha256').update(resource + JSON.stringify(body)).digest('hex').slice(0, 26).toUpperCase(),
    CreDtTm: options.createdAt ?? new Date().toISOString(),
  };
  // pacs.008 messages (the quotes and the transfer request) say how many transactions and how they settle.
  if (resource !== 'transfers.put' && resource !== 'error.put') Object.assign(header, { NbOfTxs: '1', SttlmInf: { SttlmMtd: 'CLRG' } });
  return header;
}

/** An FSPIOP v1.1 body of `resource` as its ISO 20022 mode body. */
export function toIso20022(resource: Iso20022Resource, fspiopBody: unknown, options: Iso20022Options = {}): JsonObject {
  checkResource(resource);
  const body = objectOf(resource, fspiopBody);
  const iso: JsonObject = { GrpHdr: groupHeader(resource, body, options) };
  copyRows(resource, body, iso, 'to-iso');
  if (resource === 'quotes.post') partyToIso(resource, body, iso);
  if (resource === 'quotes.put' && options.id !== undefined) set(iso, 'CdtTrfTxInf.PmtId.TxId', options.id);
  if (resource === 'quotes.put' || resource === 'transfers.post') {
    const fromPacket = conditionOfPacket(resource, body.ilpPacket, 'ilpPacket');
    const condition = need(resource, body, 'condition');
    if (condition !== fromPacket) {
      throw new Iso20022Error(resource, 'condition-mismatch', 'condition', `${String(condition)} is not the Prepare's executionCondition ${fromPacket}; ISO 20022 has no field for another`);
    }
  }
  if (resource === 'transfers.put') {
    const state = need(resource, body, 'transferState');
    const iso20022State = ISO_STATE[String(state)];
    if (!iso20022State) throw new Iso20022Error(resource, 'unknown-state', 'transferState', `${String(state)} is not one of ${Object.keys(ISO_STATE).join(', ')}`);
    set(iso, 'TxInfAndSts.TxSts', iso20022State);
  }
  if (resource === 'error.put') {
    const text = String(get(iso, 'TxInfAndSts.StsRsnInf.AddtlInf'));
    if (text.length > MAX_ADDTL_INF) set(iso, 'TxInfAndSts.StsRsnInf.AddtlInf', text.slice(0, MAX_ADDTL_INF));
  }
  return iso;
}

/** An ISO 20022 mode body of `resource` as the FSPIOP v1.1 body it stands for (condition from the Prepare). */
export function fromIso20022(resource: Iso20022Resource, iso20022Body: unknown): JsonObject {
  checkResource(resource);
  const iso = objectOf(resource, iso20022Body);
  const body: JsonObject = {};
  copyRows(resource, iso, body, 'from-iso');
  if (resource === 'quotes.post') partyFromIso(resource, iso, body);
  if (resource === 'quotes.put' || resource === 'transfers.post') {
    body.condition = conditionOfPacket(resource, body.ilpPacket, 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket');
  }
  if (resource === 'transfers.put') {
    const state = need(resource, iso, 'TxInfAndSts.TxSts');
    const fspiopState = FSPIOP_STATE[String(state)];
    if (!fspiopState) throw new Iso20022Error(resource, 'unknown-state', 'TxInfAndSts.TxSts', `${String(state)} is not one of ${Object.keys(FSPIOP_STATE).join(', ')}`);
    body.transferState = fspiopState;
  }
  return body;
}
