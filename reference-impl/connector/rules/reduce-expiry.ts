import type { IlpRule } from '../context';
import { InsufficientTimeoutError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface ReduceExpiryOptions extends WithFaults {
  /** Time kept for passing the Fulfill back (topology sut.minMessageWindowMs). */
  readonly minMessageWindowMs: number;
  /** Longest the connector lets a next hop hold a packet (topology sut.maxHoldTimeMs). */
  readonly maxHoldTimeMs: number;
  readonly now?: () => number;
}

/**
 * Sets the forwarded expiry (RFC 27 step 6, EXP-001):
 *   outgoingExpiresAt = min(incoming expiresAt - minMessageWindowMs, now + maxHoldTimeMs)
 * and answers R02 if that is no longer in the future (time may have passed since incoming-expiry).
 *
 * Position: after the balance and rate rules, right before the reply-checking rules and forward.
 * Does not: refuse short incoming expiries up front (incoming-expiry) or enforce the forwarded expiry on
 * the next hop (outgoing-expiry).
 */
export function createReduceExpiryRule(opts: ReduceExpiryOptions): IlpRule {
  const now = opts.now ?? Date.now;
  return {
    name: 'reduce-expiry',
    async handle(ctx, next) {
      const at = now();
      let forwarded = Math.min(ctx.prepare.expiresAt.getTime() - opts.minMessageWindowMs, at + opts.maxHoldTimeMs);
      // FAULT no-expiry-reduction: the incoming expiry as it is. FAULT ignore-incoming-expiry: at least 1 s more.
      if (opts.faults?.has('no-expiry-reduction')) forwarded = ctx.prepare.expiresAt.getTime();
      if (opts.faults?.has('ignore-incoming-expiry')) forwarded = Math.max(forwarded, at + 1000);
      if (forwarded <= at) {
        throw new InsufficientTimeoutError('too little time left to forward the Prepare', {
          leftMs: ctx.prepare.expiresAt.getTime() - at,
          minMessageWindowMs: opts.minMessageWindowMs,
        });
      }
      ctx.outgoingExpiresAt = new Date(forwarded);
      return next(ctx);
    },
  };
}
