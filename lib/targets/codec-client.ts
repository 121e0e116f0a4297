/**
 * What the codec steps call: every codec operation the features name, as typed async methods over a
 * CodecTarget's protocol requests. Each call returns an Attempt (the value, or the target's Refusal) and
 * writes one transcript entry (the input, then the value or the refusal), so a codec scenario carries the
 * same evidence against every target. Values are converted from the protocol's JSON here and nowhere else.
 *
 * A call outside the scenario's declared needs is a harness error naming the missing `@needs-` tag: every
 * run (in-process included) checks that the tags say what each scenario asks of the codec, so a target
 * that lacks a capability skips exactly the scenarios that need it.
 */
import * as codec from '../codec';
import type { AddressRules, DecodeMode, IlpPacket, IldcpResponse, UIntBits } from '../codec';
import type { Transcript } from '../evidence/transcript';
import {
  COMMAND_CAPABILITY, type AddressRuleWord, type CodecCapability, type CodecCommand, type CodecCommands, type CodecRequest, type OerWhat,
  type PacketWord, type Refusal,
} from './codec-protocol';
import type { CodecTarget } from './codec-target';
import { showCurve, type LegacyPacketWire } from './codec-legacy-wire';
import { fromHex, isoOf, PACKET_WORD, packetFromWire, packetToWire, toHex } from './codec-wire';

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/** A value read from the front of some bytes, and how many bytes the reader left unread. */
export interface Read<T> {
  readonly value: T;
  readonly unread: number;
}

export type AddressVerdict =
  | { readonly valid: true; readonly legacyKind?: 'destination' | 'prefix' | 'other' }
  | { readonly valid: false; readonly rule?: AddressRuleWord; readonly reason?: string; readonly index?: number };

export interface ErrorCodeLookup {
  readonly assigned?: { readonly class: codec.ErrorClass; readonly name: string };
  readonly wellFormed: boolean;
  readonly class?: codec.ErrorClass;
}

export type PacketKind = 'Prepare' | 'Fulfill' | 'Reject';
const KIND_WORD: Record<PacketKind, PacketWord> = { Prepare: 'prepare', Fulfill: 'fulfill', Reject: 'reject' };

export class CodecClient {
  constructor(
    private readonly target: CodecTarget,
    private readonly transcript: Transcript,
    private readonly needs: ReadonlySet<CodecCapability>,
  ) {}

  // ---- packets

  decodePacket(bytes: Uint8Array, mode: DecodeMode, expected?: PacketKind): Promise<Attempt<IlpPacket>> {
    const request = { cmd: 'decode', hex: toHex(bytes), mode, expect: expected ? KIND_WORD[expected] : 'any' } as const;
    return this.ask(`decode ${expected ?? 'packet'} (${mode})`, bytes, request, (r) => packetFromWire(r.packet));
  }

  encodePacket(packet: IlpPacket): Promise<Attempt<Uint8Array>> {
    return this.ask(`encode ${PACKET_WORD[packet.type]}`, packet, { cmd: 'encode', packet: packetToWire(packet) }, (r) => fromHex(r.hex));
  }

  /** The harness's own forge (lib/codec/forge.ts) builds the malformed bytes; the target only decodes them. */
  forgePrepare(fields: codec.PrepareFields, flaw: codec.PrepareFlaw): Uint8Array {
    const bytes = codec.forgePrepare(fields, flaw);
    this.transcript.record({ direction: 'note', channel: 'codec', label: `forge Prepare (${flaw.kind})`, bytes });
    return bytes;
  }

  // ---- the 2017 family (ILPv1 Payment, ILQP)

  decodeLegacyPacket(bytes: Uint8Array, mode: DecodeMode): Promise<Attempt<LegacyPacketWire>> {
    return this.ask(`decode 2017 packet (${mode})`, bytes, { cmd: 'legacy-decode', hex: toHex(bytes), mode }, (r) => r.packet);
  }

  encodeLegacyPacket(packet: LegacyPacketWire): Promise<Attempt<Uint8Array>> {
    return this.ask(`encode 2017 packet type ${packet.type}`, packet, { cmd: 'legacy-encode', packet }, (r) => fromHex(r.hex));
  }

  // ---- OER primitives (RFC 30)

  readUInt(bytes: Uint8Array, bits: UIntBits, mode: DecodeMode): Promise<Attempt<Read<bigint>>> {
    return this.read(`uint${bits}` as OerWhat, bytes, mode, BigInt);
  }

  writeUInt(value: bigint, bits: UIntBits): Promise<Attempt<Uint8Array>> {
    return this.write(`uint${bits}` as OerWhat, value, String(value));
  }

  /** 8-byte lengths (RFC 30's largest) keep every digit: values travel as decimal text. */
  readLengthDeterminant(bytes: Uint8Array, mode: DecodeMode): Promise<Attempt<Read<bigint>>> {
    return this.read('length', bytes, mode, BigInt);
  }

