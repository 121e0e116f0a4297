/**
 * lib/codec's STREAM codec against ilp-protocol-stream 2.7.1's own (an independent implementation, installed
 * in this folder: `npm run interop:stream:install`). Random packets of every frame type (fast-check) must
 * encode to the same bytes on both sides and each side must read the other's; data encrypted by one decrypts
 * with the other; both derive the same fulfillment. Run: `npm run interop:stream:codec`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  decodeStreamPacket, decryptStreamData, encodeStreamPacket, encryptStreamData, frame, streamFulfillment, streamKeys,
  type StreamFrame, type StreamPacket,
} from '../../lib/codec';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const theirs = require('ilp-protocol-stream/dist/src/packet');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const theirCrypto = require('ilp-protocol-stream/dist/src/crypto');

const u64 = fc.bigInt({ min: 0n, max: 0xffff_ffff_ffff_ffffn });
const id = fc.bigInt({ min: 1n, max: 1n << 40n });
const text = fc.string({ maxLength: 20 });
const code = fc.integer({ min: 1, max: 9 });
const address = fc.constantFrom('example.alice', 'g.bob.~abc', 'test.x');
const bytes = fc.uint8Array({ maxLength: 40 });

const anyFrame: fc.Arbitrary<StreamFrame> = fc.oneof(
  fc.record({ errorCode: code, errorMessage: text }).map((f) => frame({ name: 'ConnectionClose', ...f })),
  address.map((sourceAccount) => frame({ name: 'ConnectionNewAddress', sourceAccount })),
  fc.record({ sourceAssetCode: fc.constantFrom('USD', 'XRP', 'ABC'), sourceAssetScale: fc.integer({ min: 0, max: 255 }) }).map((f) => frame({ name: 'ConnectionAssetDetails', ...f })),
  u64.map((maxOffset) => frame({ name: 'ConnectionMaxData', maxOffset })),
  u64.map((maxOffset) => frame({ name: 'ConnectionDataBlocked', maxOffset })),
  u64.map((maxStreamId) => frame({ name: 'ConnectionMaxStreamId', maxStreamId })),
  u64.map((maxStreamId) => frame({ name: 'ConnectionStreamIdBlocked', maxStreamId })),
  fc.record({ streamId: id, errorCode: code, errorMessage: text }).map((f) => frame({ name: 'StreamClose', ...f })),
  fc.record({ streamId: id, shares: u64 }).map((f) => frame({ name: 'StreamMoney', ...f })),
  fc.record({ streamId: id, receiveMax: u64, totalReceived: u64 }).map((f) => frame({ name: 'StreamMaxMoney', ...f })),
  fc.record({ streamId: id, sendMax: u64, totalSent: u64 }).map((f) => frame({ name: 'StreamMoneyBlocked', ...f })),
  fc.record({ streamId: id, offset: u64, data: bytes }).map((f) => frame({ name: 'StreamData', ...f })),
  fc.record({ streamId: id, maxOffset: u64 }).map((f) => frame({ name: 'StreamMaxData', ...f })),
  fc.record({ streamId: id, maxOffset: u64 }).map((f) => frame({ name: 'StreamDataBlocked', ...f })),
);

const anyPacket: fc.Arbitrary<StreamPacket> = fc.record({
  sequence: fc.bigInt({ min: 0n, max: (1n << 31n) }),
  ilpPacketType: fc.constantFrom(12 as const, 13 as const, 14 as const),
  prepareAmount: u64,
  frames: fc.array(anyFrame, { maxLength: 5 }),
});

/** Their reading of bytes, serialized again by them. */
function throughTheirs(buf: Uint8Array): Buffer {
  return theirs.Packet._deserializeUnencrypted(Buffer.from(buf))._serialize();
}

describe('STREAM codec: lib/codec against ilp-protocol-stream 2.7.1', () => {
  it('reads and writes every frame type to the same bytes', () => {
    fc.assert(fc.property(anyPacket, (packet) => {
      const ours = Buffer.from(encodeStreamPacket(packet));

      assert.deepEqual(throughTheirs(ours), ours);
      assert.deepEqual(decodeStreamPacket(ours), { ...packet, junkLength: 0 });
    }), { numRuns: 300, includeErrorInReport: true });
  });

  it('decrypts what the other side encrypted, and derives the same fulfillment', async () => {
    const secret = randomBytes(32);
    const keys = streamKeys(secret);
    const theirKey: Buffer = await theirCrypto.generatePskEncryptionKey(secret);
    assert.deepEqual(theirKey, keys.encryptionKey);
    const packet = encodeStreamPacket({ sequence: 1n, ilpPacketType: 12, prepareAmount: 10n, frames: [frame({ name: 'StreamMoney', streamId: 1n, shares: 1n })] });
    const byThem: Buffer = await new theirs.Packet(1, 12, 10, [new theirs.StreamMoneyFrame(1, 1)]).serializeAndEncrypt(theirKey);
    assert.deepEqual(decryptStreamData(keys, byThem), Buffer.from(packet));
    const byUs = encryptStreamData(keys, packet);
    const read = await theirs.Packet.decryptAndDeserialize(theirKey, byUs);
    assert.deepEqual(read._serialize(), Buffer.from(packet));
    const theirFulfillment: Buffer = await theirCrypto.generateFulfillment(await theirCrypto.generateFulfillmentKey(secret), byUs);
    assert.deepEqual(streamFulfillment(keys, byUs), theirFulfillment);
  });
});
