/**
 * The codec adapter protocol, version 1: what the harness and a codec adapter say to each other, as JSON
 * lines over the adapter's stdin (harness -> adapter) and stdout (adapter -> harness). The normative text
 * is lib/targets/codec-adapter-protocol.md; the JSON Schema is fixtures/schemas/codec-adapter/v1.schema.json. Both the
 * in-process codec and an adapter subprocess answer the same requests, so the steps see one shape.
 *
 *   harness -> {"cmd":"start","version":1}
 *   adapter <- {"version":1,"implementation":{"name":"ilp-packet","language":"javascript","version":"3.1.3"},
 *               "supports":{"packets":["prepare","fulfill","reject"],"capabilities":["lenient-mode"]}}
 *   harness -> {"id":1,"cmd":"decode","hex":"0d22...","mode":"strict","expect":"any"}
 *   adapter <- {"id":1,"ok":true,"result":{"packet":{"type":"fulfill","fulfillment":"...","data":""}}}
 *   harness -> {"id":2,"cmd":"decode","hex":"0c","mode":"strict","expect":"prepare"}
 *   adapter <- {"id":2,"ok":false,"refusal":{"kind":"truncated","message":"...","field":"contents","offset":1}}
 *
 * Requests `decode` and `encode` every adapter answers; the others belong to an optional capability.
 */
import type { CodecErrorKind } from '../codec';
import type { LegacyPacketWire } from './codec-legacy-wire';

export const CODEC_PROTOCOL_VERSION = 1 as const;

/** Optional parts of the protocol; a scenario needing one is tagged `@needs-<capability>`. */
export const CODEC_CAPABILITIES = {
  'lenient-mode': 'decoding in lenient mode (accepts non-canonical lengths and an empty Reject triggeredBy)',
  oer: 'reading and writing OER primitives (UInt8-64, length determinants, VarUInt, VarOctetString)',
  timestamps: 'ILP timestamps and GeneralizedTime as text',
  addresses: 'checking ILP addresses (RFC 15, and the 2017 rules)',
  'error-codes': 'looking up ILP error codes (RFC 27)',
  'f08-data': 'writing and reading the F08 Amount Too Large data',
  conditions: 'computing conditions from fulfillments, random fulfillments, the peer-protocol pair',
  ildcp: 'IL-DCP requests and responses (RFC 31)',
  'legacy-packets': 'the 2017 packet family: ILPv1 Payment (1), ILQP quotes (2-7), Error (8), Fulfillment Data (9), Forwarded Payment (10), Rejection (11), in the field form of codec-legacy-wire.ts',
  'liquidity-curves': 'evaluating 2017 ILQP liquidity curves (the output an input gives, the smallest input for an output) and a quote\'s appliesToPrefix',
} as const;

export type CodecCapability = keyof typeof CODEC_CAPABILITIES;
export const ALL_CODEC_CAPABILITIES = Object.keys(CODEC_CAPABILITIES) as CodecCapability[];

export type PacketWord = 'prepare' | 'fulfill' | 'reject';
export type ModeWord = 'strict' | 'lenient';
export type OerWhat = 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'length' | 'varuint' | 'var-octets';

/** Which RFC 15 rule an invalid address breaks, when the implementation can say. */
export const ADDRESS_RULE_WORDS = ['scheme', 'empty-segment', 'length', 'trailing-dot', 'no-segment', 'empty', 'character'] as const;
export type AddressRuleWord = (typeof ADDRESS_RULE_WORDS)[number];

export type PacketWire =
  | { type: 'prepare'; amount: string; expiresAt: string; executionCondition: string; destination: string; data: string }
  | { type: 'fulfill'; fulfillment: string; data: string }
  | { type: 'reject'; code: string; triggeredBy: string; message: string; data: string };

