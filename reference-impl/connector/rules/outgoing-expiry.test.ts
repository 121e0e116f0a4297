import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IlpReply } from '../../../lib/codec/types';
import { aContext, aFulfill, aReject, expectIlpError, recordingNext } from '../test-support';
import { createOutgoingExpiryRule } from './outgoing-expiry';

function contextExpiringIn(ms: number) {
  const ctx = aContext();
  ctx.outgoingExpiresAt = new Date(Date.now() + ms);
  return ctx;
}

test('a reply before the forwarded expiry comes back as it was', async () => {
  const rule = createOutgoingExpiryRule();
  const fulfill = aFulfill();
  assert.equal(await rule.handle(contextExpiringIn(10_000), recordingNext(fulfill)), fulfill);
});

test('no reply by the forwarded expiry: R00 without waiting, and the request is aborted', async () => {
  const rule = createOutgoingExpiryRule();
  const ctx = contextExpiringIn(20);
  const never = recordingNext(() => new Promise<IlpReply>(() => undefined));
  const error = await expectIlpError(rule, ctx, never, 'R00');
  assert.match(error.message, /did not answer/);
  assert.equal(ctx.cancellation?.cancelled, true);
});

test('a Fulfill or a Reject that arrives at or after the forwarded expiry is R00', async () => {
  for (const reply of [aFulfill(), aReject()]) {
    const expiresAt = Date.now() + 10_000;
    let clock = Date.now();
    const rule = createOutgoingExpiryRule({ now: () => clock });
    const ctx = aContext();
    ctx.outgoingExpiresAt = new Date(expiresAt);
    const late = recordingNext(async () => {
      clock = expiresAt; // the reply is read exactly at the expiry
      return reply;
    });
    await expectIlpError(rule, ctx, late, 'R00');
  }
});

test('an error from the next hop is passed on, not turned into R00', async () => {
  const rule = createOutgoingExpiryRule();
  await expectIlpError(rule, contextExpiringIn(10_000), recordingNext(new (await import('../errors')).PeerUnreachableError('x')), 'T01');
});
