/**
 * One payment as the harness observed it, and every check it supports (contracts/fspiop, catalog ML-*).
 * The shape is the messages, not how they were obtained: the live payee and payer modes fill it from the
 * switch listener and what the harness sent, and a captured hub log can fill the same fields, so the
 * Then-steps judge all three the same way. Pure: no I/O.
 *
 *   quoteRequest       POST /quotes                 (sent by the Payer FSP)
 *   quoteCallbacks     PUT /quotes/{ID}[/error]     (sent by the Payee FSP)
 *   transferRequests   POST /transfers, each send   (sent by the Payer FSP)
 *   transferCallbacks  PUT /transfers/{ID}[/error]  (sent by the Payee FSP)
 */
import { createHash, createHmac } from 'node:crypto';
import {
  binaryString32Problem, check, checkCondition, checkFspiopHeaders, checkPacketAddress, checkPacketAmount, checkTransferAgainstQuote,
  ilpPacketFormatProblem, iso20022Problems, readIlpPacketField, toBinaryString, transactionOf, type ApiDialectName, type FspiopResource, type IlpPacketView, type MojaloopCheck,
  type QuoteCallback, type TransferRequest,
} from '../../contracts/fspiop';
import { fspiopSchemaProblems } from './fspiop-schemas';
import type { FspiopMessage } from './fspiop-message';

export interface ObservedPayment {
  /** Which side is under audit: the Payee FSP (payee mode) or the Payer FSP (payer mode). */
  readonly audited: 'payee' | 'payer';
  readonly payerFsp: string;
  readonly payeeFsp: string;
  /** The currency's exponent (6.5.2.3). */
  readonly scale: number;
  /** The packet version the participant must use; undefined: either. */
  readonly version?: 'ilpv1' | 'ilpv4';
  /** The body format of the run (default fspiop): what ML-020 and ML-018 hold the messages to. */
  readonly api?: ApiDialectName;
  /** The Payee FSP's fulfilment secret, when known (ML-006). */
  readonly secret?: Uint8Array;
  readonly quoteRequest?: FspiopMessage;
  readonly quoteCallbacks: readonly FspiopMessage[];
  readonly transferRequests: readonly FspiopMessage[];
  readonly transferCallbacks: readonly FspiopMessage[];
}

const bodyOf = (m: FspiopMessage | undefined): Record<string, unknown> => (m?.body && typeof m.body === 'object' ? (m.body as Record<string, unknown>) : {});

/** ML-020 and ML-018 of one message from the audited participant; in the ISO 20022 mode against that definition. */
export function messageChecks(m: FspiopMessage, resource: FspiopResource, from: string, to: string | undefined, api: ApiDialectName = 'fspiop'): MojaloopCheck[] {
  const iso = api === 'iso20022';
  const problems = m.decodeProblem ? [m.decodeProblem] : iso ? iso20022Problems(resource, m.wire ?? m.body) : fspiopSchemaProblems(resource, m.body);
  return [
    check('ML-020', problems.length === 0, `${m.method} ${m.path} conforms to the ${iso ? 'FSPIOP v2.0 ISO 20022' : 'FSPIOP v1.1'} ${resource} ${iso ? 'definition' : 'schema'}`, problems.length ? problems.join('; ') : 'conforms'),
    ...checkFspiopHeaders(m.headers, { noun: m.path.startsWith('/quotes') ? 'quotes' : 'transfers', source: from, ...(to ? { destination: to } : {}), api }),
  ];
}

/** The first message from the audited participant that did not decode in the run's body format, if any. */
export function undecoded(o: ObservedPayment): FspiopMessage | undefined {
  const theirs = o.audited === 'payee' ? [...o.quoteCallbacks, ...o.transferCallbacks] : [...(o.quoteRequest ? [o.quoteRequest] : []), ...o.transferRequests];
  return theirs.find((m) => m.decodeProblem !== undefined);
}

