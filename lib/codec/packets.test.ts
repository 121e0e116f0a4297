import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  conditionOf, decodeFulfill, decodePacket, decodePrepare, decodeReject, decodeReply, encodeFulfill, encodePacket,
  encodePrepare, encodeReject, fulfillmentMatches, randomFulfillment, type PrepareFields, type RejectFields,
} from './packets';
import { forgeFulfill, forgePrepare, forgeReject } from './forge';
import { assertCodecError, hex } from './testing';
import type { IlpFulfill } from './types';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// PREPARE-V-001 fields (ilp-packet example 1), so the encoded bytes are known independently.
const prepare: PrepareFields = {
  amount: 107n,
  expiresAt: new Date('2017-12-23T01:21:40.549Z'),
  executionCondition: hex('74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1'),
  destination: 'example.alice',
  data: hex('5db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0'),
};
const PREPARE_HEX = '0c68000000000000006b3230313731323233303132313430353439'
  + '74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1'
  + '0d6578616d706c652e616c696365' + '205db343fdc41898f6df4202329139dc242dd0f558a811b46b28918fdab37c6cb0';
const fulfill: IlpFulfill = { type: 13, fulfillment: new Uint8Array(32).fill(7), data: hex('0102') };
const reject: RejectFields = { code: 'F02', triggeredBy: 'test.connie', message: 'no route', data: new Uint8Array(0) };
const with_ = <T>(base: T, changes: Partial<T>): T => ({ ...base, ...changes });

