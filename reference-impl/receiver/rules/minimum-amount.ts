/**
 * Rule 9: a Prepare below the STREAM packet's prepareAmount (the least the sender wants delivered) is not
 * fulfilled (RFC 29 §5.2, STREAM-009); it is refused with the reply, which tells the sender what arrived.
 */
import type { PrepareContext } from '../context';
import { RejectWithReply } from '../errors';

export function createMinimumAmountRule() {
  return (ctx: PrepareContext): void => {
    const minimum = ctx.packet!.prepareAmount;
    // FAULT ignore-minimum-amount
    const below = ctx.prepare.amount < minimum || (ctx.faults.has('minimum-exclusive') && ctx.prepare.amount === minimum); // FAULT minimum-exclusive
    if (below && !ctx.faults.has('ignore-minimum-amount')) {
      throw new RejectWithReply(`amount=${ctx.prepare.amount} minimum=${minimum}`);
    }
  };
}
