/**
 * The JSON form of ILPv4 packets, used by the CLI and the evidence transcript. Amounts are decimal
 * strings (UInt64 does not fit a JSON number), byte fields lowercase hex, `expiresAt` ISO-8601 UTC with
 * milliseconds, `type` a word. A Reject also carries `codeName` and `codeClass` when its code is assigned
 * (or at least has a class letter); they are informative and ignored when reading.
 *
 *   { "type": "prepare", "amount": "107", "expiresAt": "2017-12-23T01:21:40.549Z",
 *     "executionCondition": "74e1...7de1", "destination": "example.alice", "data": "5db3...6cb0" }
 *
 * packetFromJson checks every field the way the encoder does and throws a CodecError naming the field
 * (offset -1: JSON has no byte offsets). It also accepts `type` as 12/13/14 and `expiresAt` as the
 * 17-digit wire form or with a `+HH:MM` offset; impossible dates are refused, never rolled over.
 */
import { CodecError } from './errors';
import { ERROR_CODES, errorCodeClass, type ErrorClass } from './error-codes';
import { decodeIlpTimestamp } from './time';
import { encodePacket } from './packets';
import type { DecodeMode, IlpPacket } from './types';
import { PacketType } from './types';

export interface PrepareJson {
  readonly type: 'prepare';
  readonly amount: string;
  readonly expiresAt: string;
  readonly executionCondition: string;
  readonly destination: string;
  readonly data: string;
}

export interface FulfillJson {
  readonly type: 'fulfill';
  readonly fulfillment: string;
  readonly data: string;
}

export interface RejectJson {
  readonly type: 'reject';
  readonly code: string;
  readonly codeName?: string;
  readonly codeClass?: ErrorClass;
  readonly triggeredBy: string;
  readonly message: string;
  readonly data: string;
}

export type PacketJson = PrepareJson | FulfillJson | RejectJson;

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict hex (even length, 0-9a-f in either case); Buffer.from(hex) alone silently stops at a bad digit. */
export function fromHex(hex: string, field: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new CodecError('ValueOutOfRange', field, -1, { reason: 'not an even-length hex string' });
  }
  return Buffer.from(hex, 'hex');
}

export function packetToJson(packet: IlpPacket): PacketJson {
  switch (packet.type) {
    case PacketType.Prepare:
      return {
        type: 'prepare',
        amount: packet.amount.toString(),
        expiresAt: packet.expiresAt.toISOString(),
        executionCondition: toHex(packet.executionCondition),
        destination: packet.destination,
        data: toHex(packet.data),
      };
    case PacketType.Fulfill:
      return { type: 'fulfill', fulfillment: toHex(packet.fulfillment), data: toHex(packet.data) };
    case PacketType.Reject: {
      const info = ERROR_CODES[packet.code];
      const codeClass = errorCodeClass(packet.code);
      return {
        type: 'reject',
        code: packet.code,
        ...(info ? { codeName: info.name } : {}),
        ...(codeClass ? { codeClass } : {}),
        triggeredBy: packet.triggeredBy,
        message: packet.message,
        data: toHex(packet.data),
      };
    }
  }
}

const TYPE_WORDS: Record<string, 12 | 13 | 14> = { prepare: 12, fulfill: 13, reject: 14, '12': 12, '13': 13, '14': 14 };

function field(json: Record<string, unknown>, name: string): unknown {
  if (!(name in json)) throw new CodecError('ValueOutOfRange', name, -1, { reason: 'missing' });
  return json[name];
}

function stringField(json: Record<string, unknown>, name: string): string {
  const value = field(json, name);
  if (typeof value !== 'string') throw new CodecError('ValueOutOfRange', name, -1, { reason: `expected a string, got ${typeof value}` });
  return value;
}

function parseAmount(value: unknown): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^[0-9]{1,20}$/.test(value)) {
    const amount = BigInt(value);
    if (amount <= 0xffffffffffffffffn) return amount;
  }
  throw new CodecError('ValueOutOfRange', 'amount', -1, { value: String(value), reason: 'expected a decimal UInt64 (0..18446744073709551615)' });
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})$/;

/** ISO-8601 with Z or an offset, or the 17-digit wire form; impossible dates are refused. */
export function parseExpiresAt(value: unknown, name = 'expiresAt'): Date {
  if (typeof value !== 'string') throw new CodecError('InvalidTimestamp', name, -1, { reason: 'expected a string' });
  if (/^[0-9]{17}$/.test(value)) return decodeIlpTimestamp(value, name);
  const m = ISO.exec(value);
  if (!m) throw new CodecError('InvalidTimestamp', name, -1, { reason: 'expected ISO-8601 like 2017-12-23T01:21:40.549Z', text: value });
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  // Reuse the wire decoder's range checks (month 13, Feb 30, hour 24, second 60 are all refused).
  const wire = `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}${String(ms).padStart(3, '0')}`;
  const local = decodeIlpTimestamp(wire, name);
  if (m[8] === 'Z') return local;
  const sign = m[8][0] === '-' ? -1 : 1;
  const offsetMinutes = Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6));
  return new Date(local.getTime() - sign * offsetMinutes * 60_000);
}

/** Builds a packet from its JSON form and checks it as the encoder would (lenient allows an empty triggeredBy). */
export function packetFromJson(json: unknown, options: { mode?: DecodeMode } = {}): IlpPacket {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CodecError('ValueOutOfRange', 'packet', -1, { reason: 'expected a JSON object' });
  }
  const obj = json as Record<string, unknown>;
  const type = TYPE_WORDS[String(field(obj, 'type'))];
  let packet: IlpPacket;
  switch (type) {
    case PacketType.Prepare:
      packet = {
        type,
        amount: parseAmount(field(obj, 'amount')),
        expiresAt: parseExpiresAt(field(obj, 'expiresAt')),
        executionCondition: fromHex(stringField(obj, 'executionCondition'), 'executionCondition'),
        destination: stringField(obj, 'destination'),
        data: fromHex(stringField(obj, 'data'), 'data'),
      };
      break;
    case PacketType.Fulfill:
      packet = { type, fulfillment: fromHex(stringField(obj, 'fulfillment'), 'fulfillment'), data: fromHex(stringField(obj, 'data'), 'data') };
      break;
    case PacketType.Reject:
      packet = {
        type,
        code: stringField(obj, 'code'),
        triggeredBy: stringField(obj, 'triggeredBy'),
        message: stringField(obj, 'message'),
        data: fromHex(stringField(obj, 'data'), 'data'),
      };
      break;
    default:
      throw new CodecError('UnknownPacketType', 'type', -1, { got: String(obj.type), expected: 'prepare|fulfill|reject' });
  }
  encodePacket(packet, options); // every field check the encoder makes, with the same error kinds
  return packet;
}
