/**
 * What the Payee FSP checks before it fulfils a transfer, as an ordered list of small rules (FSPIOP v1.1
 * 6.7.2.8). Read top to bottom; the first rule that refuses names the FSPIOP error the callback carries:
 *
 *   packet      the ilpPacket is base64url and decodes as this participant's packet version  (3100)
 *   quote       its Transaction names a quote this participant gave                          (3205)
 *   address     the packet's address is the Payee account of that quote           ML-009     (3204)
 *   amount      the packet's amount is the transfer's amount at the currency scale ML-010    (3100)
 *   condition   the transfer carries the condition of that quote                   ML-007     (3100)
 *   quote alive the quote has not expired                                          ML-014     (3302)
 *   in time     the transfer's own expiration has not passed                       ML-014     (3303)
 *
 * A rule's fault switch (`// FAULT <name>`) skips that rule. Pure apart from the clock.
 */
import { currencyScale, FSPIOP_ERRORS, ilpAmountFor, readIlpPacketField, transactionOf, type IlpPacketView } from '../../contracts/fspiop';
import type { ParticipantContext, StoredQuote } from './context';
import type { MojaloopFault } from './faults';

export interface TransferUnderCheck {
  readonly body: Readonly<Record<string, unknown>>;
  packet?: IlpPacketView;
  quote?: StoredQuote;
  readonly now: number;
}

export interface Refusal {
  readonly code: string;
  readonly description: string;
}

interface Rule {
  readonly name: string;
  readonly skippedBy?: MojaloopFault;
  check(t: TransferUnderCheck, ctx: ParticipantContext): Refusal | undefined;
}

const refuse = (code: string, description: string): Refusal => ({ code, description });
const money = (v: unknown): { amount?: unknown; currency?: unknown } => (v && typeof v === 'object' ? (v as { amount?: unknown; currency?: unknown }) : {});

export const TRANSFER_RULES: readonly Rule[] = [
  {
    name: 'packet',
    check(t, ctx) {
      try {
        t.packet = readIlpPacketField(t.body.ilpPacket);
      } catch (e) {
        return refuse(FSPIOP_ERRORS.genericValidation, (e as Error).message);
      }
      return t.packet.version === ctx.version ? undefined : refuse(FSPIOP_ERRORS.genericValidation, `ilpPacket is ${t.packet.version}; this participant speaks ${ctx.version}`);
    },
  },
  {
    name: 'quote',
    check(t, ctx) {
      let quoteId: unknown;
      try {
        quoteId = transactionOf(t.packet!.data).transaction.quoteId;
      } catch (e) {
        return refuse(FSPIOP_ERRORS.genericValidation, (e as Error).message);
      }
      t.quote = typeof quoteId === 'string' ? ctx.quotes.get(quoteId) : undefined;
      return t.quote ? undefined : refuse(FSPIOP_ERRORS.quoteIdNotFound, `no quote ${String(quoteId)} was given by ${ctx.fspId}`);
    },
  },
  {
    name: 'address',
    skippedBy: 'accepts-other-payee',
    check: (t) => (t.packet!.address.toLowerCase() === t.quote!.address ? undefined : refuse(FSPIOP_ERRORS.payeeNotFound, `the packet pays ${t.packet!.address}, not the quote's Payee ${t.quote!.address}`)),
  },
  {
    name: 'amount',
    skippedBy: 'accepts-mismatched-amount',
    check(t) {
      const m = money(t.body.amount);
      let wanted: bigint;
      try {
        wanted = ilpAmountFor(String(m.amount), currencyScale(String(m.currency)));
      } catch (e) {
        return refuse(FSPIOP_ERRORS.genericValidation, (e as Error).message);
      }
      return t.packet!.amount === wanted ? undefined : refuse(FSPIOP_ERRORS.genericValidation, `the packet amount ${t.packet!.amount} is not the transfer's ${String(m.amount)} ${String(m.currency)} (${wanted})`);
    },
  },
  {
    name: 'condition',
    skippedBy: 'fulfils-any-condition',
    check: (t) => (t.body.condition === t.quote!.response.condition ? undefined : refuse(FSPIOP_ERRORS.genericValidation, 'the transfer\'s condition is not the quote\'s')),
  },
  {
    name: 'quote alive',
    skippedBy: 'accepts-expired-quote',
    check: (t) => (t.now <= t.quote!.expiresAt ? undefined : refuse(FSPIOP_ERRORS.quoteExpired, `quote ${t.quote!.request.quoteId} expired at ${new Date(t.quote!.expiresAt).toISOString()}`)),
  },
  {
    name: 'in time',
    skippedBy: 'accepts-expired-transfer',
    check(t) {
      const at = Date.parse(String(t.body.expiration));
      return Number.isNaN(at) || t.now < at ? undefined : refuse(FSPIOP_ERRORS.transferExpired, `the transfer expired at ${String(t.body.expiration)}`);
    },
  },
];

/** The first refusal of the rules in order, or undefined: the transfer may be fulfilled. */
export function checkTransfer(t: TransferUnderCheck, ctx: ParticipantContext): Refusal | undefined {
  for (const rule of TRANSFER_RULES) {
    if (rule.skippedBy && ctx.faults.has(rule.skippedBy)) continue;
    const refusal = rule.check(t, ctx);
    if (refusal) return refusal;
  }
  return undefined;
}
