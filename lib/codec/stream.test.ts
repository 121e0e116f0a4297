/**
 * STREAM codec beyond the RFC vectors: encryption envelope and key (STREAM-001, STREAM-002), fulfillment and
 * condition derivation (STREAM-004) computed here independently from the RFC pseudocode, junk and unknown
 * frames (STREAM-011, STREAM-012), typed errors naming field and offset.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createHash, createHmac } from 'node:crypto';
import {
  CodecError, decodeStreamPacket, decryptStreamData, encodeStreamPacket, encryptStreamData, frame, streamCondition,
  streamFulfillment, streamKeys, UINT64_MAX_BIG,
} from './index';

const secret = Buffer.alloc(32, 7);
const keys = streamKeys(secret);
const iv = Buffer.alloc(12, 1);

function codecError(fn: () => unknown, kind: string, field: string): CodecError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodecError, String(e));
    assert.equal(e.kind, kind);
    assert.equal(e.field, field);
    return e;
  }
  assert.fail(`expected CodecError ${kind}`);
}

describe('STREAM encryption', () => {
  it('uses HMAC-SHA256(secret, "ilp_stream_encryption") as the AES-256-GCM key and lays out IV | tag | ciphertext', () => {
    const key = createHmac('sha256', secret).update('ilp_stream_encryption').digest();
    const plaintext = Buffer.from('01 0c 01 00 01 00 01 00'.replace(/ /g, ''), 'hex');
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const expected = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    assert.deepEqual(encryptStreamData(keys, plaintext, iv), expected);
    assert.deepEqual(decryptStreamData(keys, expected), plaintext);
  });

  it('draws a fresh IV for every packet', () => {
    const a = encryptStreamData(keys, Buffer.from('x'));
    const b = encryptStreamData(keys, Buffer.from('x'));
    assert.notDeepEqual(a.subarray(0, 12), b.subarray(0, 12));
  });

  it('refuses data under another secret, a flipped ciphertext bit and data shorter than IV + tag (DecryptionFailed)', () => {
    const data = encryptStreamData(keys, Buffer.from('hello'), iv);
    codecError(() => decryptStreamData(streamKeys(Buffer.alloc(32, 8)), data), 'DecryptionFailed', 'data');
    const flipped = Buffer.from(data);
    flipped[30] ^= 1;
    codecError(() => decryptStreamData(keys, flipped), 'DecryptionFailed', 'data');
    const short = codecError(() => decryptStreamData(keys, data.subarray(0, 27)), 'DecryptionFailed', 'data');
    assert.match(short.message, /length=27/);
    const empty = encryptStreamData(keys, Buffer.alloc(0), iv);
    assert.equal(empty.length, 28);
    assert.deepEqual(decryptStreamData(keys, empty), Buffer.alloc(0), 'IV + tag of an empty plaintext is 28 bytes');
  });

  it('refuses an IV that is not 12 bytes', () => {
    codecError(() => encryptStreamData(keys, Buffer.from('x'), Buffer.alloc(16)), 'WrongFixedLength', 'iv');
  });
});

describe('STREAM fulfillment and condition', () => {
  it('fulfillment = HMAC(HMAC(secret, "ilp_stream_fulfillment"), data) and condition = SHA-256(fulfillment)', () => {
    const data = encryptStreamData(keys, Buffer.from('packet'), iv);
    const hmacKey = createHmac('sha256', secret).update('ilp_stream_fulfillment').digest();
    const fulfillment = createHmac('sha256', hmacKey).update(data).digest();
    assert.deepEqual(streamFulfillment(keys, data), fulfillment);
    assert.deepEqual(streamCondition(keys, data), createHash('sha256').update(fulfillment).digest());
    assert.notDeepEqual(streamFulfillment(streamKeys(Buffer.alloc(32, 9)), data), fulfillment);
  });
});

describe('STREAM packet', () => {
  const packet = { sequence: 5n, ilpPacketType: 12 as const, prepareAmount: 100n, frames: [frame({ name: 'StreamMoney', streamId: 1n, shares: 1n })] };

  it('ignores junk after the frames and says how much there was', () => {
    const bytes = encodeStreamPacket(packet, { padding: 3 });
    const decoded = decodeStreamPacket(bytes);
    assert.equal(decoded.junkLength, 3);
    assert.deepEqual(decoded.frames, packet.frames);
    codecError(() => decodeStreamPacket(bytes, { rejectTrailingBytes: true }), 'TrailingBytes', 'stream');
  });

  it('keeps an unknown frame as raw contents between known ones', () => {
    const unknown = frame({ name: 'Unknown', type: 0x7f, contents: Uint8Array.from([1, 2, 3]) });
    const bytes = encodeStreamPacket({ ...packet, frames: [unknown, ...packet.frames] });
    assert.deepEqual(decodeStreamPacket(bytes).frames, [unknown, ...packet.frames]);
  });

  it('reads StreamMaxMoney receiveMax wider than UInt64 as the maximum, but refuses a wide streamId', () => {
    const wide = Buffer.from('01 0c 01 00 01 00 01 01 12 0e 01 01 09 02 00 00 00 00 00 00 00 00 01 00'.replace(/ /g, ''), 'hex');
    const f = decodeStreamPacket(wide).frames[0]!;
    assert.ok(f.name === 'StreamMaxMoney' && f.receiveMax === UINT64_MAX_BIG);
    const wideId = Buffer.from('01 0c 01 00 01 00 01 01 11 0c 09 01 00 00 00 00 00 00 00 00 01 01'.replace(/ /g, ''), 'hex');
    const e = codecError(() => decodeStreamPacket(wideId), 'ValueOutOfRange', 'streamId');
    assert.equal(e.offset, 10);
  });

  it('names version, type and truncation errors with their offsets', () => {
    assert.equal(codecError(() => decodeStreamPacket(Buffer.from('020c01000100010 0'.replace(/ /g, ''), 'hex')), 'UnsupportedVersion', 'version').offset, 0);
    assert.equal(codecError(() => decodeStreamPacket(Buffer.from('010f0100010001 00'.replace(/ /g, ''), 'hex')), 'UnknownPacketType', 'ilpPacketType').offset, 1);
    codecError(() => decodeStreamPacket(Buffer.from('010c01000100010211', 'hex')), 'Truncated', 'frames');
    codecError(() => decodeStreamPacket(Buffer.from('010c0100010001011104010101', 'hex')), 'Truncated', 'frame.contents');
  });

  it('refuses a non-canonical sequence when strict and reads it when lenient', () => {
    const bytes = Buffer.from('010c02000501000100', 'hex');
    codecError(() => decodeStreamPacket(bytes), 'NonCanonicalVarUInt', 'sequence');
    assert.equal(decodeStreamPacket(bytes, { mode: 'lenient' }).sequence, 5n);
  });
});
