import type { IlpReply } from '../../../lib/codec/types';
import type { IlpRule } from '../context';
import { required } from '../context';
import { TransferTimedOutError } from '../errors';
import { Cancellation } from '../transport';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface OutgoingExpiryOptions extends WithFaults {
  readonly now?: () => number;
}

/**
 * Holds the next hop to the forwarded expiry (EXP-002, EXP-003, EXP-006). At ctx.outgoingExpiresAt it
 * answers R00 at once, without waiting for the next hop, and stops the outgoing request through
 * ctx.cancellation. A reply that arrives at or after the forwarded expiry is dropped and answered R00
 * too, so a late Fulfill never counts.
 *
 * Position: right outside forward; inside check-fulfillment and the balance rules (the R00 releases the
 * reservations).
 * Does not: compute the forwarded expiry (reduce-expiry).
 */
export function createOutgoingExpiryRule(opts: OutgoingExpiryOptions = {}): IlpRule {
  const now = opts.now ?? Date.now;
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'outgoing-expiry',
    handle(ctx, next) {
      // One promise settled by whichever comes first: the reply, an error, or the timer. A reply or error
      // after the timer fired finds it settled and is dropped. (Anything thrown in here rejects it.)
      return new Promise<IlpReply>((resolve, reject) => {
        let expiresAt = required(ctx.outgoingExpiresAt, 'outgoingExpiresAt', 'reduce-expiry').getTime();
        // FAULT accept-late-fulfill: hold the next hop to the incoming expiry. FAULT wait-past-expiry: to nothing.
        if (faults.has('accept-late-fulfill')) expiresAt = ctx.prepare.expiresAt.getTime();
        if (faults.has('wait-past-expiry')) expiresAt = Number.POSITIVE_INFINITY;
        const cancellation = (ctx.cancellation = new Cancellation());
        // setTimeout's longest delay caps the wait; only wait-past-expiry's endless wait reaches it.
        // Stryker disable next-line ArithmeticOperator: reached only under that fault
        const delayMs = Math.min(2 ** 31 - 1, Math.max(0, expiresAt - now()));
        const forwarded = next(ctx);
        const timer = setTimeout(() => {
          cancellation.cancel();
          reject(new TransferTimedOutError('the next hop did not answer before the forwarded expiry', { peer: ctx.nextHop?.name ?? '' }));
        }, delayMs);
        forwarded.then(
          (reply) => {
            clearTimeout(timer);
            const lateMs = now() - expiresAt;
            // The timer above normally fires first; this catches a reply that lands in the same turn of the event
            // loop, which no scenario can arrange on purpose.
            // Stryker disable next-line ConditionalExpression,EqualityOperator: not reachable on demand from outside
            if (lateMs < 0) return resolve(reply);
            cancellation.cancel();
            reject(new TransferTimedOutError('the next hop answered after the forwarded expiry', { peer: ctx.nextHop?.name ?? '', lateMs }));
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    },
  };
}
