/**
 * ILPv4 packets (IL-RFC 27 "Packet Format"; catalog §4 PKT). Every packet is a type byte and its contents
 * as a variable-length octet string (PKT-001):
 *
 *   +------+--------------------------+------------------------------+
 *   | type | contents length (OER LD) | contents                     |    type 12 Prepare, 13 Fulfill,
 *   +------+--------------------------+------------------------------+    14 Reject (PKT-002)
 *
 * Contents, offsets from the first contents byte:
 *
 *   Prepare   0..7    amount              UInt64 big-endian (PKT-009)
 *             8..24   expiresAt           17 ASCII digits YYYYMMDDHHmmSSfff, UTC (TS-001)
 *             25..56  executionCondition  32 bytes
 *             57..    destination         VarOctetString, IA5 RFC 15 address (<= 1023)
 *             ..      data                VarOctetString, 0..32767 bytes (PKT-007)
 *
 *   Fulfill   0..31   fulfillment         32 bytes (PKT-005)
 *             32..    data                VarOctetString, 0..32767 bytes
 *
 *   Reject    0..2    code                3 IA5 characters, e.g. "F02" (PKT-006)
 *             3..     triggeredBy         VarOctetString, IA5 RFC 15 address
 *             ..      message             VarOctetString, UTF-8, 0..8191 bytes (PKT-008: bytes, as deployed)
 *             ..      data                VarOctetString, 0..32767 bytes
 *
 * Decoding: strict by default (non-canonical lengths refused, OER-002); `mode: 'lenient'` accepts them and
 * an empty Reject triggeredBy (ADDR-011). Bytes after the envelope or after the last field inside it are
 * ignored (RFC 30 extensibility, OER-003) unless `rejectTrailingBytes`. Field checks apply in both modes:
 * 17-digit real timestamps, valid destination, data and message sizes, IA5 code, UTF-8 message.
 * Decoded byte fields (condition, fulfillment, data) are views into the input, not copies; empty data is one
 * shared, frozen empty Buffer. The usual canonical packet takes a fast path (fast-decode.ts) that falls back
 * to this decoder for anything it does not accept, so errors always come from here.
 *
 * Encoding: always canonical, and refuses what decoding would refuse (so nothing invalid leaves the codec;
 * forge.ts builds malformed bytes on purpose). Output is a Buffer (a Uint8Array).
 */
import { createHash, randomBytes } from 'node:crypto';
import { CodecError } from './errors';
import { OerReader, asBuffer, latin1Slice, lengthDeterminantSize, writeLengthDeterminantAt } from './oer';
import { decodeIlpTimestampBytes, writeIlpTimestampAt, ILP_TIMESTAMP_LENGTH } from './time';
import { ilpAddressProblemInBytes, knownAddressBytes, MAX_ADDRESS_LENGTH, rememberValidAddress } from './address';
import { isIa5ErrorCode } from './error-codes';
import { fastFulfill, fastPacket, fastPrepare, fastReject } from './fast-decode';
import type { DecodeMode, DecodeOptions, IlpFulfill, IlpPacket, IlpPrepare, IlpReject, IlpReply } from './types';
import { PacketType } from './types';

export const MAX_DATA_LENGTH = 32767;
export const MAX_MESSAGE_LENGTH = 8191;
export const CONDITION_LENGTH = 32;
export const FULFILLMENT_LENGTH = 32;
const UINT64_MAX = 0xffffffffffffffffn;
const MAX_SAFE_AMOUNT = BigInt(Number.MAX_SAFE_INTEGER);

export type PrepareFields = Omit<IlpPrepare, 'type'> & { readonly type?: 12 };
export type FulfillFields = Omit<IlpFulfill, 'type'> & { readonly type?: 13 };
export type RejectFields = Omit<IlpReject, 'type'> & { readonly type?: 14 };

export interface EncodeOptions {
  /** 'lenient' lets a Reject carry an empty triggeredBy (as a relaying connector may have received it). */
  readonly mode?: DecodeMode;
}

