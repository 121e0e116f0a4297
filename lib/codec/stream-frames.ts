/**
 * STREAM frames (IL-RFC 29 §5.3; catalog STREAM-012, STREAM-023, STREAM-025). Every frame on the wire is
 *
 *   +-----------+--------------------------------------------+
 *   | type UInt8 | contents: length determinant + N bytes     |
 *   +-----------+--------------------------------------------+
 *
 * and the contents are laid out per type (VarUInt = length determinant + minimal big-endian bytes):
 *
 *   01 ConnectionClose           errorCode UInt8 | errorMessage VarUtf8
 *   02 ConnectionNewAddress      sourceAccount VarIa5 (an ILP address)
 *   03 ConnectionMaxData         maxOffset VarUInt
 *   04 ConnectionDataBlocked     maxOffset VarUInt
 *   05 ConnectionMaxStreamId     maxStreamId VarUInt
 *   06 ConnectionStreamIdBlocked maxStreamId VarUInt
 *   07 ConnectionAssetDetails    sourceAssetCode VarUtf8 | sourceAssetScale UInt8
 *   10 StreamClose               streamId VarUInt | errorCode UInt8 | errorMessage VarUtf8
 *   11 StreamMoney               streamId VarUInt | shares VarUInt
 *   12 StreamMaxMoney            streamId VarUInt | receiveMax VarUInt* | totalReceived VarUInt
 *   13 StreamMoneyBlocked        streamId VarUInt | sendMax VarUInt* | totalSent VarUInt
 *   14 StreamData                streamId VarUInt | offset VarUInt | data VarOctetString
 *   15 StreamMaxData             streamId VarUInt | maxOffset VarUInt
 *   16 StreamDataBlocked         streamId VarUInt | maxOffset VarUInt
 *   17 StreamReceipt             streamId VarUInt | receipt VarOctetString (RFC 39, in the RFC's vectors)
 *
 *   e.g. StreamMoney stream 1, 5 shares: 11 04 01 01 01 05
 *
 * `*` receiveMax and sendMax wider than UInt64 decode as the UInt64 maximum (§5.1.4, STREAM-023); every other
 * VarUInt wider than 8 bytes is ValueOutOfRange. A frame of unknown type decodes as `Unknown` with its raw
 * contents so the caller can ignore it (§5.3, STREAM-012). Bytes after a known frame's last field, inside its
 * contents, are left for future versions and ignored. Does not: decrypt (stream-crypto.ts) or read the packet
 * envelope (stream-packet.ts).
 */
import { CodecError } from './errors';
import { OerReader, OerWriter } from './oer';

export const UINT64_MAX_BIG = 0xffff_ffff_ffff_ffffn;

export const FrameType = {
  ConnectionClose: 0x01,
  ConnectionNewAddress: 0x02,
  ConnectionMaxData: 0x03,
  ConnectionDataBlocked: 0x04,
  ConnectionMaxStreamId: 0x05,
  ConnectionStreamIdBlocked: 0x06,
  ConnectionAssetDetails: 0x07,
  StreamClose: 0x10,
  StreamMoney: 0x11,
  StreamMaxMoney: 0x12,
  StreamMoneyBlocked: 0x13,
  StreamData: 0x14,
  StreamMaxData: 0x15,
  StreamDataBlocked: 0x16,
  StreamReceipt: 0x17,
} as const;

export type FrameName = keyof typeof FrameType;

/** Error codes of ConnectionClose and StreamClose (§5.4). */
export const StreamErrorCode = {
  NoError: 0x01,
  InternalError: 0x02,
  EndpointBusy: 0x03,
  FlowControlError: 0x04,
  StreamIdError: 0x05,
  StreamStateError: 0x06,
  FrameFormatError: 0x07,
  ProtocolViolation: 0x08,
  ApplicationError: 0x09,
} as const;

export type StreamErrorName = keyof typeof StreamErrorCode;

export function streamErrorName(code: number): string {
  return (Object.keys(StreamErrorCode) as StreamErrorName[]).find((k) => StreamErrorCode[k] === code) ?? `Unknown(${code})`;
}

