/**
 * The FSPIOP ISO 20022 mode (FSPIOP API v2.0 with ISO 20022 bodies: pacs.008 for POST /quotes, PUT /quotes and
 * POST /transfers, pacs.002 for PUT /transfers and the error callbacks) as a pure translation over plain FSPIOP
 * v1.1 JSON bodies, for the fields an ILP audit reads. Pure: no I/O, no clock unless none is given.
 *
 *   FSPIOP v1.1 body field              ISO 20022 body field
 *   quoteId / transferId / path {ID}    CdtTrfTxInf.PmtId.TxId                 (PUT /quotes: the path's ID)
 *   transactionId                       CdtTrfTxInf.PmtId.EndToEndId           (quotes.post)
 *   transactionRequestId                CdtTrfTxInf.PmtId.InstrId              (quotes.post)
 *   amountType                          CdtTrfTxInf.ChrgBr (SEND CRED, RECEIVE DEBT; back: DEBT RECEIVE, else SEND)
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
 * The three pacs.008 bodies all need ChrgBr, Cdtr, Dbtr, CdtrAgt and DbtrAgt (required in the definition), which
 * the v1.1 PUT /quotes and POST /transfers bodies do not carry: like the hub, the translation takes them from
 * the POST /quotes of the payment (`options.quote`); without it, it names the FSPs as Cdtr/Dbtr (OrgId.Othr.Id)
 * and ChrgBr SHAR, as the hub's transformer does in its testing mode.
 *
 * Sources: the FSPIOP v2.0 ISO 20022 OpenAPI definition (mojaloop/api-snippets fspiop/v2_0_ISO20022/openapi3:
 * TermsRequest_FIToFICustomerCreditProposal, TermsResponse_FIToFICustomerCreditConfirmation,
 * Execute_FIToFICustomerCreditTransferV13, PacsStatus_/PacsError_FIToFIPaymentStatusReportV15; IlpV4PrepPacket
 * and ExctnConf are base64url there) and how Mojaloop maps the two (mojaloop/ml-schema-transformer-lib: its
 * mapping tables "FSPIOP to ISO 20022 Mapping.md", src/mappings/fspiopiso20022, and src/facades for ChrgBr, which
 * also derive the FSPIOP condition from the Prepare and cut the description at 105). Only ILPv4 is allowed in
 * this mode: an ILPv1 packet, a packet that does not decode, or a condition other than the Prepare's
 * executionCondition is an Iso20022Error. FSPIOP fields that have no ISO counterpart in that mapping
 * (transactionType.initiator and initiatorType, fees, note, extensionList, ...) are not carried; GrpHdr.MsgId
 * and CreDtTm come from `options` (or a content hash and the clock). A missing required field, either way, is
 * an Iso20022Error naming the field.
 */
import { createHash, randomBytes } from 'node:crypto';
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
  /** The path's {ID} (quote ID of a PUT /quotes): its CdtTrfTxInf.PmtId.TxId, which the definition requires. */
  readonly id?: string;
  /** The FSPIOP v1.1 POST /quotes body of this payment: the parties and ChrgBr of its PUT /quotes and POST /transfers. */
  readonly quote?: unknown;
  /** The FSP that sends the message (FSPIOP-Source) and the one it is for: the parties when no quote is given. */
  readonly source?: string;
  readonly destination?: string;
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

const CHARGE_BEARERS = ['DEBT', 'CRED', 'SHAR'];

