/**
 * The project's own codec answering adapter-protocol requests: one function from a request to a reply,
 * pure and synchronous. The in-process codec target calls it directly; `ilp-conformance codec-adapter`
 * serves it over stdio. The liquidity-curve requests are answered by the bundled reference quoting
 * functions (reference-impl/quoting, through bundled-references.ts): a curve is no codec matter. A CodecError becomes a refusal (kind, field, offset, message); anything else
 * thrown is a bug and propagates.
 */
import * as codec from '../codec';
import type { AddressRuleWord, CodecCommand, CodecCommands, CodecReply, CodecRequest, OerWhat, Refusal } from './codec-protocol';
import { REFUSAL_KIND_OF } from './codec-protocol';
import { fromHex, isoOf, packetFromWire, packetToWire, toHex } from './codec-wire';
import { decodeLegacyPacket, encodeLegacyPacket, legacyFromWire, legacyToWire, readCurve } from './codec-legacy-wire';
import { amountAt, amountReverse, appliesToPrefix, type QuotingFault } from './bundled-references';

/** What shapes an answer beyond its request: the reference quoting functions' fault switches (self-test only). */
export interface AnswerOptions {
  readonly quotingFaults?: ReadonlySet<QuotingFault>;
}

type Answer<C extends CodecCommand> = (args: CodecRequest<C>, options: AnswerOptions) => CodecCommands[C]['result'];

const amountText = (amount: bigint | undefined): string | null => (amount === undefined ? null : amount.toString());

const BITS: Partial<Record<OerWhat, codec.UIntBits>> = { uint8: 8, uint16: 16, uint32: 32, uint64: 64 };

function readOer(what: OerWhat, bytes: Uint8Array, mode: codec.DecodeMode): { value: string; unread: number } {
  const r = new codec.OerReader(bytes, { mode });
  const bits = BITS[what];
  const value = bits ? r.readUInt(bits).toString()
    : what === 'length' ? r.readLengthDeterminantBigInt('length').toString()
      : what === 'varuint' ? r.readVarUInt('varuint').toString()
        : toHex(r.readVarOctetString('octets'));
  return { value, unread: r.remaining };
}

function writeOer(what: OerWhat, value: string): Uint8Array {
  const w = new codec.OerWriter();
  const bits = BITS[what];
  if (bits) w.writeUInt(BigInt(value), bits);
  else if (what === 'length') w.writeLengthDeterminant(Number(value));
  else if (what === 'varuint') w.writeVarUInt(BigInt(value));
  else w.writeVarOctetString(fromHex(value));
  return w.toBytes();
}

/** lib/codec/address.ts's reasons in the protocol's rule words (first match wins: "g." has no segment). */
const RULES: ReadonlyArray<readonly [RegExp, AddressRuleWord]> = [
  [/^empty address/, 'empty'], [/^length /, 'length'], [/^scheme /, 'scheme'], [/^no segment after the scheme/, 'no-segment'],
  [/^empty segment/, 'empty-segment'], [/^character /, 'character'], [/trailing dot/, 'trailing-dot'],
];

function ruleOf(reason: string): AddressRuleWord | undefined {
  return RULES.find(([pattern]) => pattern.test(reason))?.[1];
}

const DECODERS = { prepare: codec.decodePrepare, fulfill: codec.decodeFulfill, reject: codec.decodeReject, any: codec.decodePacket };

