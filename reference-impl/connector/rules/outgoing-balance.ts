import type { IlpRule } from '../context';
import { required } from '../context';
import { InsufficientLiquidityError } from '../errors';
import { type BalanceBook, reserveUntilReply } from '../balance-book';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface OutgoingBalanceOptions extends WithFaults {
  readonly book: BalanceBook;
}

/**
 * Charges the next hop's account with the converted amount: reserves it while the packet is in flight,
 * refusing with T04 when balance - pending - amount would fall below the next hop's balance.minimum.
 * On the way back a Fulfill commits (the balance falls by the amount), a Reject or error releases it.
 *
 * Position: after exchange-rate (it needs ctx.outgoingAmount), before check-fulfillment; like
 * incoming-balance it wraps check-fulfillment, so only a verified Fulfill is committed.
 * Does not: touch the incoming peer's account (incoming-balance).
 */
export function createOutgoingBalanceRule(opts: OutgoingBalanceOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'outgoing-balance',
    async handle(ctx, next) {
      const peer = required(ctx.nextHop, 'nextHop', 'route');
      const amount = required(ctx.outgoingAmount, 'outgoingAmount', 'exchange-rate');
      const account = opts.book.account(peer.name);
      const minimum = peer.balance.minimum;
      // FAULT ignore-next-hop-minimum: no check.
      if (account.balance - account.pendingOutgoing - amount < minimum && !faults.has('ignore-next-hop-minimum')) {
        throw new InsufficientLiquidityError('the packet would take the next hop below its minimum balance', {
          peer: peer.name,
          balance: account.balance,
          pending: account.pendingOutgoing,
          amount,
          minimum,
        });
      }
      return reserveUntilReply(account, 'outgoing', amount, () => next(ctx));
    },
  };
}