/** ChrgBr, Cdtr, Dbtr, CdtrAgt, DbtrAgt of a pacs.008 body: from the payment's quote, else the FSP IDs. */
function counterparts(resource: Iso20022Resource, iso: JsonObject, options: Iso20022Options, payeeFsp: unknown, payerFsp: unknown): void {
  if (options.quote !== undefined) {
    const quote = objectOf(resource, options.quote);
    partyToIso(resource, quote, iso);
    set(iso, 'CdtTrfTxInf.ChrgBr', quote.amountType === 'SEND' ? 'CRED' : 'DEBT');
    payeeFsp = get(quote, 'payee.partyIdInfo.fspId') ?? payeeFsp;
    payerFsp = get(quote, 'payer.partyIdInfo.fspId') ?? payerFsp;
  } else {
    if (payeeFsp === undefined || payerFsp === undefined) throw new Iso20022Error(resource, 'missing-field', 'options.quote', 'the ISO body needs Cdtr and Dbtr: give the POST /quotes of the payment, or the FSPs (source and destination)');
    set(iso, 'CdtTrfTxInf.Cdtr.Id.OrgId.Othr.Id', payeeFsp);
    set(iso, 'CdtTrfTxInf.Dbtr.Id.OrgId.Othr.Id', payerFsp);
    set(iso, 'CdtTrfTxInf.ChrgBr', 'SHAR');
  }
  if (get(iso, 'CdtTrfTxInf.CdtrAgt.FinInstnId.Othr.Id') === undefined && payeeFsp !== undefined) set(iso, 'CdtTrfTxInf.CdtrAgt.FinInstnId.Othr.Id', payeeFsp);
  if (get(iso, 'CdtTrfTxInf.DbtrAgt.FinInstnId.Othr.Id') === undefined && payerFsp !== undefined) set(iso, 'CdtTrfTxInf.DbtrAgt.FinInstnId.Othr.Id', payerFsp);
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
  if (resource === 'quotes.post') {
    partyToIso(resource, body, iso);
    set(iso, 'CdtTrfTxInf.ChrgBr', body.amountType === 'SEND' ? 'CRED' : 'DEBT');
  }
  if (resource === 'quotes.put') {
    if (options.id === undefined) throw new Iso20022Error(resource, 'missing-field', 'options.id', 'CdtTrfTxInf.PmtId.TxId is the quote ID of the path, which was not given');
    set(iso, 'CdtTrfTxInf.PmtId.TxId', options.id);
    // A callback goes from the Payee FSP (source) to the Payer FSP (destination).
    counterparts(resource, iso, options, options.source, options.destination);
  }
  if (resource === 'transfers.post') counterparts(resource, iso, options, body.payeeFsp, body.payerFsp);
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
  if (resource === 'quotes.post') {
    partyFromIso(resource, iso, body);
    body.amountType = get(iso, 'CdtTrfTxInf.ChrgBr') === 'DEBT' ? 'RECEIVE' : 'SEND';
  }
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

/** The fields the ISO 20022 definition requires of each body (plus the FSPIOP-required ones of the mapping). */
const REQUIRED: Readonly<Record<Iso20022Resource, readonly string[]>> = (() => {
  const pacs008 = [
    'GrpHdr.MsgId', 'GrpHdr.CreDtTm', 'GrpHdr.NbOfTxs', 'GrpHdr.SttlmInf.SttlmMtd', 'CdtTrfTxInf.PmtId.TxId',
    'CdtTrfTxInf.IntrBkSttlmAmt.Ccy', 'CdtTrfTxInf.IntrBkSttlmAmt.ActiveCurrencyAndAmount', 'CdtTrfTxInf.ChrgBr',
    'CdtTrfTxInf.Dbtr.Id', 'CdtTrfTxInf.DbtrAgt.FinInstnId', 'CdtTrfTxInf.CdtrAgt.FinInstnId', 'CdtTrfTxInf.Cdtr.Id',
  ];
  const pacs002 = ['GrpHdr.MsgId', 'GrpHdr.CreDtTm'];
  return {
    'quotes.post': pacs008,
    'quotes.put': [...pacs008, 'GrpHdr.PmtInstrXpryDtTm', 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket'],
    'transfers.post': [...pacs008, 'GrpHdr.PmtInstrXpryDtTm', 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket'],
    'transfers.put': [...pacs002, 'TxInfAndSts.TxSts'],
    'error.put': [...pacs002, 'TxInfAndSts.StsRsnInf.Rsn.Prtry'],
  };
})();

/** ActiveCurrencyAndAmount_SimpleType (its `.` read as a decimal point): up to 18 digits, up to 5 decimals. */
const ISO_AMOUNT = /^(?!0\d)(\d{1,18}|\d{1,17}\.\d|\d{1,16}\.\d{1,2}|\d{1,15}\.\d{1,3}|\d{1,14}\.\d{1,4}|\d{1,13}\.\d{1,5})$/;
const BASE64URL = /^[A-Za-z0-9\-_]+={0,2}$/;

/**
 * Why an ISO 20022 mode body breaks its definition (ML-020 in this mode), one phrase each; [] when it does not:
 * a required field missing, ChrgBr outside DEBT/CRED/SHAR, IlpV4PrepPacket not base64url, ExctnConf not 43
 * base64url characters, an ID that is no ULID, an amount outside ActiveCurrencyAndAmount (the definition's patterns).
 */
export function iso20022Problems(resource: Iso20022Resource, iso20022Body: unknown): string[] {
  checkResource(resource);
  if (iso20022Body === null || typeof iso20022Body !== 'object' || Array.isArray(iso20022Body)) return ['the body is not a JSON object'];
  const iso = iso20022Body as JsonObject;
  const problems = REQUIRED[resource].filter((path) => get(iso, path) === undefined || get(iso, path) === '').map((path) => `${path} is required`);
  for (const path of ['CdtTrfTxInf.PmtId.TxId', 'CdtTrfTxInf.PmtId.EndToEndId', 'CdtTrfTxInf.PmtId.InstrId']) {
    const id = get(iso, path);
    if (id !== undefined && (typeof id !== 'string' || !ULID.test(id))) problems.push(`${path} ${JSON.stringify(id)} is not a ULID`);
  }
  const chargeBearer = get(iso, 'CdtTrfTxInf.ChrgBr');
  if (chargeBearer !== undefined && !CHARGE_BEARERS.includes(String(chargeBearer))) problems.push(`CdtTrfTxInf.ChrgBr ${JSON.stringify(chargeBearer)} is not one of ${CHARGE_BEARERS.join(', ')}`);
  const packet = get(iso, 'CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket');
  if (packet !== undefined && (typeof packet !== 'string' || !BASE64URL.test(packet))) problems.push('CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket is not base64url');
  const confirmation = get(iso, 'TxInfAndSts.ExctnConf');
  if (confirmation !== undefined && (typeof confirmation !== 'string' || !/^[A-Za-z0-9\-_]{43}$/.test(confirmation))) problems.push('TxInfAndSts.ExctnConf is not 43 base64url characters');
  for (const path of ['CdtTrfTxInf.IntrBkSttlmAmt.ActiveCurrencyAndAmount', 'CdtTrfTxInf.InstdAmt.ActiveOrHistoricCurrencyAndAmount', 'CdtTrfTxInf.ChrgsInf.Amt.ActiveOrHistoricCurrencyAndAmount']) {
    const amount = get(iso, path);
    if (amount !== undefined && (typeof amount !== 'string' || !ISO_AMOUNT.test(amount))) problems.push(`${path} ${JSON.stringify(amount)} is not an amount string`);
  }
  return problems;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** A ULID (48-bit milliseconds, 80 random bits, Crockford base32): the ISO 20022 mode's TxId and EndToEndId
 * are ULIDIdentifier (^[0-9A-HJKMNP-TV-Z]{26}$), not the UUIDs of v1.1. */
export function newUlid(now = Date.now(), random: Uint8Array = randomBytes(10)): string {
  let n = (BigInt(now) << 80n) | BigInt(`0x${Buffer.from(random).toString('hex').padStart(20, '0')}`);
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n & 31n)]! + out;
    n >>= 5n;
  }
  return out;
}
