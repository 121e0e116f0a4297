/**
 * Fast paths for decoding the usual packet: a Buffer holding one canonical packet (short-form lengths, or
 * long form with one or two length bytes), ASCII message, non-empty addresses. Each returns the packet, or
 * undefined for anything else (a plain Uint8Array, an unusual length, a field to refuse, non-ASCII text),
 * and the caller then runs the full decoder, which accepts or refuses with its typed error. So the fast
 * path never decides a refusal, and never accepts what the full decoder would refuse in either mode: it
 * accepts only the canonical forms, which both modes accept, and applies the same field checks.
 * Trailing bytes are ignored here as by the full decoder; callers that refuse them skip the fast path.
 */
import { ilpAddressProblemInBytes, knownAddressBytes, MAX_ADDRESS_LENGTH, rememberValidAddress } from './address';
import { EMPTY_BYTES as EMPTY, latin1Slice } from './oer';
import { decodeIlpTimestampBytes, ILP_TIMESTAMP_LENGTH } from './time';
import type { IlpFulfill, IlpPacket, IlpPrepare, IlpReject } from './types';

const MAX_DATA = 32767;
const MAX_MESSAGE = 8191;

/** Where the value of the last length determinant read by lengthAt starts. */
let valueAt = 0;

/** A canonical length determinant at `o` (all its bytes before `end`), or -1. Sets valueAt. */
function lengthAt(b: Buffer, o: number, end: number): number {
  if (o >= end) return -1;
  const first = b[o]!;
  if (first < 0x80) {
    valueAt = o + 1;
    return first;
  }
  if (first === 0x81) {
    if (o + 2 > end || b[o + 1]! < 0x80) return -1;
    valueAt = o + 2;
    return b[o + 1]!;
  }
  if (first === 0x82) {
    if (o + 3 > end) return -1;
    const length = (b[o + 1]! << 8) | b[o + 2]!;
    if (length < 0x100) return -1;
    valueAt = o + 3;
    return length;
  }
  return -1;
}

/** The end of the contents of a packet of `type` (contents start at valueAt), or -1. */
function contentsEnd(b: Uint8Array, type: number): number {
  if (!Buffer.isBuffer(b) || b.length < 2 || b[0] !== type) return -1;
  const length = lengthAt(b, 1, b.length);
  return length < 0 || valueAt + length > b.length ? -1 : valueAt + length;
}

/** A VarOctetString's end within `end` when its length is canonical and at most `max`, else -1. */
function varEnd(b: Buffer, o: number, end: number, max: number): number {
  const length = lengthAt(b, o, end);
  return length < 0 || length > max || valueAt + length > end ? -1 : valueAt + length;
}

function view(b: Buffer, start: number, end: number): Buffer {
  return start === end ? EMPTY : b.subarray(start, end);
}

function address(b: Buffer, start: number, end: number): string | undefined {
  if (end === start || end - start > MAX_ADDRESS_LENGTH) return undefined;
  const text = latin1Slice(b, start, end);
  if (knownAddressBytes(text)) return text;
  if (ilpAddressProblemInBytes(b, start, end)) return undefined;
  rememberValidAddress(text);
  return text;
}

export function fastPrepare(bytes: Uint8Array): IlpPrepare | undefined {
  const end = contentsEnd(bytes, 12);
  const o = valueAt;
  if (end < 0 || end - o < 8 + ILP_TIMESTAMP_LENGTH + 32 + 2) return undefined;
  const b = bytes as Buffer;
  const hi = b.readUInt32BE(o);
  const lo = b.readUInt32BE(o + 4);
  const amount = hi < 0x200000 ? BigInt(hi * 0x100000000 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
  let expiresAt: Date;
  try {
    expiresAt = decodeIlpTimestampBytes(b, o + 8, 'expiresAt');
  } catch {
    return undefined;
  }
  const conditionAt = o + 8 + ILP_TIMESTAMP_LENGTH;
  const destinationEnd = varEnd(b, conditionAt + 32, end, MAX_ADDRESS_LENGTH);
  if (destinationEnd < 0) return undefined;
  const destination = address(b, valueAt, destinationEnd);
  if (destination === undefined) return undefined;
  const dataEnd = varEnd(b, destinationEnd, end, MAX_DATA);
  if (dataEnd < 0) return undefined;
  return {
    type: 12, amount, expiresAt, executionCondition: b.subarray(conditionAt, conditionAt + 32), destination, data: view(b, valueAt, dataEnd),
  };
}

export function fastFulfill(bytes: Uint8Array): IlpFulfill | undefined {
  return shortFulfill(bytes) ?? anyFulfill(bytes);
}

/** The commonest Fulfill, inline: envelope length in one or two bytes, data under 128 bytes. */
function shortFulfill(b: Uint8Array): IlpFulfill | undefined {
  if (!Buffer.isBuffer(b) || b.length < 35 || b[0] !== 13) return undefined;
  let o = 2;
  let length = b[1]!;
  if (length === 0x81) {
    length = b[2]!;
    if (length < 0x80) return undefined;
    o = 3;
  } else if (length >= 0x80) {
    return undefined;
  }
  const end = o + length;
  if (end > b.length || end < o + 33) return undefined;
  const dataLength = b[o + 32]!;
  if (dataLength >= 0x80 || o + 33 + dataLength > end) return undefined;
  return { type: 13, fulfillment: b.subarray(o, o + 32), data: dataLength === 0 ? EMPTY : b.subarray(o + 33, o + 33 + dataLength) };
}

function anyFulfill(bytes: Uint8Array): IlpFulfill | undefined {
  const end = contentsEnd(bytes, 13);
  const o = valueAt;
  if (end < 0 || end - o < 33) return undefined;
  const b = bytes as Buffer;
  const dataEnd = varEnd(b, o + 32, end, MAX_DATA);
  if (dataEnd < 0) return undefined;
  return { type: 13, fulfillment: b.subarray(o, o + 32), data: view(b, valueAt, dataEnd) };
}

export function fastReject(bytes: Uint8Array): IlpReject | undefined {
  const end = contentsEnd(bytes, 14);
  const o = valueAt;
  if (end < 0 || end - o < 6) return undefined;
  const b = bytes as Buffer;
  if ((b[o]! | b[o + 1]! | b[o + 2]!) >= 0x80) return undefined;
  const code = String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!);
  const triggeredByEnd = varEnd(b, o + 3, end, MAX_ADDRESS_LENGTH);
  if (triggeredByEnd < 0) return undefined;
  const triggeredBy = address(b, valueAt, triggeredByEnd);
  if (triggeredBy === undefined) return undefined;
  const messageEnd = varEnd(b, triggeredByEnd, end, MAX_MESSAGE);
  if (messageEnd < 0) return undefined;
  const messageStart = valueAt;
  for (let i = messageStart; i < messageEnd; i++) if (b[i]! >= 0x80) return undefined;
  const message = latin1Slice(b, messageStart, messageEnd);
  const dataEnd = varEnd(b, messageEnd, end, MAX_DATA);
  if (dataEnd < 0) return undefined;
  return { type: 14, code, triggeredBy, message, data: view(b, valueAt, dataEnd) };
}

export function fastPacket(bytes: Uint8Array): IlpPacket | undefined {
  switch (bytes[0]) {
    case 12: return fastPrepare(bytes);
    case 13: return fastFulfill(bytes);
    case 14: return fastReject(bytes);
    default: return undefined;
  }
}
