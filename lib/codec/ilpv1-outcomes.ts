/**
 * How an ILPv1 payment ended, as packets of the 2017 envelope (legacy-envelope.ts; IL-RFC 3 as of Nov-Dec
 * 2017, catalog PKT-L03, PKT-L04, ERR-L04, ERR-L06, TS-L01): the Error (8) of the Aug 2017 text, and the
 * Fulfillment Data (9) and Rejection (11) that replaced it in the Dec 2017 text. Addresses are ILPv1
 * addresses (ilpv1.ts: IA5 1..1023; strict also the 2017 rules); every packet ends in the extensions byte.
 *
 *    8 Error        +------+------------------+------------------+--------------------------------+
 *                   | code | name             | triggeredBy      | forwardedBy                    |
 *                   | 3 IA5| VarOctetString   | VarOctetString   | VarUInt n, n x VarOctetString  |
 *                   +------+------------------+------------------+--------------------------------+
 *                   | triggeredAt VarOctetString "YYYYMMDDHHmmSS.fffZ" | data VarOctetString | 00 |
 *                   | (2017 GeneralizedTime, UTC, 3 fraction digits)   | 0..8192 bytes       |    |
 *
 *    9 Fulfillment  | data VarOctetString 0..32767 | 00 |
 *      Data         (the asn1 has no extensions field here; the RFC's example and ilp-packet write 00, so does this)
 *
 *   11 Rejection    | code 3 IA5 | triggeredBy VarOctetString | message VarOctetString UTF-8 0..8191 bytes |
 *                   | data VarOctetString 0..32767 | 00 |
 *
 *   e.g. Fulfillment Data, IL-RFC 3's example: 09 05 | 03 041041 | 00
 *
 * Both modes refuse: a code that is not 3 IA5 characters, a name that is not IA5, a message that is not
 * UTF-8, data over its limit, a triggeredAt of any other shape (TS-L01: no RFC 30 short fraction, no zone
 * but Z), an empty address, truncation. Strict alone refuses non-canonical lengths, an address outside the
 * 2017 rules and an extensions byte other than 00. Encoding is canonical and refuses what decoding would.
 */
import { CodecError } from './errors';
import type { OerReader, OerWriter } from './oer';
import { isIa5ErrorCode } from './error-codes';
import { closeLegacyEnvelope, LegacyPacketType, openLegacyEnvelope, readLegacyTime, writeLegacyPacket } from './legacy-envelope';
import { ILPV1_MAX_DATA_LENGTH, readLegacyAddress, writeLegacyAddress } from './ilpv1';
import { encodeLegacyGeneralizedTime } from './time';
import type { DecodeOptions } from './types';

export const ILPV1_MAX_ERROR_DATA_LENGTH = 8192;
export const ILPV1_MAX_MESSAGE_LENGTH = 8191;

export interface IlpV1Error {
  readonly type: 8;
  readonly code: string;
  /** The code's name as the emitter wrote it; decisions rest on `code` (ERR-L03). */
  readonly name: string;
  readonly triggeredBy: string;
  /** Connectors that relayed the error, in order (ERR-L02). */
  readonly forwardedBy: readonly string[];
  readonly triggeredAt: Date;
  readonly data: Uint8Array;
}

export interface IlpV1FulfillmentData {
  readonly type: 9;
  readonly data: Uint8Array;
}

export interface IlpV1Rejection {
  readonly type: 11;
  readonly code: string;
  readonly triggeredBy: string;
  /** UTF-8; may end in ` key=value` details (ERR-L06). */
  readonly message: string;
  readonly data: Uint8Array;
}

export type IlpV1Outcome = IlpV1Error | IlpV1FulfillmentData | IlpV1Rejection;

export const ILPV1_OUTCOME_TYPES: readonly number[] = [LegacyPacketType.Error, LegacyPacketType.FulfillmentData, LegacyPacketType.Rejection];

function readCode(r: OerReader): string {
  const at = r.offset;
  const code = r.readIa5(3, 'code');
  if (!isIa5ErrorCode(code)) throw new CodecError('InvalidErrorCode', 'code', at, { code });
  return code;
}

function readVarIa5(r: OerReader, field: string): string {
  const bytes = r.readVarOctetString(field);
  const start = r.offset - bytes.length;
  const bad = bytes.findIndex((b) => b > 0x7f);
  if (bad >= 0) throw new CodecError('InvalidIa5', field, start + bad, { byte: bytes[bad]!.toString(16) });
  return bytes.toString('latin1');
}

function readForwardedBy(r: OerReader): string[] {
  const at = r.offset;
  const count = r.readVarUInt('forwardedBy');
  // Each address takes at least two bytes: a count beyond that cannot be real and must not allocate.
  if (count > BigInt(r.remaining) / 2n) throw new CodecError('Truncated', 'forwardedBy', at, { count: count.toString(), remaining: r.remaining });
  const list: string[] = [];
  for (let i = 0; i < Number(count); i++) list.push(readLegacyAddress(r, `forwardedBy[${i}]`));
  return list;
}