const TYPE_NAMES: Record<number, string> = { 12: 'Prepare', 13: 'Fulfill', 14: 'Reject' };

// ---------------------------------------------------------------------------------------------- encode

function checkBytes(value: unknown, field: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', field, -1, { reason: 'not a Uint8Array' });
  return value;
}

function checkFixed(value: unknown, length: number, field: string): Uint8Array {
  const bytes = checkBytes(value, field);
  if (bytes.length !== length) throw new CodecError('WrongFixedLength', field, -1, { length: bytes.length, expected: length });
  return bytes;
}

function checkData(value: unknown): Uint8Array {
  const data = checkBytes(value, 'data');
  if (data.length > MAX_DATA_LENGTH) throw new CodecError('DataTooLong', 'data', -1, { length: data.length, max: MAX_DATA_LENGTH });
  return data;
}

/** Writes an address as IA5 bytes at `offset` and checks it there (RFC 15); returns the next offset. */
function writeAddressAt(buf: Buffer, offset: number, address: string, field: string, allowEmpty: boolean): number {
  const known = knownAddressBytes(address);
  if (known) {
    buf.set(known, offset);
    return offset + known.length;
  }
  const n = address.length;
  for (let i = 0; i < n; i++) {
    const c = address.charCodeAt(i);
    buf[offset + i] = c > 0xff ? 0xff : c;
  }
  if (!(allowEmpty && n === 0)) {
    const problem = ilpAddressProblemInBytes(buf, offset, offset + n);
    if (problem) throw new CodecError('InvalidAddress', field, -1, { reason: problem.reason, address: address.slice(0, 64) });
    rememberValidAddress(address);
  }
  return offset + n;
}

function checkAddressString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new CodecError('InvalidAddress', field, -1, { reason: 'not a string' });
  if (value.length > MAX_ADDRESS_LENGTH) {
    throw new CodecError('InvalidAddress', field, -1, { reason: `length ${value.length} > ${MAX_ADDRESS_LENGTH}` });
  }
  return value;
}

function startEnvelope(type: number, contentsLength: number): { buf: Buffer; offset: number } {
  const buf = Buffer.allocUnsafe(1 + lengthDeterminantSize(contentsLength) + contentsLength);
  buf[0] = type;
  return { buf, offset: writeLengthDeterminantAt(buf, 1, contentsLength) };
}

function writeVarBytes(buf: Buffer, offset: number, bytes: Uint8Array): number {
  const at = writeLengthDeterminantAt(buf, offset, bytes.length);
  if (bytes.length > 0) buf.set(bytes, at);
  return at + bytes.length;
}

export function encodePrepare(prepare: PrepareFields): Uint8Array {
  const amount = prepare.amount;
  if (typeof amount !== 'bigint' || amount < 0n || amount > UINT64_MAX) {
    throw new CodecError('ValueOutOfRange', 'amount', -1, { value: String(amount), max: UINT64_MAX.toString() });
  }
  const condition = checkFixed(prepare.executionCondition, CONDITION_LENGTH, 'executionCondition');
  const destination = checkAddressString(prepare.destination, 'destination');
  const data = checkData(prepare.data);
  const destLength = destination.length;
  const contentsLength = 8 + ILP_TIMESTAMP_LENGTH + CONDITION_LENGTH
    + lengthDeterminantSize(destLength) + destLength + lengthDeterminantSize(data.length) + data.length;
  const { buf, offset: start } = startEnvelope(PacketType.Prepare, contentsLength);
  if (amount <= MAX_SAFE_AMOUNT) {
    const n = Number(amount);
    buf.writeUInt32BE(Math.floor(n / 0x100000000), start);
    buf.writeUInt32BE(n % 0x100000000, start + 4);
  } else {
    buf.writeBigUInt64BE(amount, start);
  }
  let o = writeIlpTimestampAt(buf, start + 8, prepare.expiresAt, 'expiresAt');
  buf.set(condition, o);
  o = writeLengthDeterminantAt(buf, o + CONDITION_LENGTH, destLength);
  o = writeAddressAt(buf, o, destination, 'destination', false);
  writeVarBytes(buf, o, data);
  return buf;
}

