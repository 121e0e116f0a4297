/**
 * Differential test of lib/codec's 2017 packets against ilp-packet-v1 2.2.0 (installed in this folder by
 * `npm run interop:mojaloop:install`; runtime identical to ilp-packet 2.2.0, the last release with them):
 * for random ILPv1 Payments, ILQP packets, Errors, Fulfillment Data, Forwarded Payments and Rejections, each side
 * decodes what the other wrote to the same fields and both write the same bytes. Also every valid vector in
 * fixtures/vectors/ilpv1.json through ilp-packet-v1. ilp-packet carries an Error's data as an ASCII string
 * (it drops the high bit), so Error data here is 7-bit bytes: the wire allows any octets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeIlpV1ForwardedPayment, decodeIlpV1Outcome, decodeIlpV1Payment, decodeIlqpPacket, encodeIlpV1ForwardedPayment,
  encodeIlpV1Outcome, encodeIlpV1Payment, encodeIlqpPacket, type IlpV1Outcome, type IlqpPacket,
} from '../../lib/codec';
import { suitesFor } from '../../lib/vectors/load';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v1 = require('ilp-packet-v1') as Record<string, (x: unknown) => any>;

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const segment = fc.stringMatching(/^[a-z0-9_~-]{1,12}$/);
const address = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `g.${s.join('.')}`);
const uint64 = fc.bigInt({ min: 0n, max: 0xffffffffffffffffn });
const duration = fc.integer({ min: 0, max: 0xffffffff });

test('ILPv1 Payments: same bytes, and each reads what the other wrote', () => {
  fc.assert(fc.property(uint64, address, fc.uint8Array({ maxLength: 300 }), (amount, account, data) => {
    const ours = encodeIlpV1Payment({ amount, account, data });
    const theirs: Buffer = v1.serializeIlpPayment({ amount: amount.toString(), account, data: Buffer.from(data) });
    assert.equal(hex(ours), theirs.toString('hex'));
    const read = v1.deserializeIlpPayment(Buffer.from(ours));
    assert.deepEqual([read.amount, read.account, hex(read.data)], [amount.toString(), account, hex(data)]);
    const back = decodeIlpV1Payment(theirs);
    assert.deepEqual([back.amount, back.account, hex(back.data)], [amount, account, hex(data)]);
  }), { numRuns: 300 });
});

const SERIALIZERS: Record<number, string> = {
  2: 'IlqpLiquidityRequest', 3: 'IlqpLiquidityResponse', 4: 'IlqpBySourceRequest', 5: 'IlqpBySourceResponse',
  6: 'IlqpByDestinationRequest', 7: 'IlqpByDestinationResponse',
};

/** Our packet in ilp-packet's JSON: amounts as strings, the curve as its raw 16-byte points. */
function theirForm(p: IlqpPacket): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'type') continue;
    if (typeof v === 'bigint') out[k] = v.toString();
    else if (Array.isArray(v)) out[k] = Buffer.concat(v.map((pt: { x: bigint; y: bigint }) => { const b = Buffer.alloc(16); b.writeBigUInt64BE(pt.x); b.writeBigUInt64BE(pt.y, 8); return b; }));
    else out[k] = v;
  }
  return out;
}

const time = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59.999Z'), noInvalidDate: true });
const plain = { noNullPrototype: true } as const;
const curve = fc.array(fc.record({ x: uint64, y: uint64 }, plain), { maxLength: 5 });
const ilqp: fc.Arbitrary<IlqpPacket> = fc.oneof(
  fc.record({ type: fc.constant(2 as const), destinationAccount: address, destinationHoldDuration: duration }, plain),
  fc.record({ type: fc.constant(3 as const), liquidityCurve: curve, appliesToPrefix: address.map((a) => `${a}.`), sourceHoldDuration: duration, expiresAt: time }, plain),
  fc.record({ type: fc.constant(4 as const), destinationAccount: address, sourceAmount: uint64, destinationHoldDuration: duration }, plain),
  fc.record({ type: fc.constant(5 as const), destinationAmount: uint64, sourceHoldDuration: duration }, plain),
  fc.record({ type: fc.constant(6 as const), destinationAccount: address, destinationAmount: uint64, destinationHoldDuration: duration }, plain),
  fc.record({ type: fc.constant(7 as const), sourceAmount: uint64, sourceHoldDuration: duration }, plain),
);

test('ILQP packets: same bytes, and each reads what the other wrote', () => {
  fc.assert(fc.property(ilqp, (packet) => {
    const name = SERIALIZERS[packet.type]!;
    const ours = encodeIlqpPacket(packet);
    const theirs: Buffer = v1[`serialize${name}`]!(theirForm(packet));
    assert.equal(hex(ours), theirs.toString('hex'));
    assert.deepEqual(v1[`deserialize${name}`]!(Buffer.from(ours)), theirForm(packet));
    assert.deepEqual(decodeIlqpPacket(theirs), packet);
  }), { numRuns: 300 });
});