export type StreamFrame =
  | { readonly type: 0x01; readonly name: 'ConnectionClose'; readonly errorCode: number; readonly errorMessage: string }
  | { readonly type: 0x02; readonly name: 'ConnectionNewAddress'; readonly sourceAccount: string }
  | { readonly type: 0x03; readonly name: 'ConnectionMaxData'; readonly maxOffset: bigint }
  | { readonly type: 0x04; readonly name: 'ConnectionDataBlocked'; readonly maxOffset: bigint }
  | { readonly type: 0x05; readonly name: 'ConnectionMaxStreamId'; readonly maxStreamId: bigint }
  | { readonly type: 0x06; readonly name: 'ConnectionStreamIdBlocked'; readonly maxStreamId: bigint }
  | { readonly type: 0x07; readonly name: 'ConnectionAssetDetails'; readonly sourceAssetCode: string; readonly sourceAssetScale: number }
  | { readonly type: 0x10; readonly name: 'StreamClose'; readonly streamId: bigint; readonly errorCode: number; readonly errorMessage: string }
  | { readonly type: 0x11; readonly name: 'StreamMoney'; readonly streamId: bigint; readonly shares: bigint }
  | { readonly type: 0x12; readonly name: 'StreamMaxMoney'; readonly streamId: bigint; readonly receiveMax: bigint; readonly totalReceived: bigint }
  | { readonly type: 0x13; readonly name: 'StreamMoneyBlocked'; readonly streamId: bigint; readonly sendMax: bigint; readonly totalSent: bigint }
  | { readonly type: 0x14; readonly name: 'StreamData'; readonly streamId: bigint; readonly offset: bigint; readonly data: Uint8Array }
  | { readonly type: 0x15; readonly name: 'StreamMaxData'; readonly streamId: bigint; readonly maxOffset: bigint }
  | { readonly type: 0x16; readonly name: 'StreamDataBlocked'; readonly streamId: bigint; readonly maxOffset: bigint }
  | { readonly type: 0x17; readonly name: 'StreamReceipt'; readonly streamId: bigint; readonly receipt: Uint8Array }
  | { readonly type: number; readonly name: 'Unknown'; readonly contents: Uint8Array };

/** A frame as built by a caller: `type` follows from `name`. */
export type StreamFrameFields = DistributiveOmit<Exclude<StreamFrame, { name: 'Unknown' }>, 'type'> | { readonly name: 'Unknown'; readonly type: number; readonly contents: Uint8Array };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Builds a frame from its fields (`frame({ name: 'StreamMoney', streamId: 1n, shares: 1n })`). */
export function frame(fields: StreamFrameFields): StreamFrame {
  return (fields.name === 'Unknown' ? fields : { ...fields, type: FrameType[fields.name] }) as StreamFrame;
}

// ------------------------------------------------------------------------------------------------ encode

function writeContents(w: OerWriter, f: StreamFrame): void {
  switch (f.name) {
    case 'ConnectionClose': w.writeUInt8(f.errorCode, 'errorCode').writeVarUtf8(f.errorMessage, 'errorMessage'); return;
    case 'ConnectionNewAddress': w.writeVarIa5(f.sourceAccount, 'sourceAccount'); return;
    case 'ConnectionMaxData':
    case 'ConnectionDataBlocked': w.writeVarUInt(f.maxOffset, 'maxOffset'); return;
    case 'ConnectionMaxStreamId':
    case 'ConnectionStreamIdBlocked': w.writeVarUInt(f.maxStreamId, 'maxStreamId'); return;
    case 'ConnectionAssetDetails': w.writeVarUtf8(f.sourceAssetCode, 'sourceAssetCode').writeUInt8(f.sourceAssetScale, 'sourceAssetScale'); return;
    case 'StreamClose': w.writeVarUInt(f.streamId, 'streamId').writeUInt8(f.errorCode, 'errorCode').writeVarUtf8(f.errorMessage, 'errorMessage'); return;
    case 'StreamMoney': w.writeVarUInt(f.streamId, 'streamId').writeVarUInt(f.shares, 'shares'); return;
    case 'StreamMaxMoney': w.writeVarUInt(f.streamId, 'streamId').writeVarUInt(f.receiveMax, 'receiveMax').writeVarUInt(f.totalReceived, 'totalReceived'); return;
    case 'StreamMoneyBlocked': w.writeVarUInt(f.streamId, 'streamId').writeVarUInt(f.sendMax, 'sendMax').writeVarUInt(f.totalSent, 'totalSent'); return;
    case 'StreamData': w.writeVarUInt(f.streamId, 'streamId').writeVarUInt(f.offset, 'offset').writeVarOctetString(f.data, 'data'); return;
    case 'StreamMaxData':
    case 'StreamDataBlocked': w.writeVarUInt(f.streamId, 'streamId').writeVarUInt(f.maxOffset, 'maxOffset'); return;
    case 'StreamReceipt': w.writeVarUInt(f.streamId, 'streamId').writeVarOctetString(f.receipt, 'receipt'); return;
    case 'Unknown': w.writeOctets(f.contents); return;
  }
}

