/**
 * The forge: deliberately malformed ILPv4 packets for probing a system under test. Nothing here checks
 * its input; that is the point. Each flaw changes one thing and keeps the rest canonical and consistent
 * (the envelope length still counts the contents, unless the flaw is about that length), so a SUT's
 * answer can be pinned on the one rule the flaw breaks.
 *
 * A packet is assembled as type | contents-length | fields, each variable field as prefix | bytes:
 *
 *   Prepare  amount(8) expiresAt(17) executionCondition(32) [destination] [data]
 *   Fulfill  fulfillment(32) [data]
 *   Reject   code(3) [triggeredBy] [message] [data]
 *
 * Flaws (pass one, or a list applied in order):
 *   non-canonical-length  the named length prefix in long form: `81 LL` below 128, else with a leading
 *                         zero byte (`82 00 LL`, ...). where: envelope | destination | data (Prepare),
 *                         envelope | data (Fulfill), envelope | triggeredBy | message | data (Reject).
 *   indefinite-length     the envelope length byte is 0x80 (BER indefinite form), contents follow.
 *   truncate              the last `bytes` bytes are cut off (prefixes still announce the full length).
 *   trailing-bytes        `bytes` appended after the envelope, or with `inside: true` after the last field
 *                         inside the contents (the envelope length grows to include them).
 *   type-byte             the first byte replaced by `value`.
 *   data-length           data of exactly `length` zero bytes with a correct prefix (e.g. 32768).
 *   raw-expires-at        (Prepare) the 17-byte timestamp replaced by `text`'s bytes, any length.
 *   raw-destination       (Prepare) destination bytes as given, unchecked (a string is written as UTF-8).
 *   fulfillment-length    (Fulfill) the fulfillment cut or zero-padded to `length` bytes.
 *   raw-code              (Reject) the code bytes as given (e.g. 74 77 ff, or 2 or 4 bytes).
 *   raw-triggered-by      (Reject) triggeredBy bytes as given, unchecked.
 *   message-bytes         (Reject) message bytes as given (e.g. invalid UTF-8).
 *   message-length        (Reject) a message of exactly `length` ASCII bytes (e.g. 8192).
 */
import { CodecError } from './errors';
import { lengthDeterminantSize, writeLengthDeterminantAt } from './oer';
import { writeIlpTimestampAt } from './time';
import type { FulfillFields, PrepareFields, RejectFields } from './packets';
import { PacketType } from './types';

type Bytes = Uint8Array | string;

export type CommonFlaw =
  | { readonly kind: 'truncate'; readonly bytes: number }
  | { readonly kind: 'trailing-bytes'; readonly bytes: Uint8Array; readonly inside?: boolean }
  | { readonly kind: 'type-byte'; readonly value: number }
  | { readonly kind: 'data-length'; readonly length: number }
  | { readonly kind: 'indefinite-length' };

export type PrepareFlaw =
  | CommonFlaw
  | { readonly kind: 'non-canonical-length'; readonly where: 'envelope' | 'destination' | 'data' }
  | { readonly kind: 'raw-expires-at'; readonly text: Bytes }
  | { readonly kind: 'raw-destination'; readonly text: Bytes };

export type FulfillFlaw =
  | CommonFlaw
  | { readonly kind: 'non-canonical-length'; readonly where: 'envelope' | 'data' }
  | { readonly kind: 'fulfillment-length'; readonly length: number };

export type RejectFlaw =
  | CommonFlaw
  | { readonly kind: 'non-canonical-length'; readonly where: 'envelope' | 'triggeredBy' | 'message' | 'data' }
  | { readonly kind: 'raw-code'; readonly bytes: Bytes }
  | { readonly kind: 'raw-triggered-by'; readonly text: Bytes }
  | { readonly kind: 'message-bytes'; readonly bytes: Bytes }
  | { readonly kind: 'message-length'; readonly length: number };

export type AnyFlaw = PrepareFlaw | FulfillFlaw | RejectFlaw;

/** One field of the contents; `variable` fields get a length prefix. */
interface Part {
  readonly field: string;
  bytes: Uint8Array;
  readonly variable: boolean;
  nonCanonical?: boolean;
}

function bytesOf(value: Bytes): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** A length prefix, canonical or deliberately not (long form below 128, else a leading zero byte). */
export function lengthPrefix(length: number, nonCanonical = false): Uint8Array {
  if (!nonCanonical) {
    const out = new Uint8Array(lengthDeterminantSize(length));
    writeLengthDeterminantAt(out, 0, length);
    return out;
  }
  if (length < 0x80) return Uint8Array.of(0x81, length);
  const canonical = lengthPrefix(length);
  const out = new Uint8Array(canonical.length + 1);
  out[0] = 0x80 | canonical.length; // one more length byte than needed ...
  out.set(canonical.subarray(1), 2); // ... and that byte (out[1]) stays zero
  return out;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
}

