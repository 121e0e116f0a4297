import type { IlpRule } from '../context';
import { InsufficientTimeoutError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface IncomingExpiryOptions extends WithFaults {
  /** Time the connector keeps for passing a Fulfill back (topology sut.minMessageWindowMs). */
  readonly minMessageWindowMs: number;
  readonly now?: () => number;
}

/**
 * Refuses a Prepare that has expired or leaves no time to forward it, with R02 (EXP-004, EXP-005; RFC 27
 * names no code for an expired Prepare, deployed connectors use R02). A Prepare must leave more than
 * minMessageWindowMs: with exactly the window left the forwarded expiry would be "now", so at least 1 ms
 * must remain for the next hop.
 *
 * Position: before max-packet-amount, route and the balance rules, so nothing is reserved for a packet
 * that cannot be forwarded.
 * Does not: compute the forwarded expiry (reduce-expiry) or time out the next hop (outgoing-expiry).
 */
export function createIncomingExpiryRule(opts: IncomingExpiryOptions): IlpRule {
  const now = opts.now ?? Date.now;
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'incoming-expiry',
    async handle(ctx, next) {
      // FAULT ignore-incoming-expiry: no check at all.
      if (faults.has('ignore-incoming-expiry')) return next(ctx);
      const expiresAt = ctx.prepare.expiresAt.getTime();
      const leftMs = expiresAt - now();
      if (leftMs <= 0) {
        throw new InsufficientTimeoutError('the Prepare has already expired', { expiresAt: ctx.prepare.expiresAt.toISOString(), expiredMsAgo: -leftMs });
      }
      if (leftMs <= opts.minMessageWindowMs) {
        throw new InsufficientTimeoutError('too little time left to forward the Prepare', {
          leftMs,
          minMessageWindowMs: opts.minMessageWindowMs,
        });
      }
      return next(ctx);
    },
  };
}
