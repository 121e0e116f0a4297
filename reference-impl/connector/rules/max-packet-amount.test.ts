import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAmountTooLargeData } from '../../../lib/codec';
import { aContext, aPeer, expectIlpError, recordingNext } from '../test-support';
import { createMaxPacketAmountRule } from './max-packet-amount';

const rule = createMaxPacketAmountRule();
const from = aPeer({ maxPacketAmount: 50n });

for (const amount of [49n, 50n]) {
  test(`an amount of ${amount} with a maximum of 50 goes on`, async () => {
    const next = recordingNext();
    const reply = await rule.handle(aContext({ amount }, from), next);
    assert.equal(reply.type, 13);
    assert.equal(next.calls, 1);
  });
}

test('an amount of 51 with a maximum of 50 is F08 with received and maximum in data', async () => {
  const next = recordingNext();
  const error = await expectIlpError(rule, aContext({ amount: 51n }, from), next, 'F08');
  assert.deepEqual(decodeAmountTooLargeData(error.data), { receivedAmount: 51n, maximumAmount: 50n });
  assert.match(error.message, /receivedAmount=51 maximumAmount=50/);
  assert.equal(next.calls, 0);
});
