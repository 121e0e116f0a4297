import { test } from 'node:test';
import assert from 'node:assert/strict';
import { conditionOf, decodePrepare, forgePrepare, randomFulfillment, type IlpPrepare } from '../../lib/codec';
import { FLAWED_DATA_LENGTH, parsePrepareFlaw, unreadableBody } from './malformed-words';

const prepare: IlpPrepare = {
  type: 12,
  amount: 100n,
  expiresAt: new Date('2026-12-03T07:00:00.000Z'),
  executionCondition: conditionOf(randomFulfillment()),
  destination: 'test.bob.k1.p1',
  data: new Uint8Array(FLAWED_DATA_LENGTH).fill(5),
};

const forged = (words: string) => forgePrepare(prepare, parsePrepareFlaw(words));
const refusal = (bytes: Uint8Array, options: Parameters<typeof decodePrepare>[1]) => {
  try {
    decodePrepare(bytes, options);
    return 'decoded';
  } catch (error) {
    return (error as Error).message.split(' ')[0];
  }
};

test('the unreadable flaws are refused by a lenient decoder too', () => {
  assert.equal(refusal(forged('cut short by 10 bytes'), { mode: 'lenient' }), 'Truncated');
  assert.equal(refusal(forged('with type byte 99'), { mode: 'lenient' }), 'UnknownPacketType');
});

test('the lenient flaws decode leniently to the same Prepare and are refused strictly', () => {
  for (const words of ['with its envelope length in long form', 'with its destination length in long form', 'with its data length in long form']) {
    const bytes = forged(words);
    assert.equal(refusal(bytes, { mode: 'strict' }), 'NonCanonicalLength', words);
    assert.equal(decodePrepare(bytes, { mode: 'lenient' }).destination, prepare.destination, words);
  }
  for (const words of ['with 3 extra bytes inside its envelope', 'followed by 3 extra bytes']) {
    const bytes = forged(words);
    assert.equal(bytes.length, forgePrepare(prepare, []).length + 3, words);
    assert.equal(refusal(bytes, { mode: 'strict', rejectTrailingBytes: true }), 'TrailingBytes', words);
    assert.deepEqual(Buffer.from(decodePrepare(bytes, { mode: 'strict' }).data), Buffer.from(prepare.data), words);
  }
});

test('unknown words and out-of-range numbers are refused with a sentence', () => {
  assert.throws(() => parsePrepareFlaw('with type byte 12'), /not 12/);
  assert.throws(() => parsePrepareFlaw('with type byte 256'), /0-255/);
  assert.throws(() => parsePrepareFlaw('followed by 0 extra bytes'), /1 to 1000/);
  assert.throws(() => parsePrepareFlaw('painted blue'), /not a flaw/);
  assert.throws(() => unreadableBody('0 bytes of garbage'), /not an unreadable body/);
});

test('garbage never starts with a packet type; an empty body is empty', () => {
  for (let i = 0; i < 20; i++) assert.equal(unreadableBody('64 bytes of garbage')[0], 0xff);
  assert.equal(unreadableBody('64 bytes of garbage').length, 64);
  assert.equal(unreadableBody('an empty body').length, 0);
});
