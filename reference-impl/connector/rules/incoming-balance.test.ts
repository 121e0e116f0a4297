import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BalanceBook } from '../balance-book';
import { InsufficientLiquidityError } from '../errors';
import { aContext, aFulfill, aPeer, aReject, expectIlpError, recordingNext } from '../test-support';
import { createIncomingBalanceRule } from './incoming-balance';

const lena = aPeer({ name: 'lena', balance: { minimum: 0n, maximum: 5000n } });
const setup = () => {
  const book = new BalanceBook(['lena']);
  return { book, rule: createIncomingBalanceRule({ book }) };
};

for (const amount of [4999n, 5000n]) {
  test(`${amount} against a maximum of 5000 goes on and a Fulfill commits it`, async () => {
    const { book, rule } = setup();
    const next = recordingNext();
    await rule.handle(aContext({ amount }, lena), next);
    assert.equal(next.calls, 1);
    assert.deepEqual(book.snapshot('lena'), { balance: amount, pendingIncoming: 0n, pendingOutgoing: 0n });
  });
}

test('5001 against a maximum of 5000 is T04 and nothing goes on', async () => {
  const { book, rule } = setup();
  const next = recordingNext();
  const error = await expectIlpError(rule, aContext({ amount: 5001n }, lena), next, 'T04');
  assert.match(error.message, /amount=5001 maximum=5000/);
  assert.equal(next.calls, 0);
  assert.equal(book.snapshot('lena').pendingIncoming, 0n);
});

test('packets in flight count against the maximum', async () => {
  const { book, rule } = setup();
  let release: () => void = () => undefined;
  const held = rule.handle(aContext({ amount: 3000n }, lena), recordingNext(() => new Promise((resolve) => (release = () => resolve(aFulfill())))));
  assert.equal(book.snapshot('lena').pendingIncoming, 3000n);
  await expectIlpError(rule, aContext({ amount: 2001n }, lena), recordingNext(), 'T04');
  await rule.handle(aContext({ amount: 2000n }, lena), recordingNext(aReject()));
  release();
  await held;
  assert.deepEqual(book.snapshot('lena'), { balance: 3000n, pendingIncoming: 0n, pendingOutgoing: 0n });
});

test('a Reject or an error from further down releases the reservation and commits nothing', async () => {
  const { book, rule } = setup();
  const reply = await rule.handle(aContext({ amount: 100n }, lena), recordingNext(aReject('T01')));
  assert.equal(reply.type, 14);
  await expectIlpError(rule, aContext({ amount: 100n }, lena), recordingNext(new InsufficientLiquidityError('x')), 'T04');
  assert.deepEqual(book.snapshot('lena'), { balance: 0n, pendingIncoming: 0n, pendingOutgoing: 0n });
});
