import type { IlpRule } from '../context';
import { InsufficientTimeoutError } from '../errors';
import type { WithFaults } from '../faults';

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
 * and refuses with R02 a Prepare for which that is not in the future: one already expired, or with no more
 * than minMessageWindowMs left (EXP-004, EXP-005; RFC 27 names no code for an expired Prepare, deployed
 * connectors use R02). One clock reading decides both, so there is no gap between judging and reducing.
 *
 * Position: right after validate-prepare, so nothing is reserved or routed for a packet that cannot be
 * forwarded in time.
 * Does not: enforce the forwarded expiry on the next hop (outgoing-expiry).
 */
export function createReduceExpiryRule(opts: ReduceExpiryOptions): IlpRule {
  const now = opts.now ?? Date.now;
  return {
    name: 'reduce-expiry',
    async handle(ctx, next) {
      const at = now();
      const incoming = ctx.prepare.expiresAt.getTime();
      let forwarded = Math.min(incoming - opts.minMessageWindowMs, at + opts.maxHoldTimeMs);
      // FAULT no-expiry-reduction: the incoming expiry as it is. FAULT ignore-incoming-expiry: at least 1 s more.
      if (opts.faults?.has('no-expiry-reduction')) forwarded = incoming;
      if (opts.faults?.has('ignore-incoming-expiry')) forwarded = Math.max(forwarded, at + 1000);
      if (forwarded <= at) {
        throw new InsufficientTimeoutError(incoming <= at ? 'the Prepare has already expired' : 'too little time left to forward the Prepare', {
          leftMs: incoming - at,
          minMessageWindowMs: opts.minMessageWindowMs,
        });
      }
      ctx.outgoingExpiresAt = new Date(forwarded);
      return next(ctx);
    },
  };
}