export function encodeFulfill(fulfill: FulfillFields): Uint8Array {
  const fulfillment = checkFixed(fulfill.fulfillment, FULFILLMENT_LENGTH, 'fulfillment');
  const data = checkData(fulfill.data);
  const contentsLength = FULFILLMENT_LENGTH + lengthDeterminantSize(data.length) + data.length;
  const { buf, offset } = startEnvelope(PacketType.Fulfill, contentsLength);
  buf.set(fulfillment, offset);
  writeVarBytes(buf, offset + FULFILLMENT_LENGTH, data);
  return buf;
}

/**
 * The bytes of a short ASCII message, remembered (a connector sends the same few messages again and again);
 * undefined for any other text, which is written as UTF-8. Bounded: emptied when full.
 */
const ASCII_MESSAGES = new Map<string, Uint8Array>();

function asciiBytes(text: string): Uint8Array | undefined {
  const known = ASCII_MESSAGES.get(text);
  if (known || text.length > 256) return known;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return undefined;
  if (ASCII_MESSAGES.size >= 1024) ASCII_MESSAGES.clear();
  const bytes = Buffer.from(text, 'latin1');
  ASCII_MESSAGES.set(text, bytes);
  return bytes;
}

/** Lone surrogates cannot be written as UTF-8; Buffer would silently replace them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function encodeReject(reject: RejectFields, options: EncodeOptions = {}): Uint8Array {
  const code = reject.code;
  if (!isIa5ErrorCode(code)) {
    throw new CodecError('InvalidErrorCode', 'code', -1, { code: String(code), reason: 'must be exactly 3 IA5 characters' });
  }
  const triggeredBy = checkAddressString(reject.triggeredBy, 'triggeredBy');
  const message = reject.message;
  if (typeof message !== 'string') throw new CodecError('InvalidUtf8', 'message', -1, { reason: 'not a string' });
  const asciiMessage = asciiBytes(message);
  const messageLength = asciiMessage ? asciiMessage.length : Buffer.byteLength(message, 'utf8');
  if (messageLength !== message.length && LONE_SURROGATE.test(message)) {
    throw new CodecError('InvalidUtf8', 'message', -1, { reason: 'lone UTF-16 surrogate' });
  }
  if (messageLength > MAX_MESSAGE_LENGTH) {
    throw new CodecError('MessageTooLong', 'message', -1, { length: messageLength, max: MAX_MESSAGE_LENGTH });
  }
  const data = checkData(reject.data);
  const tbLength = triggeredBy.length;
  const contentsLength = 3 + lengthDeterminantSize(tbLength) + tbLength
    + lengthDeterminantSize(messageLength) + messageLength + lengthDeterminantSize(data.length) + data.length;
  const { buf, offset: start } = startEnvelope(PacketType.Reject, contentsLength);
  buf[start] = code.charCodeAt(0);
  buf[start + 1] = code.charCodeAt(1);
  buf[start + 2] = code.charCodeAt(2);
  let o = writeLengthDeterminantAt(buf, start + 3, tbLength);
  o = writeAddressAt(buf, o, triggeredBy, 'triggeredBy', options.mode === 'lenient');
  o = writeLengthDeterminantAt(buf, o, messageLength);
  if (asciiMessage) buf.set(asciiMessage, o);
  else buf.write(message, o, 'utf8');
  o += messageLength;
  writeVarBytes(buf, o, data);
  return buf;
}

export function encodePacket(packet: IlpPacket, options: EncodeOptions = {}): Uint8Array {
  switch (packet?.type) {
    case PacketType.Prepare: return encodePrepare(packet);
    case PacketType.Fulfill: return encodeFulfill(packet);
    case PacketType.Reject: return encodeReject(packet, options);
    default:
      throw new CodecError('UnknownPacketType', 'type', -1, { got: String((packet as { type?: unknown } | undefined)?.type) });
  }
}

// ---------------------------------------------------------------------------------------------- decode

/**
 * Reads the type byte and the contents length; leaves the reader narrowed to the contents. Checks the
 * type against `expected` (a list for decodeReply).
 */
