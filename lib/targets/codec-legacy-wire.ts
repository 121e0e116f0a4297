/**
 * The 2017 packet family (ILPv1 Payment, ILQP, Error, Fulfillment Data, Forwarded Payment, Rejection;
 * lib/codec/ilpv1.ts, ilqp.ts, ilpv1-outcomes.ts) on the adapter protocol's wire, capability `legacy-packets`:
 * `{ "type": 1..11, "fields": { name: text } }` with amounts and durations as decimal text, bytes as lowercase
 * hex, times as ISO 8601 UTC, a liquidity curve as `x:y x:y ...`, an Error's forwardedBy as its addresses
 * separated by one space (an address has no space), "" for none. The same
 * field form as the vectors (fixtures/vectors/ilpv1.json), so a vector, a feature table and an adapter's
 * answer compare as strings.
 */
import {
  decodeIlpV1ForwardedPayment, decodeIlpV1Outcome, decodeIlpV1Payment, decodeIlqpPacket, encodeIlpV1ForwardedPayment,
  encodeIlpV1Outcome, encodeIlpV1Payment, encodeIlqpPacket, CodecError,
  type CurvePoint, type DecodeOptions, type IlpV1ForwardedPayment, type IlpV1Outcome, type IlpV1Payment, type IlqpPacket,
} from '../codec';

export interface LegacyPacketWire {
  readonly type: number;
  readonly fields: Readonly<Record<string, string>>;
}

export type LegacyPacket = IlpV1Payment | IlqpPacket | IlpV1Outcome | IlpV1ForwardedPayment;

/** A liquidity curve in the protocol's text form, `x:y x:y ...`. */
export const showCurve = (points: readonly CurvePoint[]): string => points.map((p) => `${p.x}:${p.y}`).join(' ');

/** The points of a curve in the protocol's text form; a pair that is not `x:y` is a CodecError on liquidityCurve. */
export function readCurve(text: string): CurvePoint[] {
  if (text === '') return [];
  return text.split(' ').map((pair) => {
    const m = /^(\d+):(\d+)$/.exec(pair);
    if (!m) throw new CodecError('ValueOutOfRange', 'liquidityCurve', -1, { point: pair, reason: 'not x:y' });
    return { x: BigInt(m[1]!), y: BigInt(m[2]!) };
  });
}

export function legacyToWire(p: LegacyPacket): LegacyPacketWire {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'type') continue;
    if (v instanceof Date) fields[k] = v.toISOString();
    else if (v instanceof Uint8Array) fields[k] = Buffer.from(v).toString('hex');
    else if (k === 'forwardedBy') fields[k] = (v as string[]).join(' ');
    else if (Array.isArray(v)) fields[k] = showCurve(v as CurvePoint[]);
    else fields[k] = String(v);
  }
  return { type: p.type, fields };
}

export function legacyFromWire(wire: LegacyPacketWire): LegacyPacket {
  const f = (name: string): string => {
    const value = wire.fields[name];
    if (value === undefined) throw new CodecError('ValueOutOfRange', name, -1, { reason: 'missing field' });
    return value;
  };
  const n = (name: string): number => Number(f(name));
  const b = (name: string): bigint => {
    const text = f(name);
    if (!/^\d+$/.test(text)) throw new CodecError('ValueOutOfRange', name, -1, { value: text, reason: 'not a decimal' });
    return BigInt(text);
  };
  const hex = (name: string): Buffer => {
    const text = f(name);
    if (!/^([0-9a-f]{2})*$/.test(text)) throw new CodecError('ValueOutOfRange', name, -1, { value: text.slice(0, 40), reason: 'not lowercase hex' });
    return Buffer.from(text, 'hex');
  };
  switch (wire.type) {
    case 1: return { type: 1, amount: b('amount'), account: f('account'), data: hex('data') };
    case 2: return { type: 2, destinationAccount: f('destinationAccount'), destinationHoldDuration: n('destinationHoldDuration') };
    case 3: return {
      type: 3, liquidityCurve: readCurve(f('liquidityCurve')), appliesToPrefix: f('appliesToPrefix'),
      sourceHoldDuration: n('sourceHoldDuration'), expiresAt: new Date(f('expiresAt')),
    };
    case 4: return { type: 4, destinationAccount: f('destinationAccount'), sourceAmount: b('sourceAmount'), destinationHoldDuration: n('destinationHoldDuration') };
    case 5: return { type: 5, destinationAmount: b('destinationAmount'), sourceHoldDuration: n('sourceHoldDuration') };
    case 6: return { type: 6, destinationAccount: f('destinationAccount'), destinationAmount: b('destinationAmount'), destinationHoldDuration: n('destinationHoldDuration') };
    case 7: return { type: 7, sourceAmount: b('sourceAmount'), sourceHoldDuration: n('sourceHoldDuration') };
    case 8: return {
      type: 8, code: f('code'), name: f('name'), triggeredBy: f('triggeredBy'),
      forwardedBy: f('forwardedBy') === '' ? [] : f('forwardedBy').split(' '), triggeredAt: new Date(f('triggeredAt')), data: hex('data'),
    };
    case 9: return { type: 9, data: hex('data') };
    case 10: return { type: 10, account: f('account'), data: hex('data') };
    case 11: return { type: 11, code: f('code'), triggeredBy: f('triggeredBy'), message: f('message'), data: hex('data') };
    default: throw new CodecError('UnknownPacketType', 'type', -1, { got: String(wire.type) });
  }
}

/** Decodes any packet of the 2017 family, detected by its type byte. */
export function decodeLegacyPacket(bytes: Uint8Array, options?: DecodeOptions): LegacyPacket {
  switch (bytes[0]) {
    case 1: return decodeIlpV1Payment(bytes, options);
    case 8: case 9: case 11: return decodeIlpV1Outcome(bytes, options);
    case 10: return decodeIlpV1ForwardedPayment(bytes, options);
    default: return decodeIlqpPacket(bytes, options);
  }
}

export function encodeLegacyPacket(p: LegacyPacket): Uint8Array {
  switch (p.type) {
    case 1: return encodeIlpV1Payment(p);
    case 8: case 9: case 11: return encodeIlpV1Outcome(p);
    case 10: return encodeIlpV1ForwardedPayment(p);
    default: return encodeIlqpPacket(p);
  }
}
