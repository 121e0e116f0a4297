import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAmountTooLargeData } from '../../../lib/codec';
import { AmountTooLargeError, UnreachableError } from '../errors';
import { aContext, aReject, recordingNext } from '../test-support';
import { createRejectOnErrorRule } from './reject-on-error';

test('an IlpError becomes a Reject from our address with its code, message and data', async () => {
  const rule = createRejectOnErrorRule({ address: 'test.sut' });
  const reply = await rule.handle(aContext(), recordingNext(new AmountTooLargeError(51n, 50n)));
  assert.equal(reply.type, 14);
  if (reply.type !== 14) return;
  assert.equal(reply.code, 'F08');
  assert.equal(reply.triggeredBy, 'test.sut');
  assert.match(reply.message, /receivedAmount=51 maximumAmount=50/);
  assert.deepEqual(decodeAmountTooLargeData(reply.data), { receivedAmount: 51n, maximumAmount: 50n });
});

test('any other error is T00 "internal error" and is reported, without leaking its text', async () => {
  const seen: unknown[] = [];
  const rule = createRejectOnErrorRule({ address: 'test.sut', onUnexpected: (e) => seen.push(e) });
  const reply = await rule.handle(aContext(), recordingNext(new TypeError('secret detail')));
  assert.equal(reply.type === 14 && reply.code, 'T00');
  assert.equal(reply.type === 14 && reply.message, 'internal error');
  assert.equal(seen.length, 1);
});

test("a Reject from the next hop passes through untouched (its code and triggeredBy stay)", async () => {
  const rule = createRejectOnErrorRule({ address: 'test.sut' });
  const reject = aReject('T99');
  assert.equal(await rule.handle(aContext(), recordingNext(reject)), reject);
});

test('a very long message is cut to stay far below the 8191-byte limit', async () => {
  const rule = createRejectOnErrorRule({ address: 'test.sut' });
  const reply = await rule.handle(aContext(), recordingNext(new UnreachableError('no route', { destination: 'x'.repeat(9000) })));
  assert.ok(reply.type === 14 && Buffer.byteLength(reply.message) < 8191);
});
