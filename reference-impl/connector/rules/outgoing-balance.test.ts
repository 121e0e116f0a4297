import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BalanceBook } from '../balance-book';
import { aContext, aPeer, aReject, expectIlpError, recordingNext } from '../test-support';
import { createOutgoingBalanceRule } from './outgoing-balance';

const lena = aPeer({ name: 'lena', balance: { minimum: 0n, maximum: 5000n } });
const setup = (balance: bigint, outgoingAmount: bigint) => {
  const book = new BalanceBook(['lena']);
  book.account('lena').balance = balance;
  const ctx = aContext();
  ctx.nextHop = lena;
  ctx.outgoingAmount = outgoingAmount;
  return { book, ctx, rule: createOutgoingBalanceRule({ book }) };
};

for (const amount of [99n, 100n]) {
  test(`sending ${amount} to a peer with balance 100 and minimum 0 goes on; a Fulfill lowers its balance`, async () => {
    const { book, ctx, rule } = setup(100n, amount);
    const next = recordingNext();
    await rule.handle(ctx, next);
    assert.equal(next.calls, 1);
    assert.deepEqual(book.snapshot('lena'), { balance: 100n - amount, pendingIncoming: 0n, pendingOutgoing: 0n });
  });
}

test('sending 101 to a peer with balance 100 and minimum 0 is T04 and nothing goes on', async () => {
  const { book, ctx, rule } = setup(100n, 101n);
  const next = recordingNext();
  const error = await expectIlpError(rule, ctx, next, 'T04');
  assert.match(error.message, /peer=lena balance=100 pending=0 amount=101 minimum=0/);
  assert.equal(next.calls, 0);
  assert.equal(book.snapshot('lena').balance, 100n);
});

test('a Reject releases the reservation', async () => {
  const { book, ctx, rule } = setup(100n, 60n);
  await rule.handle(ctx, recordingNext(aReject()));
  assert.deepEqual(book.snapshot('lena'), { balance: 100n, pendingIncoming: 0n, pendingOutgoing: 0n });
});

test('without a converted amount (exchange-rate not run) it is T00, a rule-order bug', async () => {
  const { ctx, rule } = setup(100n, 1n);
  ctx.outgoingAmount = undefined;
  await expectIlpError(rule, ctx, recordingNext(), 'T00');
});