const code = fc.stringMatching(/^[A-Z][0-9]{2}$/);
const ia5Text = fc.stringMatching(/^[ -~]{0,40}$/);
const outcome: fc.Arbitrary<IlpV1Outcome> = fc.oneof(
  fc.record({
    type: fc.constant(8 as const), code, name: ia5Text, triggeredBy: address, forwardedBy: fc.array(address, { maxLength: 4 }),
    triggeredAt: time, data: fc.array(fc.integer({ min: 0, max: 0x7f }), { maxLength: 200 }).map((b) => Buffer.from(b)),
  }, plain),
  fc.record({ type: fc.constant(9 as const), data: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) }, plain),
  fc.record({ type: fc.constant(11 as const), code, triggeredBy: address, message: fc.string({ maxLength: 60, unit: 'grapheme' }), data: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) }, plain),
);
const OUTCOME_NAMES: Record<number, string> = { 8: 'IlpError', 9: 'IlpFulfillment', 11: 'IlpRejection' };

/** Ours in ilp-packet's JSON: an Error's data as its ASCII text, every other field as it is. */
function theirOutcome(p: IlpV1Outcome): Record<string, unknown> {
  const { type: _type, ...rest } = p;
  return p.type === 8 ? { ...rest, data: Buffer.from(p.data).toString('ascii') } : rest;
}

test('ILPv1 Errors, Fulfillment Data and Rejections: same bytes, and each reads what the other wrote', () => {
  fc.assert(fc.property(outcome, (packet) => {
    const name = OUTCOME_NAMES[packet.type]!;
    const ours = encodeIlpV1Outcome(packet);
    const theirs: Buffer = v1[`serialize${name}`]!(theirOutcome(packet));
    assert.equal(hex(ours), theirs.toString('hex'));
    assert.deepEqual(v1[`deserialize${name}`]!(Buffer.from(ours)), theirOutcome(packet));
    assert.deepEqual(decodeIlpV1Outcome(theirs), packet);
  }), { numRuns: 300 });
});

test('ILPv1 Forwarded Payments: same bytes, and each reads what the other wrote', () => {
  fc.assert(fc.property(address, fc.uint8Array({ maxLength: 300 }), (account, data) => {
    const ours = encodeIlpV1ForwardedPayment({ account, data });
    const theirs: Buffer = v1.serializeIlpForwardedPayment({ account, data: Buffer.from(data) });
    assert.equal(hex(ours), theirs.toString('hex'));
    const read = v1.deserializeIlpForwardedPayment(Buffer.from(ours));
    assert.deepEqual([read.account, hex(read.data)], [account, hex(data)]);
    const back = decodeIlpV1ForwardedPayment(theirs);
    assert.deepEqual([back.account, hex(back.data)], [account, hex(data)]);
  }), { numRuns: 200 });
});

test('ilp-packet-v1 refuses the 2017 time forms lib/codec refuses (TS-L01), and lib/codec reads every one it writes', () => {
  fc.assert(fc.property(time, (at) => {
    const bytes: Buffer = v1.serializeIlpError({ code: 'F00', name: '', triggeredBy: 'g.a', forwardedBy: [], triggeredAt: at, data: '' });
    const ours = decodeIlpV1Outcome(bytes);
    assert.equal(ours.type === 8 && ours.triggeredAt.toISOString(), at.toISOString());
  }), { numRuns: 200 });
  for (const v of suitesFor('ilpv1').flatMap((s) => s.invalid).filter((v) => v.error.field === 'triggeredAt')) {
    assert.throws(() => v1.deserializeIlpError(Buffer.from(v.bytes)), /invalid date/, v.name);
  }
});

test('every valid vector of fixtures/vectors/ilpv1.json decodes in ilp-packet-v1 and re-encodes to the same bytes', () => {
  const suites = [...suitesFor('ilpv1-payment'), ...suitesFor('ilqp'), ...suitesFor('ilpv1')];
  assert.ok(suites.length === 3 && suites.every((s) => s.valid.length > 0));
  for (const suite of suites) {
    for (const v of suite.valid) {
      const type = v.bytes[0]!;
      const name = type === 1 ? 'IlpPayment' : type === 10 ? 'IlpForwardedPayment' : OUTCOME_NAMES[type] ?? SERIALIZERS[type]!;
      const back: Buffer = v1[`serialize${name}`]!(v1[`deserialize${name}`]!(Buffer.from(v.bytes)));
      assert.equal(back.toString('hex'), v.hex, v.name);
    }
  }
});
