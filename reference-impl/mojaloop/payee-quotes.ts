/**
 * The Payee FSP's answer to POST /quotes (FSPIOP v1.1 6.5.2.3): the transfer amount is the amount asked
 * for (no fees), the packet is built by contracts/fspiop's buildQuoteCallback from the quote's Transaction
 * and the participant's secret, and the quote is valid for quoteValidityMs or until the request's own
 * expiration, whichever is sooner. The callback goes to the switch as PUT /quotes/{ID} (or /error).
 */
import { randomBytes } from 'node:crypto';
import {
  buildQuoteCallback, currencyScale, errorCallback, FSPIOP_ERRORS, payeeAddress, quoteRequestProblem, quoteTransaction, toBinaryString,
  type QuoteRequest, type QuoteResponse,
} from '../../contracts/fspiop';
import type { ParticipantContext } from './context';

export function answerQuote(ctx: ParticipantContext, body: Readonly<Record<string, unknown>>, requester: string): void {
  const problem = quoteRequestProblem(body);
  const quoteId = typeof body.quoteId === 'string' ? body.quoteId : 'unknown';
  if (problem) return void ctx.outbound.send('error.put', 'PUT', `/quotes/${quoteId}/error`, errorCallback(FSPIOP_ERRORS.missingElement, problem), requester, 'quotes');
  const request = body as unknown as QuoteRequest;
  let scale: number;
  try {
    scale = currencyScale(request.amount.currency);
  } catch (e) {
    return void ctx.outbound.send('error.put', 'PUT', `/quotes/${quoteId}/error`, errorCallback(FSPIOP_ERRORS.genericValidation, (e as Error).message), requester, 'quotes');
  }
  const asked = request.expiration ? Date.parse(request.expiration) : Number.POSITIVE_INFINITY;
  const expiresAt = Math.min(Date.now() + ctx.quoteValidityMs, Number.isNaN(asked) ? Number.POSITIVE_INFINITY : asked);
  const payee = { partyIdType: request.payee.partyIdInfo.partyIdType, partyIdentifier: request.payee.partyIdInfo.partyIdentifier, fspId: ctx.fspId };
  const transaction = quoteTransaction(request);
  // FAULT transaction-of-another-quote
  if (ctx.faults.has('transaction-of-another-quote')) transaction.quoteId = crypto.randomUUID();
  // FAULT wrong-address
  const packetPayee = ctx.faults.has('wrong-address') ? { ...payee, partyIdentifier: `${payee.partyIdentifier}0` } : payee;
  // FAULT amount-not-scaled
  const notScaled = ctx.faults.has('amount-not-scaled');
  const built = buildQuoteCallback({
    // FAULT fulfilment-not-hmac
    secret: ctx.faults.has('fulfilment-not-hmac') ? randomBytes(32) : ctx.secret,
    transferAmount: notScaled ? { ...request.amount, amount: request.amount.amount.split('.')[0]! } : request.amount,
    scale: notScaled ? 0 : scale,
    payee: packetPayee, transaction, version: ctx.version, expiration: new Date(expiresAt),
  });
  let condition = built.condition;
  // FAULT condition-not-hash / v4-condition-not-in-packet
  if (ctx.faults.has('condition-not-hash') || (ctx.version === 'ilpv4' && ctx.faults.has('v4-condition-not-in-packet'))) condition = toBinaryString(randomBytes(32));
  // FAULT padded-condition
  if (ctx.faults.has('padded-condition')) condition = `${condition}=`;
  // FAULT ilp-packet-mime-lines
  const ilpPacket = ctx.faults.has('ilp-packet-mime-lines') ? built.ilpPacket.replace(/(.{76})/g, '$1\r\n') : built.ilpPacket;
  const response: QuoteResponse = { transferAmount: request.amount, expiration: new Date(expiresAt).toISOString(), ilpPacket, condition };
  ctx.quotes.set(request.quoteId, { request, response, fulfilment: built.fulfilment, address: payeeAddress(packetPayee), expiresAt, requester });
  // FAULT no-quote-callback
  if (ctx.faults.has('no-quote-callback')) return;
  // FAULT quote-callback-schema
  const wire = ctx.faults.has('quote-callback-schema') ? { ...response, transferAmount: { ...response.transferAmount, amount: Number(response.transferAmount.amount) } } : response;
  void ctx.outbound.send('quotes.put', 'PUT', `/quotes/${request.quoteId}`, wire, requester, undefined, { quote: request });
}
