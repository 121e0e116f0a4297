import { hash } from 'node:crypto';
import type { IlpRule } from '../context';
import { WrongConditionError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

/**
 * Never passes back a Fulfill whose fulfillment does not hash to the Prepare's condition (RFC 27 step 10,
 * COND-002): SHA-256(fulfillment) must equal executionCondition, otherwise the Fulfill is dropped and the
 * upstream gets a Reject. RFC 27 names no code for this; we answer F05 "Wrong Condition" as deployed
 * connectors do (catalog §19.1), so senders see the same code from us as from them.
 * A valid Fulfill is returned as it came (fulfillment and data unchanged, COND-004, PKT-013).
 *
 * Position: inside both balance rules (so a bad Fulfill is never committed), outside outgoing-expiry.
 * Does not: judge when the Fulfill arrived (outgoing-expiry turns late replies into R00).
 */
export function createCheckFulfillmentRule(opts: WithFaults = {}): IlpRule {
  const skip = (opts.faults ?? NO_FAULTS).has('skip-fulfillment-check');
  return {
    name: 'check-fulfillment',
    async handle(ctx, next) {
      const reply = await next(ctx);
      // FAULT skip-fulfillment-check: any Fulfill goes back.
      if (reply.type !== 13 || skip) return reply;
      // One-shot hash: cheaper per packet than createHash().update().digest().
      if (!hash('sha256', reply.fulfillment, 'buffer').equals(ctx.prepare.executionCondition)) {
        throw new WrongConditionError('the fulfillment does not match the condition', {
          fulfillment: Buffer.from(reply.fulfillment).toString('hex'),
          condition: Buffer.from(ctx.prepare.executionCondition).toString('hex'),
        });
      }
      return reply;
    },
  };
}
