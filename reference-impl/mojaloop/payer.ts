/**
 * The Payer FSP side, driven by the trigger endpoint POST /outbound/payments (README.md; modelled loosely on
 * the Mojaloop SDK scheme adapter's outbound transfers API): it asks the Payee FSP for a quote through the
 * switch (POST /quotes), waits for PUT /quotes/{ID}, then sends POST /transfers repeating the quote's
 * ilpPacket and condition for its transferAmount (FSPIOP v1.1 6.7.2.8) and waits for PUT /transfers/{ID}.
 * The trigger is answered when the transfer is done, failed, or a wait ran out (each wait bounded).
 */
import { decodeIlpV1Payment, decodePrepare, encodeIlpV1Payment, encodePrepare } from '../../lib/codec';
import { decodeIlpPacketField, toBinaryString, type QuoteRequest } from '../../contracts/fspiop';
import { randomBytes } from 'node:crypto';
import type { ParticipantContext } from './context';

export const CALLBACK_WAIT_MS = 5_000;

export interface OutboundPayment {
  readonly payee: { readonly partyIdType: string; readonly partyIdentifier: string; readonly fspId: string };
  readonly amount: string;
  readonly currency: string;
}

export interface PaymentOutcome {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Why a trigger body is not an OutboundPayment, or undefined. */
export function outboundPaymentProblem(body: Readonly<Record<string, unknown>>): string | undefined {
  const payee = body.payee as Record<string, unknown> | undefined;
  if (!payee || typeof payee.partyIdType !== 'string' || typeof payee.partyIdentifier !== 'string' || typeof payee.fspId !== 'string') return 'payee needs partyIdType, partyIdentifier and fspId';
  if (typeof body.amount !== 'string' || typeof body.currency !== 'string') return 'amount and currency must be strings';
  return undefined;
}

type Callback = Parameters<ParticipantContext['waits'] extends Map<string, infer F> ? F : never>[0];

function waitFor(ctx: ParticipantContext, id: string): Promise<Callback | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.waits.delete(id);
      resolve(undefined);
    }, CALLBACK_WAIT_MS);
    timer.unref();
    ctx.waits.set(id, (cb) => {
      clearTimeout(timer);
      ctx.waits.delete(id);
      resolve(cb);
    });
  });
}

export async function pay(ctx: ParticipantContext, payment: OutboundPayment): Promise<PaymentOutcome> {
  const quoteId = ctx.dialect.newId();
  const quote: QuoteRequest = {
    quoteId, transactionId: ctx.dialect.newId(),
    payee: { partyIdInfo: { ...payment.payee } },
    payer: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '4670000000', fspId: ctx.fspId } },
    amountType: 'RECEIVE', amount: { amount: payment.amount, currency: payment.currency },
    transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
  };
  const quoteAnswer = waitFor(ctx, quoteId);
  await ctx.outbound.send('quotes.post', 'POST', '/quotes', quote, payment.payee.fspId);
  const quoted = await quoteAnswer;
  if (!quoted) return failed(504, quoteId, undefined, `no quote callback within ${CALLBACK_WAIT_MS} ms`);
  if (quoted.resource === 'error.put') return failed(502, quoteId, undefined, 'the quote was refused', quoted.body);
  const q = quoted.body as { transferAmount?: { amount?: string; currency?: string }; ilpPacket?: string; condition?: string; expiration?: string };
  const transferId = ctx.dialect.newId();
  const expiration = new Date(Math.min(Date.now() + 30_000, Date.parse(q.expiration ?? '') || Number.POSITIVE_INFINITY)).toISOString();
  let ilpPacket = String(q.ilpPacket);
  // FAULT payer-changes-packet
  if (ctx.faults.has('payer-changes-packet')) ilpPacket = reencoded(ilpPacket);
  // FAULT payer-changes-condition
  const condition = ctx.faults.has('payer-changes-condition') ? toBinaryString(randomBytes(32)) : String(q.condition);
  // FAULT payer-changes-amount
  const amount = ctx.faults.has('payer-changes-amount') ? oneMore(String(q.transferAmount?.amount)) : String(q.transferAmount?.amount);
  const transfer: Record<string, unknown> = {
    transferId, payeeFsp: payment.payee.fspId, payerFsp: ctx.fspId, amount: { amount, currency: q.transferAmount?.currency }, ilpPacket, condition, expiration,
  };
  // FAULT payer-transfer-schema
  if (ctx.faults.has('payer-transfer-schema')) delete transfer.expiration;
  const transferAnswer = waitFor(ctx, transferId);
  await ctx.outbound.send('transfers.post', 'POST', '/transfers', transfer, payment.payee.fspId, undefined, { quote });
  const done = await transferAnswer;
  if (!done) return failed(504, quoteId, transferId, `no transfer callback within ${CALLBACK_WAIT_MS} ms`);
  if (done.resource === 'error.put') return failed(502, quoteId, transferId, 'the transfer was refused', done.body);
  return { status: 200, body: { quoteId, transferId, currentState: 'COMPLETED', transferState: done.body.transferState, fulfilment: done.body.fulfilment } };
}

function failed(status: number, quoteId: string, transferId: string | undefined, reason: string, error?: unknown): PaymentOutcome {
  return { status, body: { quoteId, ...(transferId ? { transferId } : {}), currentState: 'ERROR_OCCURRED', reason, ...(error ? { lastError: error } : {}) } };
}

/** The same packet with its JSON data written with other whitespace: same meaning, other bytes. */
function reencoded(ilpPacket: string): string {
  const bytes = decodeIlpPacketField(ilpPacket);
  const respace = (data: Uint8Array) => Buffer.from(JSON.stringify(JSON.parse(Buffer.from(data).toString('utf8')), null, 1));
  if (bytes[0] === 12) {
    const p = decodePrepare(bytes);
    return toBinaryString(encodePrepare({ ...p, data: respace(p.data) }));
  }
  const p = decodeIlpV1Payment(bytes);
  return toBinaryString(encodeIlpV1Payment({ amount: p.amount, account: p.account, data: respace(p.data) }));
}

function oneMore(amount: string): string {
  const [whole, fraction] = amount.split('.');
  return `${BigInt(whole!) + 1n}${fraction ? `.${fraction}` : ''}`;
}