describe('Prepare encode/decode (PKT-004)', () => {
  it('encodes the known bytes and decodes them back field by field', () => {
    const bytes = encodePrepare(prepare);
    assert.equal(toHex(bytes), PREPARE_HEX);
    const back = decodePrepare(bytes);
    assert.equal(back.type, 12);
    assert.equal(back.amount, 107n);
    assert.equal(back.expiresAt.toISOString(), '2017-12-23T01:21:40.549Z');
    assert.equal(toHex(back.executionCondition), toHex(prepare.executionCondition));
    assert.equal(back.destination, 'example.alice');
    assert.equal(toHex(back.data), toHex(prepare.data));
  });

  it('keeps the full UInt64 range of amount (PKT-009)', () => {
    for (const amount of [0n, 1n, 2n ** 53n + 1n, 18446744073709551615n]) {
      assert.equal(decodePrepare(encodePrepare(with_(prepare, { amount }))).amount, amount);
    }
    assertCodecError(() => encodePrepare(with_(prepare, { amount: 18446744073709551616n })), { kind: 'ValueOutOfRange', field: 'amount', offset: -1 });
    assertCodecError(() => encodePrepare(with_(prepare, { amount: -1n })), { kind: 'ValueOutOfRange', field: 'amount' });
    assertCodecError(() => encodePrepare(with_(prepare, { amount: 5 as unknown as bigint })), { kind: 'ValueOutOfRange', field: 'amount' });
  });

  it('data boundary triple 32766 / 32767 / 32768 (PKT-007)', () => {
    for (const n of [32766, 32767]) {
      const bytes = encodePrepare(with_(prepare, { data: new Uint8Array(n) }));
      assert.equal(decodePrepare(bytes).data.length, n);
    }
    assertCodecError(() => encodePrepare(with_(prepare, { data: new Uint8Array(32768) })), { kind: 'DataTooLong', field: 'data', offset: -1, details: { length: 32768 } });
    const forged = forgePrepare(prepare, { kind: 'data-length', length: 32768 });
    // type 1 + envelope prefix 3 + fixed 57 + destination 14 = data prefix at 75
    assertCodecError(() => decodePrepare(forged), { kind: 'DataTooLong', field: 'data', offset: 75, details: { length: 32768, max: 32767 } });
    assertCodecError(() => decodePrepare(forged, { mode: 'lenient' }), { kind: 'DataTooLong', field: 'data', offset: 75 });
  });

  it('destination boundary triple 1022 / 1023 / 1024 (ADDR-006)', () => {
    for (const n of [1022, 1023]) {
      const destination = 'g.' + 'x'.repeat(n - 2);
      assert.equal(decodePrepare(encodePrepare(with_(prepare, { destination }))).destination, destination);
    }
    const tooLong = 'g.' + 'x'.repeat(1022);
    assertCodecError(() => encodePrepare(with_(prepare, { destination: tooLong })), { kind: 'InvalidAddress', field: 'destination', offset: -1 });
    const forged = forgePrepare(prepare, { kind: 'raw-destination', text: tooLong });
    // type 1 + envelope prefix 3 (82 04 3d) + fixed 57: the destination's length prefix is at 61
    assertCodecError(() => decodePrepare(forged), { kind: 'InvalidAddress', field: 'destination', offset: 61, details: { reason: 'length 1024 > 1023' } });
  });

  it('length prefixes switch to long form at 128 (127 / 128 byte data)', () => {
    const short = encodePrepare(with_(prepare, { data: new Uint8Array(127) }));
    const long = encodePrepare(with_(prepare, { data: new Uint8Array(128) }));
    assert.equal(toHex(short.subarray(1, 3)), '81c7'); // contents 57 + 14 + 1 + 127 = 199: long envelope form
    assert.equal(toHex(short.subarray(74, 75)), '7f');
    assert.equal(toHex(long.subarray(74, 76)), '8180');
    assert.equal(decodePrepare(long).data.length, 128);
  });

  it('refuses invalid destinations on encode and decode, with the offset of the bad byte', () => {
    assertCodecError(() => encodePrepare(with_(prepare, { destination: 'example.alice!' })), { kind: 'InvalidAddress', field: 'destination', offset: -1 });
    const forged = forgePrepare(prepare, { kind: 'raw-destination', text: 'example.alice!' });
    assertCodecError(() => decodePrepare(forged), { kind: 'InvalidAddress', field: 'destination', offset: 60 + 13 });
    const empty = forgePrepare(prepare, { kind: 'raw-destination', text: '' });
    assertCodecError(() => decodePrepare(empty, { mode: 'lenient' }), { kind: 'InvalidAddress', field: 'destination', offset: 60 });
  });

  it('refuses a condition that is not 32 bytes on encode (WrongFixedLength)', () => {
    assertCodecError(() => encodePrepare(with_(prepare, { executionCondition: new Uint8Array(31) })), { kind: 'WrongFixedLength', field: 'executionCondition', offset: -1, details: { length: 31, expected: 32 } });
  });

  it('refuses a timestamp that is not a real date, at the bad digits (TS-005)', () => {
    assertCodecError(() => decodePrepare(forgePrepare(prepare, { kind: 'raw-expires-at', text: '20171324161432200' })), { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 10 + 4 });
    assertCodecError(() => encodePrepare(with_(prepare, { expiresAt: new Date(NaN) })), { kind: 'InvalidTimestamp', field: 'expiresAt', offset: -1 });
    // A 16-character text shifts the rest: the decoder reads the condition's first byte as a digit.
    assertCodecError(() => decodePrepare(forgePrepare(prepare, { kind: 'raw-expires-at', text: '2017122401214054' })), { kind: 'InvalidTimestamp', offset: 26 });
  });
});

