import type { IlpRule } from '../context';
import { AmountTooLargeError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

/**
 * Refuses a Prepare whose amount is above the incoming peer's maximum packet amount with F08, data =
 * UInt64 received || UInt64 maximum in the incoming link's units (RFC 27 F08, ERR-003). The maximum is
 * inclusive: a Prepare for exactly the maximum is forwarded.
 *
 * Position: after the expiry check, before route and the balance rules.
 * Does not: check the outgoing peer's maximum or any balance (incoming-balance, outgoing-balance).
 */
export function createMaxPacketAmountRule(opts: WithFaults = {}): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'max-packet-amount',
    async handle(ctx, next) {
      // FAULT ignore-max-packet-amount: no check.
      if (faults.has('ignore-max-packet-amount')) return next(ctx);
      const maximum = ctx.from.maxPacketAmount;
      if (ctx.prepare.amount > maximum) {
        throw new AmountTooLargeError(ctx.prepare.amount, maximum, { peer: ctx.from.name });
      }
      return next(ctx);
    },
  };
}
