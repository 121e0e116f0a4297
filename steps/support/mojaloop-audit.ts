/**
 * The state of one Mojaloop scenario: the quote callback under audit (from the spec's listings or built by
 * the harness playing a Payee FSP), the transfer request that pays it, and the checks the last When-step
 * made (contracts/fspiop). A broken check waits for a Then-step to judge it, so an unexpected one fails the
 * scenario; every message goes into the transcript with the decoded packet and the hashes, the secret masked.
 */
import {
  buildQuoteCallback, checkCondition, checkFulfilment, checkPacketAddress, checkPacketAmount, checkTransferAgainstQuote,
  readIlpPacketField, toBinaryString, transactionOf, check, type IlpPacketView, type MojaloopCheck, type PartyIdInfo,
  type QuoteCallback, type TransferRequest,
} from '../../contracts/fspiop';
import type { IlpWorld } from '../world';

export interface QuoteUnderAudit {
  readonly callback: QuoteCallback;
  readonly fulfilment: string;
  readonly secret: Uint8Array;
  readonly scale: number;
  readonly payee: PartyIdInfo;
  readonly quoteId: string;
  /** Read the packet in the Aug 2017 layout too (only the spec's own listing uses it). */
  readonly allowDraft3: boolean;
}

export class MojaloopScenario {
  quote: QuoteUnderAudit | undefined;
  checks: MojaloopCheck[] | undefined;
  private keys = new Map<MojaloopCheck, string>();

  need(): QuoteUnderAudit {
    if (!this.quote) throw new Error('Bad step sequence: no quote callback; put "Given ... quote callback ..." first');
    return this.quote;
  }

  /** Stores checks; each broken one waits for a Then-step (world.awaitInspection). */
  store(world: IlpWorld, checks: MojaloopCheck[]): void {
    this.checks = checks;
    this.keys = new Map();
    checks.forEach((c, i) => {
      if (c.passed) return;
      const key = `mojaloop check ${i} ${c.requirement}`;
      this.keys.set(c, key);
      world.awaitInspection(`the audit found ${c.requirement} broken: expected ${c.expected}, got ${c.actual}`, key);
    });
  }

  /** The stored checks of one requirement, marked judged; a bad step sequence when there are none. */
  take(world: IlpWorld, requirement: string): MojaloopCheck[] {
    if (!this.checks) throw new Error('Bad step sequence: nothing was audited yet; put a "When the auditor ..." step first');
    const own = this.checks.filter((c) => c.requirement === requirement);
    if (own.length === 0) throw new Error(`Bad step sequence: the audit made no ${requirement} check (it made: ${[...new Set(this.checks.map((c) => c.requirement))].join(', ')})`);
    for (const c of own) {
      const key = this.keys.get(c);
      if (key) world.inspected(key);
    }
    return own;
  }
}

export function mojaloop(world: IlpWorld): MojaloopScenario {
  return world.scoped('mojaloop', () => new MojaloopScenario());
}

const TRANSACTION_FIELDS = ['transactionId', 'quoteId', 'payee', 'payer', 'amount', 'transactionType'];

/** ML-005: the packet's data is the quote's Transaction object. */
function checkTransaction(packet: IlpPacketView, quoteId: string): MojaloopCheck {
  try {
    const { transaction, form } = transactionOf(packet.data);
    const missing = TRANSACTION_FIELDS.filter((k) => !(k in transaction));
    return check('ML-005', missing.length === 0 && transaction.quoteId === quoteId,
      `a Transaction for quote ${quoteId} with ${TRANSACTION_FIELDS.join(', ')}`,
      `a Transaction (${form}) for quote ${String(transaction.quoteId)}${missing.length ? `, lacking ${missing.join(', ')}` : ''}`);
  } catch (e) {
    return check('ML-005', false, `a Transaction for quote ${quoteId}`, (e as Error).message);
  }
}

/** Every check of a quote callback the harness can make from its bytes and the Payee FSP's secret. */
export function auditQuoteCallback(world: IlpWorld, q: QuoteUnderAudit): MojaloopCheck[] {
  let packet: IlpPacketView;
  try {
    packet = readIlpPacketField(q.callback.ilpPacket, { allowDraft3: q.allowDraft3 });
  } catch (e) {
    return [check('ML-013', false, 'an ILPv1 Payment or an ILPv4 Prepare', (e as Error).message)];
  }
  world.transcript.record({
    direction: 'received', channel: 'payee-fsp', label: 'quote callback (PUT /quotes/{ID})', bytes: packet.bytes,
    decoded: { version: packet.version, amount: packet.amount.toString(), address: packet.address, condition: q.callback.condition, transferAmount: q.callback.transferAmount },
  });
  const checks = [checkPacketAmount(packet, q.callback.transferAmount.amount, q.scale), checkTransaction(packet, q.quoteId), checkPacketAddress(packet, q.payee), checkCondition(q.fulfilment, q.callback.condition)];
  // ILPv1 only: an ILPv4 packet holds the condition, so its fulfilment cannot be a hash of the packet.
  if (packet.version !== 'ilpv4') checks.push(checkFulfilment(q.secret, packet, q.fulfilment));
  world.transcript.note('hashes computed', { fulfilment: q.fulfilment, conditionOfFulfilment: checks.find((c) => c.requirement === 'ML-007')?.expected });
  return checks;
}

export function auditTransfer(world: IlpWorld, q: QuoteUnderAudit, transfer: TransferRequest): MojaloopCheck[] {
  world.transcript.record({ direction: 'received', channel: 'payer-fsp', label: 'transfer request (POST /transfers)', decoded: transfer });
  try {
    return checkTransferAgainstQuote(q.callback, transfer, q.scale);
  } catch (e) {
    return [check('ML-013', false, 'an ILPv1 Payment or an ILPv4 Prepare', (e as Error).message)];
  }
}

export const MOBILE_MONEY_PAYEE: PartyIdInfo = { partyIdType: 'MSISDN', partyIdentifier: '123456789', fspId: 'MobileMoney' };

/** A quote callback the harness builds as a Payee FSP would, from a fresh secret (masked in the transcript). */
export function builtQuote(world: IlpWorld, amount: string, currency: string, scale: number, version: 'ilpv1' | 'ilpv4', packetScale = scale): QuoteUnderAudit {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  world.transcript.addSecret(toBinaryString(secret));
  const quoteId = crypto.randomUUID();
  const transaction = {
    transactionId: crypto.randomUUID(), quoteId,
    payee: { partyIdInfo: MOBILE_MONEY_PAYEE }, payer: { partyIdInfo: { partyIdType: 'IBAN', partyIdentifier: 'SE4550000000058398257466', fspId: 'BankNrOne' } },
    amount: { amount, currency }, transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
  };
  const built = buildQuoteCallback({ secret, transferAmount: { amount, currency }, scale: packetScale, payee: MOBILE_MONEY_PAYEE, transaction, version, expiration: new Date(Date.now() + 60_000) });
  return { callback: built, fulfilment: built.fulfilment, secret, scale, payee: MOBILE_MONEY_PAYEE, quoteId, allowDraft3: false };
}
