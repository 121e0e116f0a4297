/**
 * Differential test: lib/codec against ilp-packet 3.1.3 (an independent implementation from npm).
 *
 * 1. For random VALID Prepare / Fulfill / Reject packets, both encoders write identical bytes and both
 *    decoders read identical fields. A shared misreading of the RFC would not show here, which is why the
 *    RFC-written vectors (fixtures/vectors) exist as well; a private slip in either codec does show.
 * 2. Where ilp-packet is known to be lax (catalog §18 IMPL-009), each case asserts that ilp-packet accepts
 *    the input AND lib/codec refuses it, naming the RFC rule. If ilp-packet is ever fixed, the "accepts" half
 *    fails and the case can be retired; if lib/codec regresses, the "refuses" half fails.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as ilpPacket from 'ilp-packet';
import {
  ADDRESS_SCHEMES, ERROR_CODES, decodeFulfill, decodePrepare, decodeReject, encodeFulfill, encodePrepare, encodeReject,
  isCodecError, type CodecErrorKind, type IlpFulfill, type IlpPrepare, type IlpReject,
} from '../codec';
import { bytesToHex, findVector, type InvalidVector } from './load';

const NUM_RUNS = 300;
const UINT64_MAX = 2n ** 64n - 1n;

/* ------------------------------------------------------------------------------------- generators */

const SEGMENT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~-';
const segmentChar = fc.constantFrom(...SEGMENT_CHARS.split(''));
/** A segment as deployed addresses have them: names, account numbers, uuids, base64url tokens. */
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('alice', 'bob', 'acme', 'connector', 'us-fed', 'ach', 'crypto', 'l1p', 'dfsp1', 'xrp', 'usd', '~ipr', 'sales', '199') },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 4, arbitrary: fc.string({ unit: segmentChar, minLength: 1, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: segmentChar, minLength: 100, maxLength: 400 }) },
);
/** A valid RFC 15 address: scheme, 1..8 segments, at most 1023 characters. */
const ilpAddress = fc
  .tuple(fc.constantFrom(...ADDRESS_SCHEMES), fc.array(segment, { minLength: 1, maxLength: 8 }))
  .map(([scheme, segments]) => [scheme, ...segments].join('.'))
  .filter((a) => a.length <= 1023);

const amount = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: UINT64_MAX }) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 1_000_000_000n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n ** 53n - 1n, 2n ** 53n + 1n, 2n ** 63n, UINT64_MAX - 1n, UINT64_MAX) },
);

/**
 * Expiry dates: mostly near now, sometimes anywhere in 1000..9999 (ilp-packet writes the year unpadded, so
 * years before 1000 are outside what both codecs can be compared on). The instant 1970-01-01T00:00:00.000Z is
 * left out too: ilp-packet takes a zero time value for an invalid date and refuses it, while the RFC allows it
 * (fast-check likes to generate exactly that instant).
 */
const expiresAt = fc
  .oneof(
    { weight: 3, arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2100-01-01T00:00:00.000Z'), noInvalidDate: true }) },
    { weight: 1, arbitrary: fc.date({ min: new Date('1000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }) },
  )
  .filter((d) => d.getTime() !== 0);

const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** Data: usually 0..2000 bytes, sometimes up to the 32767 maximum. */
const data = fc.oneof(
  { weight: 12, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 30000, maxLength: 32767 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array(32767)) },
);

/** Messages of any Unicode (multi-byte UTF-8 included), kept under 8191 bytes. */
const message = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ maxLength: 200 }))
  .filter((m) => Buffer.byteLength(m, 'utf8') <= 8191);

const code = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...Object.keys(ERROR_CODES)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('F', 'T', 'R'), fc.integer({ min: 0, max: 99 })).map(([c, n]) => c + String(n).padStart(2, '0')) },
);

const prepare: fc.Arbitrary<IlpPrepare> = fc.record({ amount, expiresAt, executionCondition: bytes32, destination: ilpAddress, data })
  .map((p) => ({ type: 12 as const, ...p }));
const fulfill: fc.Arbitrary<IlpFulfill> = fc.record({ fulfillment: bytes32, data }).map((f) => ({ type: 13 as const, ...f }));
const reject: fc.Arbitrary<IlpReject> = fc.record({ code, triggeredBy: ilpAddress, message, data }).map((r) => ({ type: 14 as const, ...r }));

