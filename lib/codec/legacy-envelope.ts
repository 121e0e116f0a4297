/**
 * The envelope of the 2017 packet family (IL-RFC 3 from draft 4, Oct 2017; IL-RFC 8): the same type byte and
 * contents length as ILPv4, with contents that end in an `extensions` byte (the ASN.1 extensibility marker):
 *
 *   +------+--------------------------+-------------------------------+------------+
 *   | type | contents length (OER LD) | fields of the type            | extensions |   extensions is 0x00:
 *   +------+--------------------------+-------------------------------+------------+   no extension is defined
 *
 * Types: 1 ILPv1 Payment and 10 Forwarded Payment (ilpv1.ts), 2..7 ILQP quotes (ilqp.ts), 8 Error, 9 Fulfillment
 * Data and 11 Rejection (ilpv1-outcomes.ts). Shared by both so each reads the same way:
 * strict refuses a non-zero extensions byte and non-canonical lengths; lenient accepts both. A missing
 * extensions byte is Truncated in every mode. Bytes after the envelope, or after the extensions byte inside
 * it, are ignored unless `rejectTrailingBytes`.
 */
import { CodecError } from './errors';
import { OerReader, OerWriter } from './oer';
import { decodeLegacyGeneralizedTime } from './time';
import type { DecodeOptions } from './types';

/** Type IDs of the 2017 family (R3-FINAL Appendix B). */
export const LegacyPacketType = {
  Payment: 1,
  QuoteLiquidityRequest: 2,
  QuoteLiquidityResponse: 3,
  QuoteBySourceRequest: 4,
  QuoteBySourceResponse: 5,
  QuoteByDestinationRequest: 6,
  QuoteByDestinationResponse: 7,
  Error: 8,
  FulfillmentData: 9,
  ForwardedPayment: 10,
  Rejection: 11,
} as const;

export const LEGACY_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'ILPv1 Payment',
  2: 'QuoteLiquidityRequest',
  3: 'QuoteLiquidityResponse',
  4: 'QuoteBySourceAmountRequest',
  5: 'QuoteBySourceAmountResponse',
  6: 'QuoteByDestinationAmountRequest',
  7: 'QuoteByDestinationAmountResponse',
  8: 'ILPv1 Error',
  9: 'ILPv1 Fulfillment Data',
  10: 'ILPv1 Forwarded Payment',
  11: 'ILPv1 Rejection',
};

/** Reads type and contents length; the reader is left narrowed to the contents. */
export function openLegacyEnvelope(bytes: Uint8Array, expected: readonly number[], options: DecodeOptions | undefined): OerReader {
  if (!(bytes instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', 'packet', -1, { reason: 'not a Uint8Array' });
  const r = new OerReader(bytes, { mode: options?.mode === 'lenient' ? 'lenient' : 'strict' });
  const type = r.readUInt8('type');
  if (!expected.includes(type)) {
    const known = LEGACY_TYPE_NAMES[type] !== undefined || (type >= 12 && type <= 14); // 12..14: ILPv4
    throw new CodecError(known ? 'WrongPacketType' : 'UnknownPacketType', 'type', 0, { expected: expected.join('|'), got: type });
  }
  const length = r.readLengthDeterminant('contents');
  const after = r.enter(length, 'contents');
  if (options?.rejectTrailingBytes && after > r.end) throw new CodecError('TrailingBytes', 'packet', r.end, { count: after - r.end });
  return r;
}

/** Reads a 2017 GeneralizedTime inside a VarOctetString (ILPv1 Error triggeredAt, ILQP expiresAt; TS-L01). */
export function readLegacyTime(r: OerReader, field: string): Date {
  const bytes = r.readVarOctetString(field, 64);
  return decodeLegacyGeneralizedTime(bytes.toString('latin1'), field, r.offset - bytes.length);
}

/** Reads the closing extensions byte: 0x00 in strict mode, any value in lenient mode. */
export function closeLegacyEnvelope(r: OerReader, options: DecodeOptions | undefined): void {
  const at = r.offset;
  const extensions = r.readUInt8('extensions');
  if (extensions !== 0 && r.strict) {
    throw new CodecError('ValueOutOfRange', 'extensions', at, { value: extensions, reason: 'no extension is defined; must be 00 (lenient accepts)' });
  }
  if (options?.rejectTrailingBytes) r.expectEnd('contents');
}

/** Wraps contents written by `write` as a packet of `type`, adding the extensions byte 0x00. */
export function writeLegacyPacket(type: number, write: (w: OerWriter) => void): Uint8Array {
  const contents = new OerWriter(64);
  write(contents);
  contents.writeUInt8(0, 'extensions');
  const body = contents.toBytes();
  return new OerWriter(body.length + 4).writeUInt8(type, 'type').writeVarOctetString(body, 'contents').toBytes();
}
