import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFulfill, encodePrepare, forgePrepare, type PrepareFlaw } from '../../../lib/codec';
import { PacketContext } from '../context';
import { aPeer, aPrepare, expectIlpError, FULFILLMENT, recordingNext } from '../test-support';
import { createValidatePrepareRule } from './validate-prepare';

const rule = createValidatePrepareRule();
const contextFor = (raw: Uint8Array) => new PacketContext(aPeer(), raw);

test('a valid Prepare is decoded and goes on', async () => {
  const ctx = contextFor(encodePrepare(aPrepare({ destination: 'test.bob.v1' })));
  const next = recordingNext();
  await rule.handle(ctx, next);
  assert.equal(next.calls, 1);
  assert.equal(ctx.prepare.destination, 'test.bob.v1');
});

test('non-canonical length prefixes are accepted (RFC 27 lets receivers be lenient)', async () => {
  for (const where of ['envelope', 'destination', 'data'] as const) {
    const ctx = contextFor(forgePrepare(aPrepare(), { kind: 'non-canonical-length', where }));
    const next = recordingNext();
    await rule.handle(ctx, next);
    assert.equal(next.calls, 1, where);
  }
});

test('data of 32767 bytes is accepted', async () => {
  const ctx = contextFor(forgePrepare(aPrepare(), { kind: 'data-length', length: 32767 }));
  await rule.handle(ctx, recordingNext());
  assert.equal(ctx.prepare.data.length, 32767);
});

const malformed: [string, Uint8Array, RegExp][] = [
  ['empty body', new Uint8Array(0), /Truncated/],
  ['a Fulfill', encodeFulfill({ fulfillment: FULFILLMENT, data: new Uint8Array(0) }), /WrongPacketType/],
  ...(
    [
      ['data of 32768 bytes', { kind: 'data-length', length: 32768 }, /DataTooLong/],
      ['month 13', { kind: 'raw-expires-at', text: '20301301000000000' }, /InvalidTimestamp/],
      ['an invalid destination', { kind: 'raw-destination', text: 'test.bob!' }, /InvalidAddress/],
      ['an indefinite length', { kind: 'indefinite-length' }, /IndefiniteLength/],
      ['truncated', { kind: 'truncate', bytes: 2 }, /Truncated/],
      ['type byte 1', { kind: 'type-byte', value: 1 }, /UnknownPacketType/],
    ] as [string, PrepareFlaw, RegExp][]
  ).map(([what, flaw, kind]): [string, Uint8Array, RegExp] => [what, forgePrepare(aPrepare(), flaw), kind]),
];

for (const [what, bytes, kind] of malformed) {
  test(`${what} is F01 naming the codec error, and nothing goes on`, async () => {
    const next = recordingNext();
    const error = await expectIlpError(rule, contextFor(bytes), next, 'F01');
    assert.match(error.message, kind);
    assert.equal(next.calls, 0);
  });
}
