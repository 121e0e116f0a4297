/**
 * ILQP, the Interledger Quoting Protocol of 2017 (IL-RFC 8; catalog QUOTE-001, QUOTE-004, TS-L01). Six packets
 * in the legacy envelope (legacy-envelope.ts: type | length | fields | extensions 00). Durations are UInt32
 * milliseconds; amounts UInt64; accounts are ILPv1 addresses (ilpv1.ts).
 *
 *   2 QuoteLiquidityRequest   destinationAccount VarOctetString | destinationHoldDuration UInt32
 *   3 QuoteLiquidityResponse  liquidityCurve: VarUInt n, then n points of x UInt64 | y UInt64 (16 bytes each)
 *                             | appliesToPrefix VarOctetString | sourceHoldDuration UInt32
 *                             | expiresAt VarOctetString "YYYYMMDDHHmmSS.fffZ" (exactly 3 fraction digits, TS-L01)
 *   4 QuoteBySourceAmountRequest       destinationAccount | sourceAmount UInt64 | destinationHoldDuration UInt32
 *   5 QuoteBySourceAmountResponse      destinationAmount UInt64 | sourceHoldDuration UInt32
 *   6 QuoteByDestinationAmountRequest  destinationAccount | destinationAmount UInt64 | destinationHoldDuration UInt32
 *   7 QuoteByDestinationAmountResponse sourceAmount UInt64 | sourceHoldDuration UInt32
 *
 * The codec reads a curve's points as written; whether they rise as QUOTE-001 requires is a rule about the
 * quote, judged by `liquidityCurveProblem`, so a packet with a bad curve can still be decoded and shown.
 */
import { CodecError } from './errors';
import type { OerReader, OerWriter } from './oer';
import { closeLegacyEnvelope, openLegacyEnvelope, readLegacyTime, writeLegacyPacket } from './legacy-envelope';
import { checkUInt64, readLegacyAddress, writeLegacyAddress } from './ilpv1';
import { encodeLegacyGeneralizedTime } from './time';
import type { DecodeOptions } from './types';

export interface CurvePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export type IlqpPacket =
  | { readonly type: 2; readonly destinationAccount: string; readonly destinationHoldDuration: number }
  | {
    readonly type: 3; readonly liquidityCurve: readonly CurvePoint[]; readonly appliesToPrefix: string;
    readonly sourceHoldDuration: number; readonly expiresAt: Date;
  }
  | { readonly type: 4; readonly destinationAccount: string; readonly sourceAmount: bigint; readonly destinationHoldDuration: number }
  | { readonly type: 5; readonly destinationAmount: bigint; readonly sourceHoldDuration: number }
  | { readonly type: 6; readonly destinationAccount: string; readonly destinationAmount: bigint; readonly destinationHoldDuration: number }
  | { readonly type: 7; readonly sourceAmount: bigint; readonly sourceHoldDuration: number };

export const ILQP_TYPES: readonly number[] = [2, 3, 4, 5, 6, 7];
/** More points than any quote needs; refuses a count that would make the decoder allocate without bound. */
export const MAX_CURVE_POINTS = 4096;
/** Why a curve breaks QUOTE-001 (x strictly rising, y never falling), or undefined when it keeps the rule. */
export function liquidityCurveProblem(points: readonly CurvePoint[]): string | undefined {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.x <= a.x) return `point ${i} has x=${b.x}, not above point ${i - 1}'s x=${a.x}`;
    if (b.y < a.y) return `point ${i} has y=${b.y}, below point ${i - 1}'s y=${a.y}`;
  }
  return undefined;
}

function checkDuration(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new CodecError('ValueOutOfRange', field, -1, { value: String(value), max: 0xffffffff });
  }
  return value;
}

function readCurve(r: OerReader): CurvePoint[] {
  const at = r.offset;
  const count = r.readVarUInt('liquidityCurve');
  if (count > BigInt(MAX_CURVE_POINTS)) throw new CodecError('ValueOutOfRange', 'liquidityCurve', at, { points: count.toString(), max: MAX_CURVE_POINTS });
  r.need(Number(count) * 16, 'liquidityCurve');
  const points: CurvePoint[] = [];
  for (let i = 0; i < Number(count); i++) points.push({ x: r.readUInt(64, `liquidityCurve[${i}].x`), y: r.readUInt(64, `liquidityCurve[${i}].y`) });
  return points;
}

