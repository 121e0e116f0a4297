/**
 * What an FSPIOP `ilpPacket` says, whichever packet version it carries (FSPIOP v1.1 section 4.5; catalog
 * ML-013): an ILPv1 Payment (type 1, the v1.1 API's packet and sdk-standard-components' default), an ILPv4
 * Prepare (type 12, what the ISO 20022 mode and sdk-standard-components' v4 mode use), or, only when asked
 * for, the August 2017 Payment layout of the spec's own Listing 45. Pure: no I/O.
 */
import { decodeIlpV1Payment, decodeIlpV1PaymentDraft3, decodePrepare, isCodecError } from '../../lib/codec';
import { decodeIlpPacketField, FspiopFormatError } from './binary-strings';

export type IlpPacketVersion = 'ilpv1' | 'ilpv1-draft3' | 'ilpv4';

export interface IlpPacketView {
  readonly version: IlpPacketVersion;
  /** The packet's bytes (base64url-decoded). */
  readonly bytes: Uint8Array;
  readonly amount: bigint;
  /** Payment `account` or Prepare `destination`. */
  readonly address: string;
  readonly data: Uint8Array;
  /** ILPv4 only: the Prepare's executionCondition. */
  readonly executionCondition?: Uint8Array;
  readonly expiresAt?: Date;
}

export interface ReadOptions {
  /** Accept the Aug 2017 layout (no contents length, no extensions byte). Default false. */
  readonly allowDraft3?: boolean;
}

/** Decodes an ilpPacket field; throws FspiopFormatError naming the field and why (format or packet). */
export function readIlpPacketField(value: unknown, options: ReadOptions = {}, field = 'ilpPacket'): IlpPacketView {
  const bytes = decodeIlpPacketField(value, field);
  try {
    if (bytes[0] === 12) {
      const p = decodePrepare(bytes);
      return { version: 'ilpv4', bytes, amount: p.amount, address: p.destination, data: p.data, executionCondition: p.executionCondition, expiresAt: p.expiresAt };
    }
    if (bytes[0] !== 1) throw new FspiopFormatError(field, `packet type ${bytes[0]} is neither an ILPv1 Payment (1) nor an ILPv4 Prepare (12)`);
    try {
      const p = decodeIlpV1Payment(bytes);
      return { version: 'ilpv1', bytes, amount: p.amount, address: p.account, data: p.data };
    } catch (error) {
      if (!options.allowDraft3) throw error;
      const p = decodeIlpV1PaymentDraft3(bytes);
      return { version: 'ilpv1-draft3', bytes, amount: p.amount, address: p.account, data: p.data };
    }
  } catch (error) {
    if (isCodecError(error)) throw new FspiopFormatError(field, `not a valid ILP packet: ${error.message}`);
    throw error;
  }
}

/** The Transaction object in a packet's data: UTF-8 JSON (the spec's form) or base64url of it (sdk-standard-components'). */
export function transactionOf(data: Uint8Array): { readonly transaction: Record<string, unknown>; readonly form: 'json' | 'base64url-json' } {
  const text = Buffer.from(data).toString('utf8');
  const parse = (t: string): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(t);
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const direct = parse(text);
  if (direct) return { transaction: direct, form: 'json' };
  if (/^[A-Za-z0-9\-_]+={0,2}$/.test(text)) {
    const inner = parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (inner) return { transaction: inner, form: 'base64url-json' };
  }
  throw new FspiopFormatError('ilpPacket.data', `not a Transaction object: neither JSON nor base64url JSON (${data.length} bytes, starting ${JSON.stringify(text.slice(0, 24))})`);
}