  writeLengthDeterminant(length: bigint): Promise<Attempt<Uint8Array>> {
    return this.write('length', length, String(length));
  }

  readVarUInt(bytes: Uint8Array, mode: DecodeMode): Promise<Attempt<Read<bigint>>> {
    return this.read('varuint', bytes, mode, BigInt);
  }

  writeVarUInt(value: bigint): Promise<Attempt<Uint8Array>> {
    return this.write('varuint', value, String(value));
  }

  readVarOctetString(bytes: Uint8Array, mode: DecodeMode): Promise<Attempt<Read<Uint8Array>>> {
    return this.read('var-octets', bytes, mode, fromHex);
  }

  writeVarOctetString(octets: Uint8Array): Promise<Attempt<Uint8Array>> {
    return this.write('var-octets', octets, toHex(octets));
  }

  /** X.696 SEQUENCE OF: the element count as a VarUInt, then the elements, each written by the target. */
  async writeSequenceOfOctetStrings(items: readonly Uint8Array[]): Promise<Attempt<Uint8Array>> {
    const parts = [await this.writeVarUInt(BigInt(items.length))];
    for (const item of items) parts.push(await this.writeVarOctetString(item));
    const refused = parts.find((p) => !p.ok);
    if (refused) return refused;
    return { ok: true, value: Buffer.concat(parts.map((p) => (p.ok ? p.value : new Uint8Array(0)))) };
  }

  // ---- timestamps (RFC 30)

  encodeIlpTimestamp(date: Date): Promise<Attempt<string>> {
    return this.ask('encode ILP timestamp', date, { cmd: 'timestamp-encode', format: 'ilp', instant: isoOf(date) }, (r) => r.text);
  }

  decodeIlpTimestamp(text: string): Promise<Attempt<Date>> {
    return this.ask('decode ILP timestamp', text, { cmd: 'timestamp-decode', format: 'ilp', text }, (r) => new Date(r.instant));
  }

  /** The GeneralizedTime text from the target; its wire form (a VarOctetString of the ASCII) framed here. */
  encodeGeneralizedTime(date: Date): Promise<Attempt<{ text: string; bytes: Uint8Array }>> {
    return this.ask('encode GeneralizedTime', date, { cmd: 'timestamp-encode', format: 'generalized', instant: isoOf(date) }, (r) => ({
      text: r.text,
      bytes: new codec.OerWriter().writeVarOctetString(Buffer.from(r.text, 'latin1')).toBytes(),
    }));
  }

  decodeGeneralizedTime(text: string): Promise<Attempt<Date>> {
    return this.ask('decode GeneralizedTime', text, { cmd: 'timestamp-decode', format: 'generalized', text }, (r) => new Date(r.instant));
  }

  // ---- addresses (RFC 15) and error codes (RFC 27): a refusal here is a verdict, not an Attempt

  async checkAddress(address: string, rules: AddressRules): Promise<AddressVerdict> {
    return this.value(await this.call(`check address (${rules})`, address, { cmd: 'address-check', address, rules }));
  }

  async lookUpErrorCode(code: string): Promise<ErrorCodeLookup> {
    return this.value(await this.call('look up error code', code, { cmd: 'error-code', code }));
  }

  encodeAmountTooLargeData(receivedAmount: bigint, maximumAmount: bigint): Promise<Attempt<Uint8Array>> {
    const args = { receivedAmount: String(receivedAmount), maximumAmount: String(maximumAmount) };
    return this.ask('encode F08 data', args, { cmd: 'f08-encode', ...args }, (r) => fromHex(r.hex));
  }

  decodeAmountTooLargeData(bytes: Uint8Array): Promise<Attempt<codec.AmountTooLargeData>> {
    return this.ask('decode F08 data', bytes, { cmd: 'f08-decode', hex: toHex(bytes) }, (r) => ({
      receivedAmount: BigInt(r.receivedAmount),
      maximumAmount: BigInt(r.maximumAmount),
    }));
  }

  // ---- conditions and IL-DCP (RFC 27, RFC 31)

  async conditionOf(fulfillment: Uint8Array): Promise<Uint8Array> {
    return fromHex(this.value(await this.call('condition', fulfillment, { cmd: 'condition', fulfillment: toHex(fulfillment) })).condition);
  }

  async randomFulfillment(): Promise<Uint8Array> {
    return fromHex(this.value(await this.call('random fulfillment', {}, { cmd: 'random-fulfillment' })).fulfillment);
  }

  async peerProtocol(): Promise<{ fulfillment: Uint8Array; condition: Uint8Array }> {
    const r = this.value(await this.call('peer-protocol pair', {}, { cmd: 'peer-protocol' }));
    return { fulfillment: fromHex(r.fulfillment), condition: fromHex(r.condition) };
  }