function packetChecks(o: ObservedPayment, cb: Record<string, unknown>): { checks: MojaloopCheck[]; packet?: IlpPacketView } {
  const checks: MojaloopCheck[] = [];
  const format = ilpPacketFormatProblem(cb.ilpPacket);
  checks.push(check('ML-001', format === undefined, 'ilpPacket is base64url, 1..32768 characters', format ?? 'well-formed'));
  // The ISO 20022 mode has no condition field: the body's condition was derived from the Prepare, so ML-002 and
  // ML-013's equality could never fail there and are left out (their scenarios are @condition-field, skipped).
  const conditionField = o.api !== 'iso20022';
  if (conditionField) {
    const condition = binaryString32Problem(cb.condition);
    checks.push(check('ML-002', condition === undefined, 'condition is 43 base64url characters', condition ?? 'well-formed'));
  }
  if (format) return { checks };
  let packet: IlpPacketView;
  try {
    packet = readIlpPacketField(cb.ilpPacket);
  } catch (e) {
    checks.push(check('ML-013', false, 'an ILPv1 Payment or an ILPv4 Prepare', (e as Error).message));
    return { checks };
  }
  checks.push(check('ML-013', o.version === undefined || packet.version === o.version, `an ${o.version ?? 'ILPv1 or ILPv4'} packet`, `an ${packet.version} packet`));
  if (conditionField && packet.executionCondition) {
    const inPacket = toBinaryString(packet.executionCondition);
    checks.push(check('ML-013', inPacket === cb.condition, `executionCondition equal to condition ${String(cb.condition)}`, `executionCondition ${inPacket}`));
  }
  return { checks, packet };
}

/** ML-017: the request was answered by a callback (the live modes fail before this when none came in time). */
function answered(cb: FspiopMessage, request: string): MojaloopCheck {
  return check('ML-017', cb.method === 'PUT', `a callback answering ${request}`, `${cb.method} ${cb.path}`);
}

/** Payee mode: the quote callback against the quote request. */
export function quoteCallbackChecks(o: ObservedPayment): MojaloopCheck[] {
  const cb = o.quoteCallbacks[0];
  if (!cb) return [];
  const checks = [...messageChecks(cb, cb.resource ?? 'quotes.put', o.payeeFsp, o.payerFsp, o.api), answered(cb, 'POST /quotes')];
  if (cb.resource !== 'quotes.put') return checks;
  const body = bodyOf(cb);
  const request = bodyOf(o.quoteRequest);
  const { checks: pc, packet } = packetChecks(o, body);
  checks.push(...pc);
  if (!packet) return checks;
  const transferAmount = (body.transferAmount ?? {}) as { amount?: unknown; currency?: unknown };
  checks.push(checkPacketAmount(packet, String(transferAmount.amount), o.scale));
  const payee = ((request.payee as { partyIdInfo?: { partyIdType: string; partyIdentifier: string } } | undefined)?.partyIdInfo) ?? { partyIdType: '?', partyIdentifier: '?' };
  checks.push(checkPacketAddress(packet, payee));
  try {
    const { transaction, form } = transactionOf(packet.data);
    const same = (k: string) => JSON.stringify(transaction[k]) === JSON.stringify(request[k]);
    const differing = ['transactionId', 'quoteId', 'payee', 'payer', 'transactionType'].filter((k) => !same(k));
    checks.push(check('ML-005', differing.length === 0, `the Transaction of quote ${String(request.quoteId)} (transactionId, quoteId, payee, payer, transactionType as requested)`,
      differing.length ? `a Transaction (${form}) differing in ${differing.map((k) => `${k} ${JSON.stringify(transaction[k])}`).join(', ')}` : `the quote's Transaction (${form})`));
  } catch (e) {
    checks.push(check('ML-005', false, `the Transaction of quote ${String(request.quoteId)}`, (e as Error).message));
  }
  return checks;
}

/** The callbacks that answer the first transfer request (the ones after it). */
function callbacksOf(o: ObservedPayment, transferId: string): FspiopMessage[] {
  return o.transferCallbacks.filter((m) => m.id === transferId);
}