describe('envelope (PKT-001, PKT-002, OER-002, OER-003)', () => {
  it('strict refuses a non-canonical envelope, destination or data length; lenient decodes the same packet', () => {
    for (const [where, offset] of [['envelope', 1], ['destination', 59], ['data', 73]] as const) {
      const bytes = forgePrepare(prepare, { kind: 'non-canonical-length', where });
      assertCodecError(() => decodePrepare(bytes), { kind: 'NonCanonicalLength', field: where === 'envelope' ? 'contents' : where, offset });
      const lenient = decodePrepare(bytes, { mode: 'lenient' });
      assert.equal(toHex(encodePrepare(lenient)), PREPARE_HEX, `${where}: re-encoding is canonical`);
    }
  });

  it('refuses an indefinite envelope length in both modes', () => {
    const bytes = forgePrepare(prepare, { kind: 'indefinite-length' });
    assertCodecError(() => decodePrepare(bytes), { kind: 'IndefiniteLength', field: 'contents', offset: 1 });
    assertCodecError(() => decodePrepare(bytes, { mode: 'lenient' }), { kind: 'IndefiniteLength', field: 'contents', offset: 1 });
  });

  it('refuses truncation at the envelope, naming the missing byte count', () => {
    const bytes = forgePrepare(prepare, { kind: 'truncate', bytes: 1 });
    assertCodecError(() => decodePrepare(bytes, { mode: 'lenient' }), { kind: 'Truncated', field: 'contents', offset: 2, details: { needed: 104, available: 103 } });
    assertCodecError(() => decodePacket(new Uint8Array(0)), { kind: 'Truncated', field: 'type', offset: 0 });
    assertCodecError(() => decodePacket(hex('0c')), { kind: 'Truncated', field: 'contents', offset: 1 });
  });

  it('refuses truncation inside the contents when the envelope length is short', () => {
    // envelope says 60 bytes: amount, expiry, condition and 3 bytes of what should be the destination
    const bytes = Buffer.concat([hex('0c3c'), Buffer.from(encodePrepare(prepare)).subarray(2, 62)]);
    assertCodecError(() => decodePrepare(bytes), { kind: 'Truncated', field: 'destination', offset: 60, details: { needed: 13, available: 2 } });
  });

  it('ignores trailing bytes after or inside the envelope by default; refuses them on request', () => {
    const after = forgePrepare(prepare, { kind: 'trailing-bytes', bytes: hex('111213') });
    const inside = forgePrepare(prepare, { kind: 'trailing-bytes', bytes: hex('2a'), inside: true });
    assert.equal(decodePrepare(after).destination, 'example.alice');
    assert.equal(decodePrepare(inside).destination, 'example.alice');
    assertCodecError(() => decodePrepare(after, { rejectTrailingBytes: true }), { kind: 'TrailingBytes', field: 'packet', offset: 106, details: { count: 3 } });
    assertCodecError(() => decodePrepare(inside, { rejectTrailingBytes: true }), { kind: 'TrailingBytes', field: 'contents', offset: 106, details: { count: 1 } });
  });

  it('names wrong and unknown packet types', () => {
    assertCodecError(() => decodePrepare(encodeFulfill(fulfill)), { kind: 'WrongPacketType', field: 'type', offset: 0, details: { expected: '12', got: 13 } });
    assertCodecError(() => decodeFulfill(encodePrepare(prepare)), { kind: 'WrongPacketType', details: { expected: '13', got: 12 } });
    assertCodecError(() => decodeReject(encodePrepare(prepare)), { kind: 'WrongPacketType', details: { expected: '14', got: 12 } });
    assertCodecError(() => decodeReply(encodePrepare(prepare)), { kind: 'WrongPacketType', details: { expected: '13|14', got: 12 } });
    assertCodecError(() => decodePacket(forgePrepare(prepare, { kind: 'type-byte', value: 1 })), { kind: 'UnknownPacketType', field: 'type', offset: 0, details: { got: 1 } });
    assert.equal(new Error(String(assertCodecError(() => decodePrepare(encodeFulfill(fulfill)), { kind: 'WrongPacketType' }).message)).message,
      'WrongPacketType expected=12 got=13 field=type at=0');
  });

  it('decodePacket and decodeReply dispatch on the type byte', () => {
    assert.equal(decodePacket(encodePrepare(prepare)).type, 12);
    assert.equal(decodeReply(encodeFulfill(fulfill)).type, 13);
    assert.equal(decodeReply(encodeReject(reject)).type, 14);
    const roundTrip = (p: Parameters<typeof encodePacket>[0]) => toHex(encodePacket(decodePacket(encodePacket(p))));
    assert.equal(roundTrip({ type: 12, ...prepare }), PREPARE_HEX);
  });
});

