import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, aFulfill, aReject, expectIlpError, recordingNext } from '../test-support';
import { createCheckFulfillmentRule } from './check-fulfillment';

const rule = createCheckFulfillmentRule();

test('a Fulfill that matches the condition comes back as it was', async () => {
  const fulfill = aFulfill();
  assert.equal(await rule.handle(aContext(), recordingNext(fulfill)), fulfill);
});

test('a Fulfill with a fulfillment one bit off is F05', async () => {
  const fulfill = aFulfill();
  if (fulfill.type !== 13) throw new Error('factory');
  const wrong = new Uint8Array(fulfill.fulfillment);
  wrong[31]! ^= 1;
  const next = recordingNext({ ...fulfill, fulfillment: wrong });
  const error = await expectIlpError(rule, aContext(), next, 'F05');
  assert.match(error.message, /does not match/);
  assert.equal(next.calls, 1);
});

test('a Reject passes through unchanged', async () => {
  const reject = aReject('T02');
  assert.equal(await rule.handle(aContext(), recordingNext(reject)), reject);
});
