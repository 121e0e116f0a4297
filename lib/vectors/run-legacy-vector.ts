/**
 * How the 2017 packet subjects (`ilpv1-payment`, `ilqp`) run against lib/codec, in the vectors' field form:
 * amounts and durations as decimal strings, bytes as hex, times as ISO-8601, a liquidity curve as
 * `x:y x:y ...`. Used by run-vector.ts, so unit tests and features replay these vectors the same way.
 */
import { decodeIlpV1Payment, decodeIlqpPacket, encodeIlpV1Payment, encodeIlqpPacket, type CurvePoint, type IlqpPacket } from '../codec';
import { bytesToHex, hexToBytes, VectorFileError, type VectorFields } from './load';
import type { SubjectRunner } from './run-vector';

function need(fields: VectorFields, name: string): string {
  const value = fields[name];
  if (value === undefined) throw new VectorFileError(`vector fields lack "${name}"`);
  return value;
}

export const ilpv1PaymentRunner: SubjectRunner = {
  hasMode: true,
  decode: (bytes, options) => {
    const p = decodeIlpV1Payment(bytes, options);
    return { amount: p.amount.toString(), account: p.account, data: bytesToHex(p.data) };
  },
  encode: (f) => encodeIlpV1Payment({ amount: BigInt(need(f, 'amount')), account: need(f, 'account'), data: hexToBytes(need(f, 'data')) }),
};

const showCurve = (points: readonly CurvePoint[]): string => points.map((p) => `${p.x}:${p.y}`).join(' ');
const readCurve = (text: string): CurvePoint[] =>
  text === '' ? [] : text.split(' ').map((pair) => {
    const [x, y] = pair.split(':');
    return { x: BigInt(x!), y: BigInt(y!) };
  });

/** An ILQP packet in field form, `type` included. */
export function ilqpFields(p: IlqpPacket): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v instanceof Date) out[k] = v.toISOString();
    else if (Array.isArray(v)) out[k] = showCurve(v as CurvePoint[]);
    else out[k] = String(v);
  }
  return out;
}

/** The ILQP packet a vector's fields describe. */
export function ilqpFromFields(f: VectorFields): IlqpPacket {
  const n = (name: string): number => Number(need(f, name));
  const b = (name: string): bigint => BigInt(need(f, name));
  switch (need(f, 'type')) {
    case '2': return { type: 2, destinationAccount: need(f, 'destinationAccount'), destinationHoldDuration: n('destinationHoldDuration') };
    case '3': return {
      type: 3, liquidityCurve: readCurve(need(f, 'liquidityCurve')), appliesToPrefix: need(f, 'appliesToPrefix'),
      sourceHoldDuration: n('sourceHoldDuration'), expiresAt: new Date(need(f, 'expiresAt')),
    };
    case '4': return { type: 4, destinationAccount: need(f, 'destinationAccount'), sourceAmount: b('sourceAmount'), destinationHoldDuration: n('destinationHoldDuration') };
    case '5': return { type: 5, destinationAmount: b('destinationAmount'), sourceHoldDuration: n('sourceHoldDuration') };
    case '6': return { type: 6, destinationAccount: need(f, 'destinationAccount'), destinationAmount: b('destinationAmount'), destinationHoldDuration: n('destinationHoldDuration') };
    case '7': return { type: 7, sourceAmount: b('sourceAmount'), sourceHoldDuration: n('sourceHoldDuration') };
    default: throw new VectorFileError(`ILQP vector type ${f.type} is not 2..7`);
  }
}

export const ilqpRunner: SubjectRunner = {
  hasMode: true,
  decode: (bytes, options) => ilqpFields(decodeIlqpPacket(bytes, options)),
  encode: (f) => encodeIlqpPacket(ilqpFromFields(f)),
};