/* ------------------------------------------------------------------------------------- comparison */

const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const hex = (b: Uint8Array): string => bytesToHex(b);

describe('differential: lib/codec and ilp-packet agree on valid packets', () => {
  test('Prepare: same bytes, same fields', () => {
    fc.assert(fc.property(prepare, (p) => {
      const ours = encodePrepare(p);
      const theirs = ilpPacket.serializeIlpPrepare({
        amount: p.amount.toString(), expiresAt: p.expiresAt, executionCondition: buf(p.executionCondition), destination: p.destination, data: buf(p.data),
      });
      assert.equal(hex(ours), theirs.toString('hex'), 'encoders disagree');
      const a = decodePrepare(theirs);
      const b = ilpPacket.deserializeIlpPrepare(buf(ours));
      assert.deepEqual(
        { amount: a.amount.toString(), expiresAt: a.expiresAt.toISOString(), condition: hex(a.executionCondition), destination: a.destination, data: hex(a.data) },
        { amount: b.amount, expiresAt: b.expiresAt.toISOString(), condition: hex(b.executionCondition), destination: b.destination, data: hex(b.data) },
        'decoders disagree',
      );
      assert.equal(a.amount, p.amount);
      assert.equal(a.expiresAt.getTime(), p.expiresAt.getTime());
    }), { numRuns: NUM_RUNS });
  });

  test('Fulfill: same bytes, same fields', () => {
    fc.assert(fc.property(fulfill, (f) => {
      const ours = encodeFulfill(f);
      const theirs = ilpPacket.serializeIlpFulfill({ fulfillment: buf(f.fulfillment), data: buf(f.data) });
      assert.equal(hex(ours), theirs.toString('hex'), 'encoders disagree');
      const a = decodeFulfill(theirs);
      const b = ilpPacket.deserializeIlpFulfill(buf(ours));
      assert.deepEqual({ f: hex(a.fulfillment), d: hex(a.data) }, { f: hex(b.fulfillment), d: hex(b.data) }, 'decoders disagree');
      assert.equal(hex(a.data), hex(f.data));
    }), { numRuns: NUM_RUNS });
  });

  test('Reject: same bytes, same fields (UTF-8 messages included)', () => {
    fc.assert(fc.property(reject, (r) => {
      const ours = encodeReject(r);
      const theirs = ilpPacket.serializeIlpReject({ code: r.code, triggeredBy: r.triggeredBy, message: r.message, data: buf(r.data) });
      assert.equal(hex(ours), theirs.toString('hex'), 'encoders disagree');
      const a = decodeReject(theirs);
      const b = ilpPacket.deserializeIlpReject(buf(ours));
      assert.deepEqual(
        { code: a.code, triggeredBy: a.triggeredBy, message: a.message, data: hex(a.data) },
        { code: b.code, triggeredBy: b.triggeredBy, message: b.message, data: hex(b.data) },
        'decoders disagree',
      );
      assert.equal(a.message, r.message);
    }), { numRuns: NUM_RUNS });
  });
});

/* ------------------------------------------------------------------------------------- laxities */

function refusedBy(decode: () => unknown, kind: CodecErrorKind, field: string): void {
  assert.throws(decode, (e: unknown) => isCodecError(e) && e.kind === kind && e.field === field, `lib/codec must refuse with ${kind} field=${field}`);
}

function vectorBytes(name: string): Buffer {
  return buf((findVector(name) as InvalidVector).bytes);
}

