/**
 * IL-DCP, the Interledger Dynamic Configuration Protocol (IL-RFC 31; catalog §11 DCP, COND-008).
 *
 * Request (DCP-001): a Prepare with amount 0, any expiry, executionCondition = PEER_PROTOCOL_CONDITION,
 * destination `peer.config`, empty data.
 *
 * Response (DCP-002): a Fulfill with fulfillment = 32 zero bytes whose data is:
 *
 *   +-------------------------------+-------------------+------------------------------+
 *   | clientAddress VarOctetString  | assetScale UInt8  | assetCode VarOctetString     |
 *   | (IA5, an RFC 15 address)      |                   | (UTF-8)                      |
 *   +-------------------------------+-------------------+------------------------------+
 *   e.g. 0e "example.client" | 0d | 03 "XAM"
 *
 * Failure (DCP-003): an ordinary Reject from the parent.
 */
import { createHash } from 'node:crypto';
import { CodecError } from './errors';
import { OerReader, OerWriter, asBuffer } from './oer';
import { ilpAddressProblemInBytes, checkIlpAddress, MAX_ADDRESS_LENGTH } from './address';
import type { DecodeOptions, IlpFulfill, IlpPrepare } from './types';
import { PacketType } from './types';

/** Peer-protocol fulfillment: 32 zero bytes (COND-008). Shared constants: never mutate them. */
export const PEER_PROTOCOL_FULFILLMENT: Uint8Array = new Uint8Array(32);
/** SHA-256 of 32 zero bytes: 66687aad...5f2925 (COND-008). */
export const PEER_PROTOCOL_CONDITION: Uint8Array = createHash('sha256').update(PEER_PROTOCOL_FULFILLMENT).digest();
export const ILDCP_DESTINATION = 'peer.config';

export interface IldcpResponse {
  readonly clientAddress: string;
  readonly assetScale: number;
  readonly assetCode: string;
}

/** The Fulfill `data` of an IL-DCP response. */
export function encodeIldcpResponse(info: IldcpResponse): Uint8Array {
  const check = checkIlpAddress(info.clientAddress);
  if (!check.valid) throw new CodecError('InvalidAddress', 'clientAddress', -1, { reason: check.reason });
  if (typeof info.assetCode !== 'string') throw new CodecError('InvalidUtf8', 'assetCode', -1, { reason: 'not a string' });
  return new OerWriter(32 + info.clientAddress.length)
    .writeVarIa5(info.clientAddress, 'clientAddress')
    .writeUInt8(info.assetScale, 'assetScale')
    .writeVarUtf8(info.assetCode, 'assetCode')
    .toBytes();
}

/** Reads IL-DCP response data (the Fulfill's data). Offsets in errors are relative to `data`. */
export function decodeIldcpResponse(data: Uint8Array, options?: DecodeOptions): IldcpResponse {
  const r = new OerReader(data, { mode: options?.mode });
  const at = r.offset;
  const address = r.readVarOctetString('clientAddress');
  if (address.length > MAX_ADDRESS_LENGTH) throw new CodecError('InvalidAddress', 'clientAddress', at, { reason: `length ${address.length} > ${MAX_ADDRESS_LENGTH}` });
  const problem = ilpAddressProblemInBytes(address, 0, address.length);
  const start = r.offset - address.length;
  if (problem) throw new CodecError('InvalidAddress', 'clientAddress', start + problem.index, { reason: problem.reason });
  const clientAddress = asBuffer(address).toString('latin1');
  const assetScale = r.readUInt8('assetScale');
  const assetCode = r.readVarUtf8('assetCode');
  if (options?.rejectTrailingBytes) r.expectEnd('ildcp');
  return { clientAddress, assetScale, assetCode };
}

/** The IL-DCP request Prepare (amount 0, peer condition, `peer.config`, empty data). */
export function buildIldcpRequest(expiresAt: Date): IlpPrepare {
  return {
    type: PacketType.Prepare,
    amount: 0n,
    expiresAt,
    executionCondition: PEER_PROTOCOL_CONDITION,
    destination: ILDCP_DESTINATION,
    data: new Uint8Array(0),
  };
}

/** The IL-DCP success Fulfill for `info`. */
export function buildIldcpFulfill(info: IldcpResponse): IlpFulfill {
  return { type: PacketType.Fulfill, fulfillment: PEER_PROTOCOL_FULFILLMENT, data: encodeIldcpResponse(info) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && asBuffer(a).equals(asBuffer(b));
}

/**
 * Why a (well-formed) Prepare is not an IL-DCP request a parent should answer at `now`, or undefined when
 * it is one (DCP-001, DCP-007): destination `peer.config`, the peer-protocol condition, not expired.
 * The amount is not checked: RFC 31 lets future versions charge for the request.
 */
export function ildcpRequestProblem(prepare: IlpPrepare, now: Date): string | undefined {
  if (prepare.destination !== ILDCP_DESTINATION) return `destination ${JSON.stringify(prepare.destination)} is not ${ILDCP_DESTINATION}`;
  if (!sameBytes(prepare.executionCondition, PEER_PROTOCOL_CONDITION)) return 'executionCondition is not the peer-protocol condition';
  if (prepare.expiresAt.getTime() <= now.getTime()) return `expired at ${prepare.expiresAt.toISOString()}`;
  return undefined;
}

/** Why a Fulfill is not a valid IL-DCP response (fulfillment must be 32 zero bytes, data must decode). */
export function ildcpFulfillProblem(fulfill: IlpFulfill): string | undefined {
  if (!sameBytes(fulfill.fulfillment, PEER_PROTOCOL_FULFILLMENT)) return 'fulfillment is not the peer-protocol fulfillment (32 zero bytes)';
  try {
    decodeIldcpResponse(fulfill.data);
  } catch (e) {
    return e instanceof CodecError ? e.message : String(e);
  }
  return undefined;
}