function readContents(r: OerReader, type: number): IlpV1Outcome {
  if (type === LegacyPacketType.FulfillmentData) return { type, data: r.readVarOctetString('data', ILPV1_MAX_DATA_LENGTH, 'DataTooLong') };
  if (type === LegacyPacketType.Rejection) {
    return {
      type,
      code: readCode(r),
      triggeredBy: readLegacyAddress(r, 'triggeredBy'),
      message: r.readVarUtf8('message', ILPV1_MAX_MESSAGE_LENGTH, 'MessageTooLong'),
      data: r.readVarOctetString('data', ILPV1_MAX_DATA_LENGTH, 'DataTooLong'),
    };
  }
  return {
    type: LegacyPacketType.Error,
    code: readCode(r),
    name: readVarIa5(r, 'name'),
    triggeredBy: readLegacyAddress(r, 'triggeredBy'),
    forwardedBy: readForwardedBy(r),
    triggeredAt: readLegacyTime(r, 'triggeredAt'),
    data: r.readVarOctetString('data', ILPV1_MAX_ERROR_DATA_LENGTH, 'DataTooLong'),
  };
}

/** Decodes an ILPv1 Error, Fulfillment Data or Rejection; `expected` narrows the types (WrongPacketType otherwise). */
export function decodeIlpV1Outcome(bytes: Uint8Array, options?: DecodeOptions, expected: readonly number[] = ILPV1_OUTCOME_TYPES): IlpV1Outcome {
  const r = openLegacyEnvelope(bytes, expected, options);
  const packet = readContents(r, r.buffer[0]!);
  closeLegacyEnvelope(r, options);
  return packet;
}

function checkData(data: unknown, max: number): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', 'data', -1, { reason: 'not a Uint8Array' });
  if (data.length > max) throw new CodecError('DataTooLong', 'data', -1, { length: data.length, max });
  return data;
}

function writeCode(w: OerWriter, code: unknown): void {
  if (typeof code !== 'string' || !isIa5ErrorCode(code)) {
    throw new CodecError('InvalidErrorCode', 'code', -1, { code: String(code), reason: 'must be exactly 3 IA5 characters' });
  }
  w.writeIa5(code, 'code');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function writeMessage(w: OerWriter, message: unknown): void {
  if (typeof message !== 'string' || LONE_SURROGATE.test(message)) throw new CodecError('InvalidUtf8', 'message', -1, { reason: 'not a well-formed string' });
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length > ILPV1_MAX_MESSAGE_LENGTH) throw new CodecError('MessageTooLong', 'message', -1, { length: bytes.length, max: ILPV1_MAX_MESSAGE_LENGTH });
  w.writeVarOctetString(bytes, 'message');
}

function writeContents(w: OerWriter, p: IlpV1Outcome): void {
  switch (p.type) {
    case 8: {
      writeCode(w, p.code);
      if (typeof p.name !== 'string') throw new CodecError('InvalidIa5', 'name', -1, { reason: 'not a string' });
      w.writeVarIa5(p.name, 'name');
      writeLegacyAddress(w, p.triggeredBy, 'triggeredBy');
      if (!Array.isArray(p.forwardedBy)) throw new CodecError('ValueOutOfRange', 'forwardedBy', -1, { reason: 'not a list' });
      w.writeVarUInt(BigInt(p.forwardedBy.length), 'forwardedBy');
      p.forwardedBy.forEach((a, i) => writeLegacyAddress(w, a, `forwardedBy[${i}]`));
      w.writeVarIa5(encodeLegacyGeneralizedTime(p.triggeredAt, 'triggeredAt'), 'triggeredAt');
      w.writeVarOctetString(checkData(p.data, ILPV1_MAX_ERROR_DATA_LENGTH), 'data');
      return;
    }
    case 9:
      w.writeVarOctetString(checkData(p.data, ILPV1_MAX_DATA_LENGTH), 'data');
      return;
    case 11:
      writeCode(w, p.code);
      writeLegacyAddress(w, p.triggeredBy, 'triggeredBy');
      writeMessage(w, p.message);
      w.writeVarOctetString(checkData(p.data, ILPV1_MAX_DATA_LENGTH), 'data');
      return;
  }
}

export function encodeIlpV1Outcome(packet: IlpV1Outcome): Uint8Array {
  const type = (packet as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'number' || !ILPV1_OUTCOME_TYPES.includes(type)) throw new CodecError('UnknownPacketType', 'type', -1, { got: String(type) });
  return writeLegacyPacket(type, (w) => writeContents(w, packet));
}