describe('differential: ilp-packet 3.1.3 laxities (IMPL-009) that lib/codec refuses', () => {
  // RFC 30 "Fixed-length Timestamps > Decoding": month 13, hour 24, second 60 and impossible days MUST be
  // rejected. ilp-packet >= 3.0.8 hands the digits to Date.UTC, which rolls them over into a valid date.
  for (const [name, rolledTo] of [
    ['prepare-expires-month-13', '2026-01-01T08:15:30.250Z'],
    ['prepare-expires-hour-24', '2025-12-25T00:00:00.000Z'],
    ['prepare-expires-second-60', '2017-01-01T00:00:00.852Z'],
    ['prepare-expires-feb-29-common-year', '2023-03-01T12:00:00.000Z'],
  ] as const) {
    test(`invalid timestamp (${name}): ilp-packet rolls it over to ${rolledTo}, lib/codec refuses`, () => {
      const bytes = vectorBytes(name);
      assert.equal(ilpPacket.deserializeIlpPrepare(bytes).expiresAt.toISOString(), rolledTo);
      refusedBy(() => decodePrepare(bytes), 'InvalidTimestamp', 'expiresAt');
      refusedBy(() => decodePrepare(bytes, { mode: 'lenient' }), 'InvalidTimestamp', 'expiresAt');
    });
  }

  // asn1 InterledgerPrepare/Fulfill/Reject: data OCTET STRING (SIZE (0..32767)); ilp-packet never checks it.
  test('data of 32768 bytes: ilp-packet reads and writes it, lib/codec refuses both', () => {
    const bytes = vectorBytes('prepare-data-32768');
    assert.equal(ilpPacket.deserializeIlpPrepare(bytes).data.length, 32768);
    refusedBy(() => decodePrepare(bytes), 'DataTooLong', 'data');
    const p = decodePrepare(buf(findVectorValid('prepare-data-32767')));
    const tooLong = { ...p, data: new Uint8Array(32768) };
    assert.ok(ilpPacket.serializeIlpPrepare({
      amount: p.amount.toString(), expiresAt: p.expiresAt, executionCondition: buf(p.executionCondition), destination: p.destination, data: Buffer.alloc(32768),
    }).length > 32768);
    refusedBy(() => encodePrepare(tooLong), 'DataTooLong', 'data');
    refusedBy(() => decodeFulfill(vectorBytes('fulfill-data-32768')), 'DataTooLong', 'data');
    assert.equal(ilpPacket.deserializeIlpFulfill(vectorBytes('fulfill-data-32768')).data.length, 32768);
  });

  // asn1 InterledgerReject message UTF8String (SIZE (0..8191)); ilp-packet never checks it.
  test('message of 8192 bytes: ilp-packet accepts it, lib/codec refuses', () => {
    const bytes = vectorBytes('reject-message-8192');
    assert.equal(ilpPacket.deserializeIlpReject(bytes).message.length, 8192);
    refusedBy(() => decodeReject(bytes), 'MessageTooLong', 'message');
  });

  // RFC 27 ILP Reject: code is a 3-character IA5String (7-bit). ilp-packet decodes the bytes as ASCII,
  // silently masking the high bit of 0xc8 into 'H'.
  test('code with a byte above 0x7f: ilp-packet decodes it lossily, lib/codec refuses', () => {
    const bytes = vectorBytes('reject-code-not-ia5');
    const code = ilpPacket.deserializeIlpReject(bytes).code;
    assert.equal(code.length, 3);
    assert.notEqual(code, Buffer.from('4630c8', 'hex').toString('latin1'), 'the lossy read does not even keep the byte');
    refusedBy(() => decodeReject(bytes), 'InvalidIa5', 'code');
    refusedBy(() => decodeReject(bytes, { mode: 'lenient' }), 'InvalidIa5', 'code');
  });

  // RFC 15 Address Requirements: an address has a scheme and at least one segment, so "" is not an
  // address (ADDR-011: the asn1 size range allows it). ilp-packet 3.1.3 accepts an empty triggeredBy;
  // lib/codec refuses it in strict mode and tolerates it only in lenient mode.
  test('empty triggeredBy: ilp-packet accepts it, lib/codec refuses it in strict mode', () => {
    const bytes = vectorBytes('reject-triggered-by-empty');
    assert.equal(ilpPacket.deserializeIlpReject(bytes).triggeredBy, '');
    refusedBy(() => decodeReject(bytes), 'InvalidAddress', 'triggeredBy');
    assert.equal(decodeReject(bytes, { mode: 'lenient' }).triggeredBy, '');
  });
});

function findVectorValid(name: string): Uint8Array {
  const v = findVector(name);
  if ('error' in v) throw new Error(`${name} is an invalid vector`);
  return v.bytes;
}