const ANSWERS: { [C in CodecCommand]: Answer<C> } = {
  decode: ({ hex, mode, expect }) => ({ packet: packetToWire(DECODERS[expect](fromHex(hex), { mode })) }),
  encode: ({ packet }) => ({ hex: toHex(codec.encodePacket(packetFromWire(packet))) }),
  'oer-read': ({ what, hex, mode }) => readOer(what, fromHex(hex), mode),
  'oer-write': ({ what, value }) => ({ hex: toHex(writeOer(what, value)) }),
  'timestamp-encode': ({ format, instant }) => ({
    text: format === 'ilp' ? codec.encodeIlpTimestamp(new Date(instant)) : codec.encodeGeneralizedTime(new Date(instant)),
  }),
  'timestamp-decode': ({ format, text }) => ({
    instant: isoOf(format === 'ilp' ? codec.decodeIlpTimestamp(text) : codec.decodeGeneralizedTime(text)),
  }),
  'address-check': ({ address, rules }) => {
    const check = codec.checkIlpAddress(address, { rules });
    return check.valid ? check : { ...check, rule: ruleOf(check.reason) };
  },
  'error-code': ({ code }) => {
    const info = codec.isAssignedErrorCode(code) ? codec.ERROR_CODES[code] : undefined;
    const errorClass = codec.errorCodeClass(code);
    return {
      wellFormed: codec.isWellFormedErrorCode(code),
      ...(errorClass ? { class: errorClass } : {}),
      ...(info ? { assigned: { class: info.class, name: info.name } } : {}),
    };
  },
  'f08-encode': ({ receivedAmount, maximumAmount }) => ({
    hex: toHex(codec.encodeAmountTooLargeData({ receivedAmount: BigInt(receivedAmount), maximumAmount: BigInt(maximumAmount) })),
  }),
  'f08-decode': ({ hex }) => {
    const data = codec.decodeAmountTooLargeData(fromHex(hex));
    return { receivedAmount: data.receivedAmount.toString(), maximumAmount: data.maximumAmount.toString() };
  },
  condition: ({ fulfillment }) => ({ condition: toHex(codec.conditionOf(fromHex(fulfillment))) }),
  'random-fulfillment': () => ({ fulfillment: toHex(codec.randomFulfillment()) }),
  'peer-protocol': () => ({ fulfillment: toHex(codec.PEER_PROTOCOL_FULFILLMENT), condition: toHex(codec.PEER_PROTOCOL_CONDITION) }),
  'ildcp-request': ({ expiresAt }) => ({ hex: toHex(codec.encodePrepare(codec.buildIldcpRequest(new Date(expiresAt)))) }),
  'ildcp-encode': ({ clientAddress, assetScale, assetCode }) => ({ hex: toHex(codec.encodeIldcpResponse({ clientAddress, assetScale, assetCode })) }),
  'ildcp-decode': ({ hex, mode }) => codec.decodeIldcpResponse(fromHex(hex), { mode }),
  'legacy-decode': ({ hex, mode }) => ({ packet: legacyToWire(decodeLegacyPacket(fromHex(hex), { mode })) }),
  'legacy-encode': ({ packet }) => ({ hex: toHex(encodeLegacyPacket(legacyFromWire(packet))) }),
  'curve-amount-at': ({ curve, x }, { quotingFaults }) => ({ amount: amountText(amountAt(readCurve(curve), BigInt(x), quotingFaults)) }),
  'curve-amount-reverse': ({ curve, y }, { quotingFaults }) => ({ amount: amountText(amountReverse(readCurve(curve), BigInt(y), quotingFaults)) }),
  'applies-to-prefix': ({ routes, routePrefix, destination }, { quotingFaults }) => ({ appliesToPrefix: appliesToPrefix({ routes, routePrefix, destination }, quotingFaults) }),
};

export function refusalOf(error: codec.CodecError): Refusal {
  return {
    kind: REFUSAL_KIND_OF[error.kind],
    message: error.message,
    field: error.field,
    ...(error.offset >= 0 ? { offset: error.offset } : {}),
  };
}

export function answer<C extends CodecCommand>(request: CodecRequest<C>, options: AnswerOptions = {}): CodecReply<C> {
  const run = ANSWERS[request.cmd] as Answer<C> | undefined;
  if (!run) return { ok: false, refusal: { kind: 'other', message: `unknown command ${JSON.stringify(request.cmd)}` } };
  try {
    return { ok: true, result: run(request, options) };
  } catch (error) {
    if (!codec.isCodecError(error)) throw error;
    return { ok: false, refusal: refusalOf(error) };
  }
}
