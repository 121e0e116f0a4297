/**
 * The codec as a target: every codec operation the features name, run in-process against lib/codec.
 * Each call returns an Attempt (the value, or the CodecError the codec raised) and writes one transcript
 * entry (input hex, then the value or the error), so a codec scenario carries the same evidence as a
 * connector scenario. Anything thrown that is not a CodecError is a harness or codec fault and propagates
 * (the scenario errors instead of failing on a requirement).
 */
import * as codec from '../../lib/codec';
import type { CodecError, DecodeMode, IlpPacket, IldcpResponse, UIntBits } from '../../lib/codec';
import type { Transcript } from '../../lib/evidence/transcript';
import type { PacketKind } from './codec-vocabulary';

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CodecError };

/** A value read from the front of some bytes, and how many bytes the reader left unread. */
export interface Read<T> {
  readonly value: T;
  readonly unread: number;
}

export class CodecTarget {
  constructor(private readonly transcript: Transcript) {}

  // ---- packets

  decodePacket(bytes: Uint8Array, mode: DecodeMode, expected?: PacketKind): Attempt<IlpPacket> {
    const options = { mode };
    const decode = {
      Prepare: () => codec.decodePrepare(bytes, options),
      Fulfill: () => codec.decodeFulfill(bytes, options),
      Reject: () => codec.decodeReject(bytes, options),
    };
    const label = `decode ${expected ?? 'packet'} (${mode})`;
    return this.attempt(label, bytes, expected ? decode[expected] : () => codec.decodePacket(bytes, options));
  }

  encodePacket(packet: IlpPacket): Attempt<Uint8Array> {
    return this.attempt(`encode ${packet.type === 12 ? 'Prepare' : packet.type === 13 ? 'Fulfill' : 'Reject'}`, packet, () =>
      codec.encodePacket(packet),
    );
  }

  forgePrepare(fields: codec.PrepareFields, flaw: codec.PrepareFlaw): Uint8Array {
    const bytes = codec.forgePrepare(fields, flaw);
    this.transcript.record({ direction: 'note', channel: 'codec', label: `forge Prepare (${flaw.kind})`, bytes });
    return bytes;
  }

  // ---- OER primitives (RFC 30)

  readUInt(bytes: Uint8Array, bits: UIntBits, mode: DecodeMode): Attempt<Read<bigint>> {
    return this.read(`read UInt${bits}`, bytes, mode, (r) => r.readUInt(bits));
  }

  writeUInt(value: bigint, bits: UIntBits): Attempt<Uint8Array> {
    return this.write(`write UInt${bits}`, value, (w) => w.writeUInt(value, bits));
  }

  /** Reads with the bigint reader so that 8-byte lengths (RFC 30's largest) keep every digit. */
  readLengthDeterminant(bytes: Uint8Array, mode: DecodeMode): Attempt<Read<bigint>> {
    return this.read('read length determinant', bytes, mode, (r) => r.readLengthDeterminantBigInt('length'));
  }

  writeLengthDeterminant(length: bigint): Attempt<Uint8Array> {
    return this.write('write length determinant', length, (w) => w.writeLengthDeterminant(Number(length)));
  }

  readVarUInt(bytes: Uint8Array, mode: DecodeMode): Attempt<Read<bigint>> {
    return this.read('read VarUInt', bytes, mode, (r) => r.readVarUInt('varuint'));
  }

  writeVarUInt(value: bigint): Attempt<Uint8Array> {
    return this.write('write VarUInt', value, (w) => w.writeVarUInt(value));
  }

  readVarOctetString(bytes: Uint8Array, mode: DecodeMode): Attempt<Read<Uint8Array>> {
    return this.read('read VarOctetString', bytes, mode, (r) => Uint8Array.from(r.readVarOctetString('octets')));
  }

  writeVarOctetString(octets: Uint8Array): Attempt<Uint8Array> {
    return this.write('write VarOctetString', octets, (w) => w.writeVarOctetString(octets));
  }

  /** X.696 SEQUENCE OF: the element count as a VarUInt, then the elements (here octet strings). */
  writeSequenceOfOctetStrings(items: readonly Uint8Array[]): Attempt<Uint8Array> {
    return this.write('write SEQUENCE OF VarOctetString', items, (w) => {
      w.writeVarUInt(BigInt(items.length));
      for (const item of items) w.writeVarOctetString(item);
      return w;
    });
  }

  // ---- timestamps (RFC 30)

  encodeIlpTimestamp(date: Date): Attempt<string> {
    return this.attempt('encode ILP timestamp', date, () => codec.encodeIlpTimestamp(date));
  }

  decodeIlpTimestamp(text: string): Attempt<Date> {
    return this.attempt('decode ILP timestamp', text, () => codec.decodeIlpTimestamp(text));
  }