/** Every request, by command: its arguments and the result of a success. */
export interface CodecCommands {
  decode: { args: { hex: string; mode: ModeWord; expect: PacketWord | 'any' }; result: { packet: PacketWire } };
  encode: { args: { packet: PacketWire }; result: { hex: string } };
  'oer-read': { args: { what: OerWhat; hex: string; mode: ModeWord }; result: { value: string; unread: number } };
  'oer-write': { args: { what: OerWhat; value: string }; result: { hex: string } };
  'timestamp-encode': { args: { format: 'ilp' | 'generalized'; instant: string }; result: { text: string } };
  'timestamp-decode': { args: { format: 'ilp' | 'generalized'; text: string }; result: { instant: string } };
  'address-check': {
    args: { address: string; rules: 'rfc15' | 'legacy2017' };
    result: { valid: boolean; rule?: AddressRuleWord; reason?: string; index?: number; legacyKind?: 'destination' | 'prefix' | 'other' };
  };
  'error-code': {
    args: { code: string };
    result: { wellFormed: boolean; class?: 'final' | 'temporary' | 'relative'; assigned?: { class: 'final' | 'temporary' | 'relative'; name: string } };
  };
  'f08-encode': { args: { receivedAmount: string; maximumAmount: string }; result: { hex: string } };
  'f08-decode': { args: { hex: string }; result: { receivedAmount: string; maximumAmount: string } };
  condition: { args: { fulfillment: string }; result: { condition: string } };
  'random-fulfillment': { args: {}; result: { fulfillment: string } };
  'peer-protocol': { args: {}; result: { fulfillment: string; condition: string } };
  'ildcp-request': { args: { expiresAt: string }; result: { hex: string } };
  'ildcp-encode': { args: { clientAddress: string; assetScale: number; assetCode: string }; result: { hex: string } };
  'ildcp-decode': { args: { hex: string; mode: ModeWord }; result: { clientAddress: string; assetScale: number; assetCode: string } };
  'legacy-decode': { args: { hex: string; mode: ModeWord }; result: { packet: LegacyPacketWire } };
  'legacy-encode': { args: { packet: LegacyPacketWire }; result: { hex: string } };
  /** `curve` as `x:y x:y ...`; `amount` null: the curve transacts no such input. */
  'curve-amount-at': { args: { curve: string; x: string }; result: { amount: string | null } };
  /** The smallest input whose output reaches `y`; null: no input on the curve reaches it. */
  'curve-amount-reverse': { args: { curve: string; y: string }; result: { amount: string | null } };
  'applies-to-prefix': { args: { routes: readonly string[]; routePrefix: string; destination: string }; result: { appliesToPrefix: string } };
}

export type CodecCommand = keyof CodecCommands;

/** Which capability a command belongs to; `undefined`: every adapter answers it. */
export const COMMAND_CAPABILITY: Record<CodecCommand, CodecCapability | undefined> = {
  decode: undefined,
  encode: undefined,
  'oer-read': 'oer',
  'oer-write': 'oer',
  'timestamp-encode': 'timestamps',
  'timestamp-decode': 'timestamps',
  'address-check': 'addresses',
  'error-code': 'error-codes',
  'f08-encode': 'f08-data',
  'f08-decode': 'f08-data',
  condition: 'conditions',
  'random-fulfillment': 'conditions',
  'peer-protocol': 'conditions',
  'ildcp-request': 'ildcp',
  'ildcp-encode': 'ildcp',
  'ildcp-decode': 'ildcp',
  'legacy-decode': 'legacy-packets',
  'legacy-encode': 'legacy-packets',
  'curve-amount-at': 'liquidity-curves',
  'curve-amount-reverse': 'liquidity-curves',
  'applies-to-prefix': 'liquidity-curves',
};

/**
 * Why an implementation refused its input, in the protocol's coarse words. `other`: the implementation
 * does not classify its errors; the harness then compares only that it refused.
 */
export const REFUSAL_KINDS = ['wrong-type', 'truncated', 'non-canonical', 'invalid-length', 'trailing-bytes', 'too-long', 'out-of-range', 'invalid-field', 'other'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export interface Refusal {
  readonly kind: RefusalKind;
  readonly message: string;
  /** The field being read or written, in the harness's field names (README); absent when unknown. */
  readonly field?: string;
  /** Byte offset in the input where the problem starts; absent when unknown or not from bytes. */
  readonly offset?: number;
}

/** lib/codec's fine-grained error kinds in the protocol's words (a new CodecErrorKind fails to compile here). */
export const REFUSAL_KIND_OF: Record<CodecErrorKind, RefusalKind> = {
  Truncated: 'truncated',
  NonCanonicalLength: 'non-canonical',
  NonCanonicalVarUInt: 'non-canonical',
  IndefiniteLength: 'invalid-length',
  LengthTooLarge: 'invalid-length',
  TrailingBytes: 'trailing-bytes',
  WrongPacketType: 'wrong-type',
  UnknownPacketType: 'wrong-type',
  DataTooLong: 'too-long',
  MessageTooLong: 'too-long',
  ValueOutOfRange: 'out-of-range',
  InvalidTimestamp: 'invalid-field',
  InvalidAddress: 'invalid-field',
  InvalidErrorCode: 'invalid-field',
  InvalidUtf8: 'invalid-field',
  InvalidIa5: 'invalid-field',
  WrongFixedLength: 'invalid-field',
  UnsupportedVersion: 'invalid-field',
  DecryptionFailed: 'other',
};

export type CodecRequest<C extends CodecCommand = CodecCommand> = { readonly cmd: C } & CodecCommands[C]['args'];

export type CodecReply<C extends CodecCommand = CodecCommand> =
  | { readonly ok: true; readonly result: CodecCommands[C]['result'] }
  | { readonly ok: false; readonly refusal: Refusal };

export interface StartMessage {
  readonly cmd: 'start';
  readonly version: typeof CODEC_PROTOCOL_VERSION;
}

export interface HelloMessage {
  readonly version: number;
  readonly implementation: { readonly name: string; readonly language: string; readonly version: string; readonly homepage?: string };
  readonly supports: { readonly packets: readonly PacketWord[]; readonly capabilities: readonly string[] };
}