/** Appends one frame (type byte, then its contents as a VarOctetString). */
export function writeFrame(w: OerWriter, f: StreamFrame): void {
  w.writeUInt8(f.type, 'frame.type').writeEnclosed((contents) => writeContents(contents, f), 'frame.contents');
}

// ------------------------------------------------------------------------------------------------ decode

/** A VarUInt that saturates at the UInt64 maximum instead of failing (§5.1.4). */
function readSaturatingVarUInt(r: OerReader, field: string): bigint {
  const at = r.offset;
  const bytes = r.readVarOctetString(field);
  if (bytes.length === 0) throw new CodecError('ValueOutOfRange', field, at, { bytes: 0, reason: 'a VarUInt has at least one byte' });
  if (r.strict && bytes.length > 1 && bytes[0] === 0) throw new CodecError('NonCanonicalVarUInt', field, at, { bytes: bytes.length, reason: 'leading zero byte' });
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value > UINT64_MAX_BIG ? UINT64_MAX_BIG : value;
}

function readAddress(r: OerReader, field: string): string {
  return r.readIa5(r.readLengthDeterminant(field), field);
}

function readContents(type: number, r: OerReader): StreamFrame {
  switch (type) {
    case 0x01: return { type, name: 'ConnectionClose', errorCode: r.readUInt8('errorCode'), errorMessage: r.readVarUtf8('errorMessage') };
    case 0x02: return { type, name: 'ConnectionNewAddress', sourceAccount: readAddress(r, 'sourceAccount') };
    case 0x03: return { type, name: 'ConnectionMaxData', maxOffset: r.readVarUInt('maxOffset') };
    case 0x04: return { type, name: 'ConnectionDataBlocked', maxOffset: r.readVarUInt('maxOffset') };
    case 0x05: return { type, name: 'ConnectionMaxStreamId', maxStreamId: r.readVarUInt('maxStreamId') };
    case 0x06: return { type, name: 'ConnectionStreamIdBlocked', maxStreamId: r.readVarUInt('maxStreamId') };
    case 0x07: return { type, name: 'ConnectionAssetDetails', sourceAssetCode: r.readVarUtf8('sourceAssetCode'), sourceAssetScale: r.readUInt8('sourceAssetScale') };
    case 0x10: return { type, name: 'StreamClose', streamId: r.readVarUInt('streamId'), errorCode: r.readUInt8('errorCode'), errorMessage: r.readVarUtf8('errorMessage') };
    case 0x11: return { type, name: 'StreamMoney', streamId: r.readVarUInt('streamId'), shares: r.readVarUInt('shares') };
    case 0x12: return { type, name: 'StreamMaxMoney', streamId: r.readVarUInt('streamId'), receiveMax: readSaturatingVarUInt(r, 'receiveMax'), totalReceived: r.readVarUInt('totalReceived') };
    case 0x13: return { type, name: 'StreamMoneyBlocked', streamId: r.readVarUInt('streamId'), sendMax: readSaturatingVarUInt(r, 'sendMax'), totalSent: r.readVarUInt('totalSent') };
    case 0x14: return { type, name: 'StreamData', streamId: r.readVarUInt('streamId'), offset: r.readVarUInt('offset'), data: Uint8Array.from(r.readVarOctetString('data')) };
    case 0x15: return { type, name: 'StreamMaxData', streamId: r.readVarUInt('streamId'), maxOffset: r.readVarUInt('maxOffset') };
    case 0x16: return { type, name: 'StreamDataBlocked', streamId: r.readVarUInt('streamId'), maxOffset: r.readVarUInt('maxOffset') };
    case 0x17: return { type, name: 'StreamReceipt', streamId: r.readVarUInt('streamId'), receipt: Uint8Array.from(r.readVarOctetString('receipt')) };
    default: return { type, name: 'Unknown', contents: Uint8Array.from(r.readOctets(r.remaining, 'frame.contents')) };
  }
}

/** Reads one frame at the reader's offset; errors name the field and the absolute byte offset. */
export function readFrame(r: OerReader): StreamFrame {
  const type = r.readUInt8('frame.type');
  const length = r.readLengthDeterminant('frame.contents');
  const contents = r.narrow(length, 'frame.contents');
  return readContents(type, contents);
}
