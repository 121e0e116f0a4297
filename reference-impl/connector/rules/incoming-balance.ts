import type { IlpRule } from '../context';
import { InsufficientLiquidityError } from '../errors';
import { type BalanceBook, reserveUntilReply } from '../balance-book';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface IncomingBalanceOptions extends WithFaults {
  readonly book: BalanceBook;
}

/**
 * Charges the incoming peer (the account of the channel the Prepare came in on, PKT-015, AMT-001):
 * reserves the amount while the packet is in flight, refusing with T04 when balance + pending + amount
 * would exceed the peer's balance.maximum (ERR-013, AMT-002). On the way back it settles: a Fulfill
 * commits the amount to the balance, a Reject or a thrown error releases it (AMT-004, COND-003).
 *
 * Position: after route (so unroutable packets reserve nothing), before exchange-rate; it wraps
 * check-fulfillment, so only a verified Fulfill is ever committed.
 * Does not: touch the outgoing peer's account (outgoing-balance).
 */
export function createIncomingBalanceRule(opts: IncomingBalanceOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'incoming-balance',
    async handle(ctx, next) {
      const amount = ctx.prepare.amount;
      // FAULT charge-next-hop-account: the next hop's account and limit instead of the sender's.
      const charged = faults.has('charge-next-hop-account') && ctx.nextHop ? ctx.nextHop : ctx.from;
      const account = opts.book.account(charged.name);
      const maximum = charged.balance.maximum;
      const total = account.balance + account.pendingIncoming + amount;
      // FAULT credit-limit-off-by-one: reaching the maximum exactly is refused too. FAULT no-credit-limit: no check.
      const over = faults.has('credit-limit-off-by-one') ? total >= maximum : total > maximum;
      if (over && !faults.has('no-credit-limit')) {
        throw new InsufficientLiquidityError('the packet would exceed the maximum balance', {
          peer: ctx.from.name,
          balance: account.balance,
          pending: account.pendingIncoming,
          amount,
          maximum,
        });
      }
      // FAULT no-reservation: nothing is held while in flight. FAULT keep-rejected-amount: a Reject is charged too.
      if (faults.has('no-reservation')) return next(ctx);
      if (faults.has('keep-rejected-amount')) {
        return next(ctx).finally(() => {
          account.balance += amount;
        });
      }
      return reserveUntilReply(account, 'incoming', amount, () => next(ctx));
    },
  };
}