describe('Fulfill (PKT-005)', () => {
  it('round-trips and refuses a fulfillment that is not 32 bytes', () => {
    const bytes = encodeFulfill(fulfill);
    assert.equal(toHex(bytes), '0d23' + '07'.repeat(32) + '020102');
    const back = decodeFulfill(bytes);
    assert.equal(toHex(back.fulfillment), '07'.repeat(32));
    assert.equal(toHex(back.data), '0102');
    assertCodecError(() => encodeFulfill(with_(fulfill, { fulfillment: new Uint8Array(33) })), { kind: 'WrongFixedLength', field: 'fulfillment', offset: -1 });
    // A 31-byte fulfillment: the decoder takes 32 bytes and finds no data prefix left.
    const short = forgeFulfill(with_(fulfill, { data: new Uint8Array(0) }), { kind: 'fulfillment-length', length: 31 });
    assertCodecError(() => decodeFulfill(short), { kind: 'Truncated', field: 'data', offset: 34 });
  });

  it('data boundary 32767 / 32768', () => {
    assert.equal(decodeFulfill(encodeFulfill(with_(fulfill, { data: new Uint8Array(32767) }))).data.length, 32767);
    assertCodecError(() => encodeFulfill(with_(fulfill, { data: new Uint8Array(32768) })), { kind: 'DataTooLong', field: 'data' });
    assertCodecError(() => decodeFulfill(forgeFulfill(fulfill, { kind: 'data-length', length: 32768 })), { kind: 'DataTooLong', field: 'data', offset: 36 });
  });
});

describe('Reject (PKT-006, PKT-008, ADDR-011)', () => {
  it('round-trips UTF-8 messages', () => {
    const r = with_(reject, { message: 'prix trop élevé: 5 € 🙂' });
    const back = decodeReject(encodeReject(r));
    assert.deepEqual({ ...back, data: toHex(back.data) }, { type: 14, ...r, data: '' });
  });

  it('message boundary triple 8190 / 8191 / 8192 bytes, counted in bytes', () => {
    for (const n of [8190, 8191]) assert.equal(decodeReject(encodeReject(with_(reject, { message: 'a'.repeat(n) }))).message.length, n);
    assertCodecError(() => encodeReject(with_(reject, { message: 'a'.repeat(8192) })), { kind: 'MessageTooLong', field: 'message', offset: -1, details: { length: 8192 } });
    assertCodecError(() => encodeReject(with_(reject, { message: 'é'.repeat(4096) })), { kind: 'MessageTooLong', details: { length: 8192 } });
    // type 1 + envelope 3 + code 3 + triggeredBy 12 = message prefix at 19
    assertCodecError(() => decodeReject(forgeReject(reject, { kind: 'message-length', length: 8192 })), { kind: 'MessageTooLong', field: 'message', offset: 19 });
  });

  it('refuses malformed UTF-8 at the first bad byte, and lone surrogates on encode', () => {
    // type 1 + envelope 1 + code 3 + triggeredBy 12 + message prefix 1 = message at 18; 0xff is its 3rd byte
    assertCodecError(() => decodeReject(forgeReject(reject, { kind: 'message-bytes', bytes: hex('6162ff') })), { kind: 'InvalidUtf8', field: 'message', offset: 20 });
    assertCodecError(() => decodeReject(forgeReject(reject, { kind: 'message-bytes', bytes: hex('c0af') }), { mode: 'lenient' }), { kind: 'InvalidUtf8', field: 'message', offset: 18 });
    assertCodecError(() => encodeReject(with_(reject, { message: 'bad \ud800 half' })), { kind: 'InvalidUtf8', field: 'message', offset: -1 });
  });

  it('code: 3 IA5 characters on the wire; assigned or not is not the codec\'s business', () => {
    assert.equal(decodeReject(encodeReject(with_(reject, { code: 'tw\x7f' }))).code, 'tw\x7f');
    assertCodecError(() => decodeReject(forgeReject(reject, { kind: 'raw-code', bytes: hex('7477ff') })), { kind: 'InvalidIa5', field: 'code', offset: 4 });
    for (const code of ['F0', 'F001', 'Fé1', '']) {
      assertCodecError(() => encodeReject(with_(reject, { code })), { kind: 'InvalidErrorCode', field: 'code', offset: -1 });
    }
  });

  it('triggeredBy must be an address; empty is accepted only in lenient mode', () => {
    const empty = forgeReject(reject, { kind: 'raw-triggered-by', text: '' });
    assertCodecError(() => decodeReject(empty), { kind: 'InvalidAddress', field: 'triggeredBy', offset: 6 });
    assert.equal(decodeReject(empty, { mode: 'lenient' }).triggeredBy, '');
    assertCodecError(() => encodeReject(with_(reject, { triggeredBy: '' })), { kind: 'InvalidAddress', field: 'triggeredBy' });
    assert.equal(toHex(encodeReject(with_(reject, { triggeredBy: '' }), { mode: 'lenient' })), toHex(empty));
    assertCodecError(() => decodeReject(forgeReject(reject, { kind: 'raw-triggered-by', text: 'test.con nie' }), { mode: 'lenient' }), { kind: 'InvalidAddress', field: 'triggeredBy', offset: 6 + 8 });
  });

  it('non-canonical triggeredBy and message lengths: strict refuses, lenient decodes', () => {
    for (const [where, offset] of [['triggeredBy', 5], ['message', 17]] as const) {
      const bytes = forgeReject(reject, { kind: 'non-canonical-length', where });
      assertCodecError(() => decodeReject(bytes), { kind: 'NonCanonicalLength', field: where, offset });
      assert.equal(toHex(encodeReject(decodeReject(bytes, { mode: 'lenient' }))), toHex(encodeReject(reject)));
    }
  });
});