  /** The GeneralizedTime text and its wire form, a VarOctetString of its ASCII bytes. */
  encodeGeneralizedTime(date: Date): Attempt<{ text: string; bytes: Uint8Array }> {
    return this.attempt('encode GeneralizedTime', date, () => {
      const text = codec.encodeGeneralizedTime(date);
      return { text, bytes: new codec.OerWriter().writeVarOctetString(Buffer.from(text, 'latin1')).toBytes() };
    });
  }

  decodeGeneralizedTime(text: string): Attempt<Date> {
    return this.attempt('decode GeneralizedTime', text, () => codec.decodeGeneralizedTime(text));
  }

  // ---- addresses (RFC 15)

  checkAddress(address: string, rules: codec.AddressRules): codec.AddressCheck {
    const verdict = codec.checkIlpAddress(address, { rules });
    this.transcript.record({ direction: 'note', channel: 'codec', label: `check address (${rules})`, decoded: { address, verdict } });
    return verdict;
  }

  // ---- error codes and F08 data (RFC 27)

  lookUpErrorCode(code: string): { assigned?: codec.ErrorCodeInfo; wellFormed: boolean; class?: codec.ErrorClass } {
    const result = {
      ...(codec.isAssignedErrorCode(code) ? { assigned: codec.ERROR_CODES[code] } : {}),
      wellFormed: codec.isWellFormedErrorCode(code),
      ...(codec.errorCodeClass(code) ? { class: codec.errorCodeClass(code) } : {}),
    };
    this.transcript.record({ direction: 'note', channel: 'codec', label: 'look up error code', decoded: { code, ...result } });
    return result;
  }

  isWellFormedErrorCode(code: string): boolean {
    return codec.isWellFormedErrorCode(code);
  }

  encodeAmountTooLargeData(receivedAmount: bigint, maximumAmount: bigint): Attempt<Uint8Array> {
    return this.attempt('encode F08 data', { receivedAmount, maximumAmount }, () =>
      codec.encodeAmountTooLargeData({ receivedAmount, maximumAmount }),
    );
  }

  decodeAmountTooLargeData(bytes: Uint8Array): Attempt<codec.AmountTooLargeData> {
    return this.attempt('decode F08 data', bytes, () => codec.decodeAmountTooLargeData(bytes));
  }

  // ---- conditions and IL-DCP (RFC 27, RFC 31)

  conditionOf(fulfillment: Uint8Array): Uint8Array {
    return Uint8Array.from(codec.conditionOf(fulfillment));
  }

  randomFulfillment(): Uint8Array {
    return Uint8Array.from(codec.randomFulfillment());
  }

  peerProtocol(): { fulfillment: Uint8Array; condition: Uint8Array } {
    return { fulfillment: Uint8Array.from(codec.PEER_PROTOCOL_FULFILLMENT), condition: Uint8Array.from(codec.PEER_PROTOCOL_CONDITION) };
  }

  buildIldcpRequest(expiresAt: Date): Attempt<Uint8Array> {
    return this.attempt('build IL-DCP request', expiresAt, () => codec.encodePrepare(codec.buildIldcpRequest(expiresAt)));
  }

  encodeIldcpResponse(info: IldcpResponse): Attempt<Uint8Array> {
    return this.attempt('encode IL-DCP response', info, () => codec.encodeIldcpResponse(info));
  }

  decodeIldcpResponse(bytes: Uint8Array, mode: DecodeMode): Attempt<IldcpResponse> {
    return this.attempt(`decode IL-DCP response (${mode})`, bytes, () => codec.decodeIldcpResponse(bytes, { mode }));
  }

  // ---- plumbing

  private read<T>(label: string, bytes: Uint8Array, mode: DecodeMode, run: (r: codec.OerReader) => T): Attempt<Read<T>> {
    return this.attempt(`${label} (${mode})`, bytes, () => {
      const reader = new codec.OerReader(bytes, { mode });
      const value = run(reader);
      return { value, unread: reader.remaining };
    });
  }

  private write(label: string, input: unknown, run: (w: codec.OerWriter) => codec.OerWriter): Attempt<Uint8Array> {
    return this.attempt(label, input, () => Uint8Array.from(run(new codec.OerWriter()).toBytes()));
  }

  private attempt<T>(label: string, input: unknown, run: () => T): Attempt<T> {
    const entry = { direction: 'note' as const, channel: 'codec', label };
    const inputBytes = input instanceof Uint8Array ? input : undefined;
    try {
      const value = run();
      this.transcript.record({ ...entry, ...(inputBytes ? { bytes: inputBytes } : {}), decoded: { input: inputBytes ? undefined : input, result: value } });
      return { ok: true, value };
    } catch (error) {
      if (!codec.isCodecError(error)) throw error;
      this.transcript.record({ ...entry, ...(inputBytes ? { bytes: inputBytes } : {}), decoded: { input: inputBytes ? undefined : input, error: error.message } });
      return { ok: false, error };
    }
  }
}
