/**
 * The RFC repository's STREAM vectors (fixtures/vectors/stream/, provenance beside them) through lib/codec:
 * every entry decodes to its fields, and every entry not marked decode_only encodes back to its bytes.
 * STREAM-023, STREAM-024, STREAM-025.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeStreamPacket, encodeStreamPacket, frame, type StreamFrame, type StreamFrameFields, type StreamPacket } from './index';

interface RfcVector {
  readonly name: string;
  readonly packet: { sequence: string; packetType: 12 | 13 | 14; amount: string; frames: Record<string, unknown>[] };
  readonly buffer: string;
  readonly decode_only?: boolean;
}

const FILE = join(__dirname, '..', '..', 'fixtures', 'vectors', 'stream', 'StreamPacketFixtures.json');
export const RFC_STREAM_VECTORS: readonly RfcVector[] = JSON.parse(readFileSync(FILE, 'utf8'));

const BIG = new Set(['maxOffset', 'maxStreamId', 'streamId', 'shares', 'receiveMax', 'totalReceived', 'sendMax', 'totalSent', 'offset']);
const BYTES = new Set(['data', 'receipt']);

/** A vector frame in lib/codec's shape: numbers as bigint, base64 as bytes, the RFC's `sourceAccount`. */
function frameOf(raw: Record<string, unknown>): StreamFrame {
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'type') continue;
    fields[k] = BIG.has(k) ? BigInt(v as string) : BYTES.has(k) ? Uint8Array.from(Buffer.from(v as string, 'base64')) : v;
  }
  return frame(fields as unknown as StreamFrameFields);
}

function packetOf(v: RfcVector): StreamPacket {
  return { sequence: BigInt(v.packet.sequence), ilpPacketType: v.packet.packetType, prepareAmount: BigInt(v.packet.amount), frames: v.packet.frames.map(frameOf) };
}

describe('RFC 29 StreamPacketFixtures.json', () => {
  it('holds the 53 vectors of the pinned commit', () => assert.equal(RFC_STREAM_VECTORS.length, 53));
  for (const v of RFC_STREAM_VECTORS) {
    it(`${v.name}: decodes to its fields${v.decode_only ? ' (decode only)' : ' and encodes to its bytes'}`, () => {
      const bytes = Buffer.from(v.buffer, 'base64');
      const expected = packetOf(v);
      assert.deepEqual(decodeStreamPacket(bytes), { ...expected, junkLength: 0 });
      if (!v.decode_only) assert.equal(Buffer.from(encodeStreamPacket(expected)).toString('base64'), v.buffer);
      for (const [i, raw] of v.packet.frames.entries()) assert.equal(expected.frames[i]!.type, raw.type, `frame ${i} type`);
    });
  }
});