describe('conditions and fulfillments (COND-001)', () => {
  it('conditionOf is SHA-256 and fulfillmentMatches checks it', () => {
    assert.equal(toHex(conditionOf(new Uint8Array(32))), '66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
    const f = randomFulfillment();
    assert.equal(f.length, 32);
    assert.ok(fulfillmentMatches(f, conditionOf(f)));
    assert.ok(!fulfillmentMatches(randomFulfillment(), conditionOf(f)));
  });
});

it('an address checked once is written the same way again, and the check still refuses what it must', () => {
  const reject = (triggeredBy: string) => ({ type: 14 as const, code: 'F02', triggeredBy, message: 'm', data: new Uint8Array(0) });
  const first = Buffer.from(encodePacket(reject('g.cached.once')));
  assert.deepEqual(Buffer.from(encodePacket(reject('g.cached.once'))), first);
  for (let i = 0; i < 5000; i++) encodePacket(reject(`g.many.a${i}`)); // past the cache's bound: it empties and refills
  assert.deepEqual(Buffer.from(encodePacket(reject('g.cached.once'))), first);
  assert.throws(() => encodePacket(reject('g..bad')), /InvalidAddress/);
  assert.throws(() => encodePacket(reject('g.caf\u00e9')), /InvalidAddress/);
});

it('a message written once is written the same way again; non-ASCII and long messages are UTF-8', () => {
  const reject = (message: string) => Buffer.from(encodePacket({ type: 14, code: 'F02', triggeredBy: 'g.x', message, data: new Uint8Array(0) }));
  const first = reject('no route');
  for (let i = 0; i < 1500; i++) reject(`message ${i}`); // past the bound: the memory empties and refills
  assert.deepEqual(reject('no route'), first);
  assert.equal(toHex(reject('é')).slice(-8), '02c3a900');
  const long = 'a'.repeat(300);
  assert.equal(decodeReject(reject(long)).message, long);
  assert.throws(() => reject('\ud800'), /InvalidUtf8/);
});
