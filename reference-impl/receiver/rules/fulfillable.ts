/**
 * Rule 10, last: regenerate the fulfillment from the data (RFC 29 §6.3, STREAM-004) and compare its hash with
 * the condition. A Prepare whose condition it does not match (a probe with a random condition, §6.1) is
 * refused with the encrypted reply, which carries what the sender needs to learn the rate (STREAM-008).
 * Returns the fulfillment.
 */
import { createHash } from 'node:crypto';
import { hmacSha256, streamFulfillment } from '../../../lib/codec';
import type { PrepareContext } from '../context';
import { RejectWithReply } from '../errors';

export function createFulfillableRule() {
  return (ctx: PrepareContext): Buffer => {
    const keys = ctx.keys!;
    // FAULT fulfillment-from-encryption-key
    const fulfillment = ctx.faults.has('fulfillment-from-encryption-key') ? hmacSha256(keys.encryptionKey, ctx.prepare.data) : streamFulfillment(keys, ctx.prepare.data);
    const condition = createHash('sha256').update(fulfillment).digest();
    // FAULT fulfillment-from-encryption-key: the broken receiver trusts its own derivation.
    if (!condition.equals(ctx.prepare.executionCondition) && !ctx.faults.has('fulfillment-from-encryption-key')) {
      throw new RejectWithReply('reason="condition is not this packet\'s fulfillable condition (unfulfillable probe)"');
    }
    return fulfillment;
  };
}