function openEnvelope(bytes: Uint8Array, expected: readonly number[], options: DecodeOptions | undefined): OerReader {
  if (!(bytes instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', 'packet', -1, { reason: 'not a Uint8Array' });
  const r = new OerReader(bytes, options?.mode === 'lenient' ? LENIENT : STRICT);
  const type = r.readUInt8('type');
  if (expected.indexOf(type) < 0) {
    const known = TYPE_NAMES[type] !== undefined;
    throw new CodecError(known ? 'WrongPacketType' : 'UnknownPacketType', 'type', 0, { expected: expected.join('|'), got: type });
  }
  const length = r.readLengthDeterminant('contents');
  const after = r.enter(length, 'contents');
  if (options?.rejectTrailingBytes && after > r.end) {
    throw new CodecError('TrailingBytes', 'packet', r.end, { count: after - r.end });
  }
  return r;
}

const STRICT = { mode: 'strict' } as const;
const LENIENT = { mode: 'lenient' } as const;

function closeEnvelope(r: OerReader, options: DecodeOptions | undefined): void {
  if (options?.rejectTrailingBytes) r.expectEnd('contents');
}

/** Reads a VarOctetString address and checks it in place against RFC 15. */
function readAddress(r: OerReader, field: string, allowEmpty: boolean): string {
  const at = r.offset;
  const length = r.readLengthDeterminant(field);
  if (length > MAX_ADDRESS_LENGTH) {
    throw new CodecError('InvalidAddress', field, at, { reason: `length ${length} > ${MAX_ADDRESS_LENGTH}` });
  }
  const start = r.offset;
  r.need(length, field);
  r.offset = start + length;
  if (length === 0 && allowEmpty) return '';
  const problem = ilpAddressProblemInBytes(r.buffer, start, start + length);
  if (problem) {
    const reason = length === 0 && field === 'triggeredBy' ? 'empty address (accepted only in lenient mode, ADDR-011)' : problem.reason;
    throw new CodecError('InvalidAddress', field, start + (length === 0 ? 0 : problem.index), { reason });
  }
  return latin1Slice(r.buffer, start, start + length);
}

function readData(r: OerReader): Buffer {
  return r.readVarOctetString('data', MAX_DATA_LENGTH, 'DataTooLong');
}

function readPrepareContents(r: OerReader): IlpPrepare {
  const amount = r.readUInt(64, 'amount');
  const tsAt = r.offset;
  r.need(ILP_TIMESTAMP_LENGTH, 'expiresAt');
  const expiresAt = decodeIlpTimestampBytes(r.buffer, tsAt, 'expiresAt');
  r.offset = tsAt + ILP_TIMESTAMP_LENGTH;
  const executionCondition = r.readOctets(CONDITION_LENGTH, 'executionCondition');
  const destination = readAddress(r, 'destination', false);
  const data = readData(r);
  return { type: PacketType.Prepare, amount, expiresAt, executionCondition, destination, data };
}

function readFulfillContents(r: OerReader): IlpFulfill {
  const fulfillment = r.readOctets(FULFILLMENT_LENGTH, 'fulfillment');
  const data = readData(r);
  return { type: PacketType.Fulfill, fulfillment, data };
}

function readRejectContents(r: OerReader): IlpReject {
  const code = r.readIa5(3, 'code');
  const triggeredBy = readAddress(r, 'triggeredBy', !r.strict);
  const message = r.readVarUtf8('message', MAX_MESSAGE_LENGTH, 'MessageTooLong');
  const data = readData(r);
  return { type: PacketType.Reject, code, triggeredBy, message, data };
}

export function decodePrepare(bytes: Uint8Array, options?: DecodeOptions): IlpPrepare {
  const fast = options?.rejectTrailingBytes ? undefined : fastPrepare(bytes);
  if (fast) return fast;
  const r = openEnvelope(bytes, PREPARE_ONLY, options);
  const packet = readPrepareContents(r);
  closeEnvelope(r, options);
  return packet;
}

export function decodeFulfill(bytes: Uint8Array, options?: DecodeOptions): IlpFulfill {
  const fast = options?.rejectTrailingBytes ? undefined : fastFulfill(bytes);
  if (fast) return fast;
  const r = openEnvelope(bytes, FULFILL_ONLY, options);
  const packet = readFulfillContents(r);
  closeEnvelope(r, options);
  return packet;
}

export function decodeReject(bytes: Uint8Array, options?: DecodeOptions): IlpReject {
  const fast = options?.rejectTrailingBytes ? undefined : fastReject(bytes);
  if (fast) return fast;
  const r = openEnvelope(bytes, REJECT_ONLY, options);
  const packet = readRejectContents(r);
  closeEnvelope(r, options);
  return packet;
}

const PREPARE_ONLY = [PacketType.Prepare];
const FULFILL_ONLY = [PacketType.Fulfill];
const REJECT_ONLY = [PacketType.Reject];
const REPLIES = [PacketType.Fulfill, PacketType.Reject];
const ANY = [PacketType.Prepare, PacketType.Fulfill, PacketType.Reject];

function readContents(r: OerReader, type: number): IlpPacket {
  return type === PacketType.Prepare ? readPrepareContents(r) : type === PacketType.Fulfill ? readFulfillContents(r) : readRejectContents(r);
}

/** Decodes any ILPv4 packet; the result is discriminated on `.type`. */
export function decodePacket(bytes: Uint8Array, options?: DecodeOptions): IlpPacket {
  const fast = options?.rejectTrailingBytes ? undefined : fastPacket(bytes);
  if (fast) return fast;
  const r = openEnvelope(bytes, ANY, options);
  const packet = readContents(r, r.buffer[0]);
  closeEnvelope(r, options);
  return packet;
}

/** Decodes a Fulfill or a Reject (what comes back for a Prepare); a Prepare is WrongPacketType. */
export function decodeReply(bytes: Uint8Array, options?: DecodeOptions): IlpReply {
  const fast = options?.rejectTrailingBytes || bytes[0] === PacketType.Prepare ? undefined : fastPacket(bytes);
  if (fast) return fast as IlpReply;
  const r = openEnvelope(bytes, REPLIES, options);
  const packet = readContents(r, r.buffer[0]) as IlpReply;
  closeEnvelope(r, options);
  return packet;
}

/** The packet type byte, or undefined for empty input (no validation). */
export function peekPacketType(bytes: Uint8Array): number | undefined {
  return bytes.length > 0 ? bytes[0] : undefined;
}

// --------------------------------------------------------------------------------------------- helpers

/** SHA-256 of a fulfillment: the condition it fulfills (COND-001). */
export function conditionOf(fulfillment: Uint8Array): Uint8Array {
  return createHash('sha256').update(fulfillment).digest();
}

/** True when sha256(fulfillment) equals the condition (COND-002). */
export function fulfillmentMatches(fulfillment: Uint8Array, condition: Uint8Array): boolean {
  return fulfillment.length === FULFILLMENT_LENGTH && condition.length === CONDITION_LENGTH
    && asBuffer(conditionOf(fulfillment)).equals(asBuffer(condition));
}

/** 32 random bytes, for a fresh condition per scenario (connectors deduplicate, IMPL-008). */
export function randomFulfillment(): Uint8Array {
  return randomBytes(FULFILLMENT_LENGTH);
}

export function packetTypeName(type: number): string | undefined {
  return TYPE_NAMES[type];
}