function readContents(r: OerReader, type: number): IlqpPacket {
  const duration = (field: string): number => Number(r.readUInt(32, field));
  switch (type) {
    case 2: return { type, destinationAccount: readLegacyAddress(r, 'destinationAccount'), destinationHoldDuration: duration('destinationHoldDuration') };
    case 3: {
      const liquidityCurve = readCurve(r);
      const appliesToPrefix = readLegacyAddress(r, 'appliesToPrefix');
      const sourceHoldDuration = duration('sourceHoldDuration');
      return { type, liquidityCurve, appliesToPrefix, sourceHoldDuration, expiresAt: readLegacyTime(r, 'expiresAt') };
    }
    case 4: return { type, destinationAccount: readLegacyAddress(r, 'destinationAccount'), sourceAmount: r.readUInt(64, 'sourceAmount'), destinationHoldDuration: duration('destinationHoldDuration') };
    case 5: return { type, destinationAmount: r.readUInt(64, 'destinationAmount'), sourceHoldDuration: duration('sourceHoldDuration') };
    case 6: return { type, destinationAccount: readLegacyAddress(r, 'destinationAccount'), destinationAmount: r.readUInt(64, 'destinationAmount'), destinationHoldDuration: duration('destinationHoldDuration') };
    default: return { type: 7, sourceAmount: r.readUInt(64, 'sourceAmount'), sourceHoldDuration: duration('sourceHoldDuration') };
  }
}

/** Decodes any ILQP packet (types 2..7); `expected` narrows the accepted types (WrongPacketType otherwise). */
export function decodeIlqpPacket(bytes: Uint8Array, options?: DecodeOptions, expected: readonly number[] = ILQP_TYPES): IlqpPacket {
  const r = openLegacyEnvelope(bytes, expected, options);
  const packet = readContents(r, r.buffer[0]!);
  closeLegacyEnvelope(r, options);
  return packet;
}

function writeContents(w: OerWriter, p: IlqpPacket): void {
  switch (p.type) {
    case 2:
      writeLegacyAddress(w, p.destinationAccount, 'destinationAccount');
      w.writeUInt(checkDuration(p.destinationHoldDuration, 'destinationHoldDuration'), 32);
      return;
    case 3:
      w.writeVarUInt(BigInt(p.liquidityCurve.length), 'liquidityCurve');
      p.liquidityCurve.forEach((pt, i) => w.writeUInt(checkUInt64(pt.x, `liquidityCurve[${i}].x`), 64).writeUInt(checkUInt64(pt.y, `liquidityCurve[${i}].y`), 64));
      writeLegacyAddress(w, p.appliesToPrefix, 'appliesToPrefix');
      w.writeUInt(checkDuration(p.sourceHoldDuration, 'sourceHoldDuration'), 32);
      w.writeVarIa5(encodeLegacyGeneralizedTime(p.expiresAt, 'expiresAt'), 'expiresAt');
      return;
    case 4: case 6:
      writeLegacyAddress(w, p.destinationAccount, 'destinationAccount');
      w.writeUInt(p.type === 4 ? checkUInt64(p.sourceAmount, 'sourceAmount') : checkUInt64(p.destinationAmount, 'destinationAmount'), 64);
      w.writeUInt(checkDuration(p.destinationHoldDuration, 'destinationHoldDuration'), 32);
      return;
    case 5: case 7:
      w.writeUInt(p.type === 5 ? checkUInt64(p.destinationAmount, 'destinationAmount') : checkUInt64(p.sourceAmount, 'sourceAmount'), 64);
      w.writeUInt(checkDuration(p.sourceHoldDuration, 'sourceHoldDuration'), 32);
      return;
  }
}

export function encodeIlqpPacket(packet: IlqpPacket): Uint8Array {
  const type = (packet as { type?: unknown } | undefined)?.type;
  if (typeof type !== 'number' || !ILQP_TYPES.includes(type)) throw new CodecError('UnknownPacketType', 'type', -1, { got: String(type) });
  return writeLegacyPacket(type, (w) => writeContents(w, packet));
}