  buildIldcpRequest(expiresAt: Date): Promise<Attempt<Uint8Array>> {
    return this.ask('build IL-DCP request', expiresAt, { cmd: 'ildcp-request', expiresAt: isoOf(expiresAt) }, (r) => fromHex(r.hex));
  }

  encodeIldcpResponse(info: IldcpResponse): Promise<Attempt<Uint8Array>> {
    return this.ask('encode IL-DCP response', info, { cmd: 'ildcp-encode', ...info }, (r) => fromHex(r.hex));
  }

  decodeIldcpResponse(bytes: Uint8Array, mode: DecodeMode): Promise<Attempt<IldcpResponse>> {
    return this.ask(`decode IL-DCP response (${mode})`, bytes, { cmd: 'ildcp-decode', hex: toHex(bytes), mode }, (r) => r);
  }

  // ---- 2017 liquidity curves and appliesToPrefix (ILQP): `undefined` is "the curve transacts no such amount"

  curveAmountAt(curve: readonly codec.CurvePoint[], x: bigint): Promise<Attempt<bigint | undefined>> {
    const request = { cmd: 'curve-amount-at', curve: showCurve(curve), x: String(x) } as const;
    return this.ask(`curve: the output for input ${x}`, { curve: request.curve, x: request.x }, request, (r) => (r.amount === null ? undefined : BigInt(r.amount)));
  }

  curveAmountReverse(curve: readonly codec.CurvePoint[], y: bigint): Promise<Attempt<bigint | undefined>> {
    const request = { cmd: 'curve-amount-reverse', curve: showCurve(curve), y: String(y) } as const;
    return this.ask(`curve: the smallest input for output ${y}`, { curve: request.curve, y: request.y }, request, (r) => (r.amount === null ? undefined : BigInt(r.amount)));
  }

  appliesToPrefix(query: { readonly routes: readonly string[]; readonly routePrefix: string; readonly destination: string }): Promise<Attempt<string>> {
    const args = { routes: [...query.routes], routePrefix: query.routePrefix, destination: query.destination };
    return this.ask(`appliesToPrefix for ${query.destination}`, args, { cmd: 'applies-to-prefix', ...args }, (r) => r.appliesToPrefix);
  }

  // ---- plumbing

  private read<T>(what: OerWhat, bytes: Uint8Array, mode: DecodeMode, parse: (text: string) => T): Promise<Attempt<Read<T>>> {
    return this.ask(`read ${what} (${mode})`, bytes, { cmd: 'oer-read', what, hex: toHex(bytes), mode }, (r) => ({ value: parse(r.value), unread: r.unread }));
  }

  private write(what: OerWhat, input: unknown, value: string): Promise<Attempt<Uint8Array>> {
    return this.ask(`write ${what}`, input, { cmd: 'oer-write', what, value }, (r) => fromHex(r.hex));
  }

  /** The result of a request that has an answer for every input (a verdict, a lookup); a refusal is an adapter fault. */
  private value<T>(reply: { ok: true; result: T } | { ok: false; refusal: Refusal }): T {
    if (!reply.ok) throw new Error(`The codec target refused a request that every input answers (the adapter's fault, not a verdict): ${reply.refusal.message}`);
    return reply.result;
  }

  private async ask<C extends CodecCommand, T>(label: string, input: unknown, request: CodecRequest<C>, convert: (result: CodecCommands[C]['result']) => T): Promise<Attempt<T>> {
    const reply = await this.call(label, input, request);
    return reply.ok ? { ok: true, value: convert(reply.result) } : { ok: false, refusal: reply.refusal };
  }

  private async call<C extends CodecCommand>(label: string, input: unknown, request: CodecRequest<C>) {
    this.checkNeeded(request);
    const reply = await this.target.call(request);
    const bytes = input instanceof Uint8Array ? input : undefined;
    const outcome = reply.ok ? { result: reply.result } : { refusal: reply.refusal };
    this.transcript.record({ direction: 'note', channel: 'codec', label, ...(bytes ? { bytes } : {}), decoded: { ...(bytes ? {} : { input }), ...outcome } });
    return reply;
  }

  private checkNeeded(request: CodecRequest): void {
    const capability = COMMAND_CAPABILITY[request.cmd];
    const lenient = 'mode' in request && request.mode === 'lenient';
    for (const needed of [capability, lenient ? 'lenient-mode' : undefined] as const) {
      if (needed && !this.needs.has(needed)) {
        throw new Error(`Harness error: this step asks the codec for ${request.cmd}${lenient ? ' (lenient)' : ''}, which needs the capability "${needed}", but the scenario is not tagged @needs-${needed}; tag it so a target without "${needed}" skips it`);
      }
    }
  }
}
