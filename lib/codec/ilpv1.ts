/**
 * The ILPv1 Payment packet (IL-RFC 3, 2017; catalog PKT-L01, PKT-L02), as ilp-packet 2.2.0 (and its npm
 * republication ilp-packet-v1 2.2.0) writes it. Mojaloop's FSPIOP API carries it, base64url, as `ilpPacket`.
 *
 *   +----+----------+---------------------+--------------------------+-----------------------+----+
 *   | 01 | len (LD) | amount UInt64       | account VarOctetString   | data VarOctetString   | 00 |
 *   +----+----------+---------------------+--------------------------+-----------------------+----+
 *                      what the DESTINATION   IA5 address, 1..1023        0..32767 bytes         extensions
 *                      receives, in its
 *                      ledger's smallest unit
 *
 *   e.g. IL-RFC 3's example: 01 1c | 000000000754d4c0 | 0e "g.us.nexus.bob" | 03 041041 | 00
 *
 * Strict (default): the account must be a valid address under the 2017 rules (ADDR-L*), lengths canonical,
 * extensions 00. Lenient: any IA5 account of 1..1023 characters, non-canonical lengths, any extensions value.
 * Both refuse data above 32767 bytes, a missing extensions byte, and truncation. Encoding is always canonical.
 *
 * The Aug 2017 text (IL-RFC 3 draft 3) had no contents length and no extensions byte; that form (the one in
 * FSPIOP v1.1 Listing 45) is not this packet and decodes here as an error.
 */
import { CodecError } from './errors';
import { OerReader, type OerWriter } from './oer';
import { checkIlpAddress, MAX_ADDRESS_LENGTH } from './address';
import { closeLegacyEnvelope, LegacyPacketType, openLegacyEnvelope, writeLegacyPacket } from './legacy-envelope';
import type { DecodeOptions } from './types';

export const ILPV1_MAX_DATA_LENGTH = 32767;
const UINT64_MAX = 0xffffffffffffffffn;

export interface IlpV1Payment {
  readonly type: 1;
  /** What the destination account receives, in the destination ledger's smallest unit. */
  readonly amount: bigint;
  readonly account: string;
  readonly data: Uint8Array;
}

export type IlpV1PaymentFields = Omit<IlpV1Payment, 'type'> & { readonly type?: 1 };

/** Reads an ILPv1 address (IA5, 1..1023; strict: also the 2017 address rules). Shared with ilqp.ts. */
export function readLegacyAddress(r: OerReader, field: string): string {
  const at = r.offset;
  const bytes = r.readVarOctetString(field, MAX_ADDRESS_LENGTH, 'ValueOutOfRange');
  if (bytes.length === 0) throw new CodecError('InvalidAddress', field, at, { reason: 'empty (SIZE 1..1023)' });
  const start = r.offset - bytes.length;
  const nonIa5 = bytes.findIndex((b) => b > 0x7f);
  if (nonIa5 >= 0) throw new CodecError('InvalidIa5', field, start + nonIa5, { byte: bytes[nonIa5]!.toString(16) });
  const text = bytes.toString('latin1');
  if (r.strict) {
    const check = checkIlpAddress(text, { rules: 'legacy2017' });
    if (!check.valid) throw new CodecError('InvalidAddress', field, start + Math.max(0, check.index), { reason: check.reason, address: text.slice(0, 64) });
  }
  return text;
}

/** Writes an ILPv1 address after checking it under the 2017 rules. Shared with ilqp.ts. */
export function writeLegacyAddress(w: OerWriter, address: unknown, field: string): void {
  if (typeof address !== 'string') throw new CodecError('InvalidAddress', field, -1, { reason: 'not a string' });
  const check = checkIlpAddress(address, { rules: 'legacy2017' });
  if (!check.valid) throw new CodecError('InvalidAddress', field, -1, { reason: check.reason, address: address.slice(0, 64) });
  w.writeVarIa5(address, field);
}

/** Checks a UInt64 argument of an encoder. Shared with ilqp.ts. */
export function checkUInt64(value: unknown, field: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX) {
    throw new CodecError('ValueOutOfRange', field, -1, { value: String(value), max: UINT64_MAX.toString() });
  }
  return value;
}

