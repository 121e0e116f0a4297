/**
 * The STREAM packet, the plaintext inside an ILP packet's encrypted `data` (IL-RFC 29 §5.2; catalog
 * STREAM-024, STREAM-011):
 *
 *   +-------------+-----------------+-----------------+-----------------------+----------------------+-----------+
 *   | version     | ilpPacketType   | sequence        | prepareAmount         | frames               | junk      |
 *   | UInt8 = 01  | UInt8 12/13/14  | VarUInt         | VarUInt               | SEQUENCE OF Frame    | ignored   |
 *   |             |                 |                 |                       | (count VarUInt, then |           |
 *   |             |                 |                 |                       |  stream-frames.ts)   |           |
 *   +-------------+-----------------+-----------------+-----------------------+----------------------+-----------+
 *   e.g. a Prepare's packet, sequence 0, amount 0, no frames: 01 0c 01 00 01 00 01 00
 *
 * On a Prepare, `prepareAmount` is the least the receiver should accept; on a Fulfill or Reject it is what
 * the receiver got. Junk after the frames MUST be ignored (zero bytes pad a packet); decoding reports how many
 * junk bytes there were, so a test can tell. Strict decoding refuses non-canonical VarUInts; lenient reads them.
 */
import { CodecError } from './errors';
import { OerReader, OerWriter } from './oer';
import { readFrame, writeFrame, type StreamFrame } from './stream-frames';
import type { DecodeOptions } from './types';

export const STREAM_VERSION = 1;

export type StreamIlpPacketType = 12 | 13 | 14;

export interface StreamPacket {
  readonly sequence: bigint;
  /** The ILP packet type this STREAM packet must travel in. */
  readonly ilpPacketType: StreamIlpPacketType;
  readonly prepareAmount: bigint;
  readonly frames: readonly StreamFrame[];
  /** Decoding only: how many bytes followed the frames (ignored, STREAM-011). */
  readonly junkLength?: number;
}

export interface StreamEncodeOptions {
  /** Zero bytes to append after the frames (RFC 29 allows padding). */
  readonly padding?: number;
}

export function encodeStreamPacket(packet: StreamPacket, options: StreamEncodeOptions = {}): Uint8Array {
  if (![12, 13, 14].includes(packet.ilpPacketType)) {
    throw new CodecError('UnknownPacketType', 'ilpPacketType', -1, { got: String(packet.ilpPacketType) });
  }
  const w = new OerWriter(64)
    .writeUInt8(STREAM_VERSION, 'version')
    .writeUInt8(packet.ilpPacketType, 'ilpPacketType')
    .writeVarUInt(packet.sequence, 'sequence')
    .writeVarUInt(packet.prepareAmount, 'prepareAmount')
    .writeVarUInt(packet.frames.length, 'frames.count');
  for (const f of packet.frames) writeFrame(w, f);
  if (options.padding) w.writeOctets(new Uint8Array(options.padding));
  return w.toBytes();
}

export function decodeStreamPacket(bytes: Uint8Array, options: DecodeOptions = {}): StreamPacket {
  const r = new OerReader(bytes, { mode: options.mode });
  const version = r.readUInt8('version');
  if (version !== STREAM_VERSION) throw new CodecError('UnsupportedVersion', 'version', 0, { expected: STREAM_VERSION, got: version });
  const type = r.readUInt8('ilpPacketType');
  if (type !== 12 && type !== 13 && type !== 14) throw new CodecError('UnknownPacketType', 'ilpPacketType', 1, { got: type });
  const sequence = r.readVarUInt('sequence');
  const prepareAmount = r.readVarUInt('prepareAmount');
  const countAt = r.offset;
  const count = r.readVarUInt('frames.count');
  if (count > BigInt(r.remaining)) throw new CodecError('Truncated', 'frames', countAt, { frames: count.toString(), available: r.remaining });
  const frames: StreamFrame[] = [];
  for (let i = 0; i < Number(count); i++) frames.push(readFrame(r));
  const junkLength = r.remaining;
  if (options.rejectTrailingBytes) r.expectEnd('stream');
  return { sequence, ilpPacketType: type, prepareAmount, frames, junkLength };
}