/** Payee mode: the transfer callback(s) against the quote and the transfer (fulfilled, or refused). */
export function transferCallbackChecks(o: ObservedPayment): MojaloopCheck[] {
  const request = o.transferRequests[0];
  if (!request) return [];
  const t = bodyOf(request);
  const callbacks = callbacksOf(o, String(t.transferId));
  const first = callbacks[0];
  if (!first) return [];
  const checks = [...messageChecks(first, first.resource ?? 'transfers.put', o.payeeFsp, o.payerFsp, o.api), answered(first, 'POST /transfers')];
  checks.push(check('ML-019', callbacks.length <= o.transferRequests.length, `at most ${o.transferRequests.length} transfer callback(s), one per request sent`, `${callbacks.length} callbacks: ${callbacks.map((m) => `${m.method} ${m.path}`).join(', ')}`));
  if (first.resource !== 'transfers.put') return checks;
  const body = bodyOf(first);
  const fulfilment = body.fulfilment;
  const format = binaryString32Problem(fulfilment);
  checks.push(check('ML-003', format === undefined, 'fulfilment is 43 base64url characters', format ?? 'well-formed'));
  if (typeof fulfilment === 'string') {
    checks.push(checkCondition(fulfilment, String(t.condition)));
    const expiration = Date.parse(String(t.expiration));
    checks.push(check('ML-015', !Number.isNaN(expiration) && first.at < expiration, `the fulfilment before the transfer's expiration ${String(t.expiration)}`, `it arrived at ${new Date(first.at).toISOString()}`));
    if (o.secret) checks.push(hmacCheck(o.secret, String(t.ilpPacket), fulfilment));
    const resends = o.transferRequests.slice(1).filter((r) => r.rawBody === request.rawBody);
    if (resends.length) {
      const later = callbacks.slice(1).filter((m) => m.resource === 'transfers.put').map((m) => bodyOf(m).fulfilment);
      checks.push(check('ML-016', later.length > 0 && later.every((f) => f === fulfilment), `the same fulfilment ${fulfilment} for the resent transfer`, later.length ? `fulfilment ${later.map(String).join(', ')}` : 'no fulfilment for the resend'));
    }
  }
  return checks;
}

/** ML-006: ILPv1 HMAC of the packet; ILPv4 HMAC of the Prepare's data (the condition precedes the packet). */
function hmacCheck(secret: Uint8Array, ilpPacket: string, fulfilment: string): MojaloopCheck {
  try {
    const p = readIlpPacketField(ilpPacket);
    const expected = toBinaryString(createHmac('sha256', secret).update(p.version === 'ilpv4' ? p.data : p.bytes).digest());
    return check('ML-006', fulfilment === expected, `fulfilment ${expected} = HMAC-SHA256(secret, ${p.version === 'ilpv4' ? 'Prepare data' : 'packet'})`, `fulfilment ${fulfilment}`);
  } catch (e) {
    return check('ML-006', false, 'a packet to compute the HMAC of', (e as Error).message);
  }
}

/** Whether the Payee FSP refused the first transfer: an error callback, no fulfilment. */
export function refusalOf(o: ObservedPayment): { refused: boolean; actual: string } {
  const request = o.transferRequests[0];
  const first = request ? callbacksOf(o, String(bodyOf(request).transferId))[0] : undefined;
  if (!first) return { refused: false, actual: 'no transfer callback' };
  const body = bodyOf(first);
  if (first.resource === 'error.put') return { refused: true, actual: `PUT ${first.path}: ${JSON.stringify(body.errorInformation)}` };
  return { refused: false, actual: `PUT ${first.path}: transferState ${String(body.transferState)}${body.fulfilment ? `, fulfilment ${String(body.fulfilment)}` : ''}` };
}

/** Payer mode: the participant's POST /quotes and POST /transfers against the quote callback the harness gave. */
export function payerChecks(o: ObservedPayment): MojaloopCheck[] {
  const checks: MojaloopCheck[] = [];
  if (o.quoteRequest) checks.push(...messageChecks(o.quoteRequest, 'quotes.post', o.payerFsp, undefined, o.api));
  const transfer = o.transferRequests[0];
  const quote = o.quoteCallbacks.find((m) => m.resource === 'quotes.put');
  if (!transfer || !quote) return checks;
  checks.push(...messageChecks(transfer, 'transfers.post', o.payerFsp, undefined, o.api));
  const t = bodyOf(transfer);
  try {
    checks.push(...checkTransferAgainstQuote(bodyOf(quote) as unknown as QuoteCallback, t as unknown as TransferRequest, o.scale, o.api !== 'iso20022'));
  } catch (e) {
    checks.push(check('ML-013', false, 'an ILPv1 Payment or an ILPv4 Prepare in POST /transfers', (e as Error).message));
  }
  return checks;
}

/** The hashes worth showing beside a payment's messages. */
export function hashesOf(o: ObservedPayment): Record<string, string> {
  const out: Record<string, string> = {};
  const quote = bodyOf(o.quoteCallbacks.find((m) => m.resource === 'quotes.put'));
  if (typeof quote.condition === 'string') out.quoteCondition = quote.condition;
  for (const cb of o.transferCallbacks) {
    const f = bodyOf(cb).fulfilment;
    if (typeof f === 'string' && binaryString32Problem(f) === undefined) out[`sha256(fulfilment ${f})`] = toBinaryString(createHash('sha256').update(Buffer.from(f, 'base64url')).digest());
  }
  return out;
}