function part(parts: Part[], field: string): Part {
  const found = parts.find((p) => p.field === field);
  if (!found) throw new CodecError('ValueOutOfRange', field, -1, { reason: 'this packet type has no such field to forge' });
  return found;
}

/** Applies the flaws and assembles the bytes. */
function assemble(type: number, parts: Part[], flaws: readonly AnyFlaw[]): Uint8Array {
  let envelopeNonCanonical = false;
  let indefinite = false;
  const inside: Uint8Array[] = [];
  const outside: Uint8Array[] = [];
  let typeByte = type;
  let truncate = 0;
  for (const flaw of flaws) {
    switch (flaw.kind) {
      case 'non-canonical-length':
        if (flaw.where === 'envelope') envelopeNonCanonical = true;
        else part(parts, flaw.where).nonCanonical = true;
        break;
      case 'indefinite-length': indefinite = true; break;
      case 'truncate': truncate += flaw.bytes; break;
      case 'trailing-bytes': (flaw.inside ? inside : outside).push(flaw.bytes); break;
      case 'type-byte': typeByte = flaw.value; break;
      case 'data-length': part(parts, 'data').bytes = new Uint8Array(flaw.length); break;
      case 'raw-expires-at': part(parts, 'expiresAt').bytes = bytesOf(flaw.text); break;
      case 'raw-destination': part(parts, 'destination').bytes = bytesOf(flaw.text); break;
      case 'fulfillment-length': {
        const f = part(parts, 'fulfillment');
        const resized = new Uint8Array(flaw.length);
        resized.set(f.bytes.subarray(0, flaw.length));
        f.bytes = resized;
        break;
      }
      case 'raw-code': part(parts, 'code').bytes = bytesOf(flaw.bytes); break;
      case 'raw-triggered-by': part(parts, 'triggeredBy').bytes = bytesOf(flaw.text); break;
      case 'message-bytes': part(parts, 'message').bytes = bytesOf(flaw.bytes); break;
      case 'message-length': part(parts, 'message').bytes = Buffer.alloc(flaw.length, 0x61); break;
    }
  }
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    if (p.variable) chunks.push(lengthPrefix(p.bytes.length, p.nonCanonical));
    chunks.push(p.bytes);
  }
  const contents = concat([...chunks, ...inside]);
  const envelopePrefix = indefinite ? Uint8Array.of(0x80) : lengthPrefix(contents.length, envelopeNonCanonical);
  const packet = concat([Uint8Array.of(typeByte), envelopePrefix, contents, ...outside]);
  return packet.subarray(0, Math.max(0, packet.length - truncate));
}

function asList<T>(flaw: T | readonly T[]): readonly T[] {
  return Array.isArray(flaw) ? flaw : [flaw as T];
}

export function forgePrepare(fields: PrepareFields, flaw: PrepareFlaw | readonly PrepareFlaw[]): Uint8Array {
  const amount = Buffer.alloc(8);
  amount.writeBigUInt64BE(BigInt.asUintN(64, fields.amount));
  const expiresAt = new Uint8Array(17);
  writeIlpTimestampAt(expiresAt, 0, fields.expiresAt);
  return assemble(PacketType.Prepare, [
    { field: 'amount', bytes: amount, variable: false },
    { field: 'expiresAt', bytes: expiresAt, variable: false },
    { field: 'executionCondition', bytes: fields.executionCondition, variable: false },
    { field: 'destination', bytes: Buffer.from(fields.destination, 'latin1'), variable: true },
    { field: 'data', bytes: fields.data, variable: true },
  ], asList(flaw));
}

export function forgeFulfill(fields: FulfillFields, flaw: FulfillFlaw | readonly FulfillFlaw[]): Uint8Array {
  return assemble(PacketType.Fulfill, [
    { field: 'fulfillment', bytes: fields.fulfillment, variable: false },
    { field: 'data', bytes: fields.data, variable: true },
  ], asList(flaw));
}

export function forgeReject(fields: RejectFields, flaw: RejectFlaw | readonly RejectFlaw[]): Uint8Array {
  return assemble(PacketType.Reject, [
    { field: 'code', bytes: Buffer.from(fields.code, 'latin1'), variable: false },
    { field: 'triggeredBy', bytes: Buffer.from(fields.triggeredBy, 'latin1'), variable: true },
    { field: 'message', bytes: Buffer.from(fields.message, 'utf8'), variable: true },
    { field: 'data', bytes: fields.data, variable: true },
  ], asList(flaw));
}