export function encodeIlpV1Payment(payment: IlpV1PaymentFields): Uint8Array {
  const amount = checkUInt64(payment.amount, 'amount');
  const data = payment.data;
  if (!(data instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', 'data', -1, { reason: 'not a Uint8Array' });
  if (data.length > ILPV1_MAX_DATA_LENGTH) throw new CodecError('DataTooLong', 'data', -1, { length: data.length, max: ILPV1_MAX_DATA_LENGTH });
  return writeLegacyPacket(LegacyPacketType.Payment, (w) => {
    w.writeUInt(amount, 64, 'amount');
    writeLegacyAddress(w, payment.account, 'account');
    w.writeVarOctetString(data, 'data');
  });
}

export function decodeIlpV1Payment(bytes: Uint8Array, options?: DecodeOptions): IlpV1Payment {
  const r = openLegacyEnvelope(bytes, [LegacyPacketType.Payment], options);
  const amount = r.readUInt(64, 'amount');
  const account = readLegacyAddress(r, 'account');
  const data = r.readVarOctetString('data', ILPV1_MAX_DATA_LENGTH, 'DataTooLong');
  closeLegacyEnvelope(r, options);
  return { type: LegacyPacketType.Payment, amount, account, data };
}

/**
 * The Forwarded Payment (type 10; IL-RFC 3 Dec 2017, experimental; PKT-L04): a Payment without an amount, for
 * connectors that forward at their own rate. Same rules as the Payment's account and data.
 *
 *   +----+----------+--------------------------+-----------------------+----+
 *   | 0a | len (LD) | account VarOctetString   | data VarOctetString   | 00 |
 *   +----+----------+--------------------------+-----------------------+----+
 *
 *   e.g. IL-RFC 3's example: 0a 14 | 0e "g.us.nexus.bob" | 03 041041 | 00
 */
export interface IlpV1ForwardedPayment {
  readonly type: 10;
  readonly account: string;
  readonly data: Uint8Array;
}

export function encodeIlpV1ForwardedPayment(payment: Omit<IlpV1ForwardedPayment, 'type'> & { readonly type?: 10 }): Uint8Array {
  const data = payment.data;
  if (!(data instanceof Uint8Array)) throw new CodecError('ValueOutOfRange', 'data', -1, { reason: 'not a Uint8Array' });
  if (data.length > ILPV1_MAX_DATA_LENGTH) throw new CodecError('DataTooLong', 'data', -1, { length: data.length, max: ILPV1_MAX_DATA_LENGTH });
  return writeLegacyPacket(LegacyPacketType.ForwardedPayment, (w) => {
    writeLegacyAddress(w, payment.account, 'account');
    w.writeVarOctetString(data, 'data');
  });
}

export function decodeIlpV1ForwardedPayment(bytes: Uint8Array, options?: DecodeOptions): IlpV1ForwardedPayment {
  const r = openLegacyEnvelope(bytes, [LegacyPacketType.ForwardedPayment], options);
  const account = readLegacyAddress(r, 'account');
  const data = r.readVarOctetString('data', ILPV1_MAX_DATA_LENGTH, 'DataTooLong');
  closeLegacyEnvelope(r, options);
  return { type: LegacyPacketType.ForwardedPayment, account, data };
}

/**
 * Reads the ILP Payment as IL-RFC 3 draft 3 (Aug 2017) wrote it, before the envelope existed: the type byte,
 * then the fields at once, with no contents length and no extensions byte. FSPIOP v1.1 Listing 45 carries
 * its ilpPacket this way. Only for reading old examples and captures: nothing should write it.
 *
 *   +----+---------------+--------------------------+-----------------------+
 *   | 01 | amount UInt64 | account VarOctetString   | data VarOctetString   |   then nothing
 *   +----+---------------+--------------------------+-----------------------+
 */
export function decodeIlpV1PaymentDraft3(bytes: Uint8Array, options?: DecodeOptions): IlpV1Payment {
  const r = new OerReader(bytes, { mode: options?.mode === 'lenient' ? 'lenient' : 'strict' });
  const type = r.readUInt8('type');
  if (type !== LegacyPacketType.Payment) throw new CodecError('WrongPacketType', 'type', 0, { expected: 1, got: type });
  const amount = r.readUInt(64, 'amount');
  const account = readLegacyAddress(r, 'account');
  const data = r.readVarOctetString('data', ILPV1_MAX_DATA_LENGTH, 'DataTooLong');
  r.expectEnd('packet');
  return { type: LegacyPacketType.Payment, amount, account, data };
}
