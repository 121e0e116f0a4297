import type { IlpReply } from '../../../lib/codec/types';
import type { IlpRule } from '../context';
import { required } from '../context';
import { TransferTimedOutError } from '../errors';

export interface OutgoingExpiryOptions {
  readonly now?: () => number;
}

/**
 * Holds the next hop to the forwarded expiry (EXP-002, EXP-003, EXP-006). At ctx.outgoingExpiresAt it
 * answers R00 at once, without waiting for the next hop, and aborts the outgoing request through
 * ctx.signal. A reply that arrives at or after the forwarded expiry is dropped and answered R00 too, so
 * a late Fulfill never counts.
 *
 * Position: right outside forward; inside check-fulfillment and the balance rules (the R00 releases the
 * reservations).
 * Does not: compute the forwarded expiry (reduce-expiry).
 */
export function createOutgoingExpiryRule(opts: OutgoingExpiryOptions = {}): IlpRule {
  const now = opts.now ?? Date.now;
  return {
    name: 'outgoing-expiry',
    async handle(ctx, next) {
      const expiresAt = required(ctx.outgoingExpiresAt, 'outgoingExpiresAt', 'reduce-expiry').getTime();
      const controller = new AbortController();
      ctx.signal = controller.signal;
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new TransferTimedOutError('the next hop did not answer before the forwarded expiry', { peer: ctx.nextHop?.name ?? '' }));
        }, Math.max(0, expiresAt - now()));
      });
      const forwarded = next(ctx);
      forwarded.catch(() => undefined); // it may settle after the timer won; that outcome is dropped
      let reply: IlpReply;
      try {
        reply = await Promise.race([forwarded, expired]);
      } finally {
        clearTimeout(timer);
      }
      const lateMs = now() - expiresAt;
      if (lateMs >= 0) {
        controller.abort();
        throw new TransferTimedOutError('the next hop answered after the forwarded expiry', { peer: ctx.nextHop?.name ?? '', lateMs });
      }
      return reply;
    },
  };
}
