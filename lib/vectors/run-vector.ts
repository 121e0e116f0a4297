/**
 * How each vector subject is run against lib/codec: `decode` turns bytes into the vectors' field form (or
 * throws the codec's CodecError), `encode` turns fields back into bytes. Shared by the unit test and by any
 * feature step that replays vectors, so "run a vector" means one thing.
 */
import {
  CodecError, OerReader, OerWriter, checkIlpAddress, decodeAmountTooLargeData, decodeGeneralizedTime,
  decodeIlpTimestamp, decodePacket, decodePrepare, decodeFulfill, decodeReject, encodeAmountTooLargeData,
  encodeGeneralizedTime, encodeIlpTimestamp, encodePacket, decodeIlqpPacket, decodeIlpV1Outcome, decodeIlpV1ForwardedPayment,
} from '../codec';
import type { DecodeMode, DecodeOptions, IlpPacket } from '../codec';
import { bytesToHex, packetFields, vectorPacket, type VectorFields, type VectorSubject } from './load';
import { ilpv1PaymentRunner, typedLegacyRunner } from './run-legacy-vector';
import type { SubjectRunner } from './subject-runner';

export type { SubjectRunner } from './subject-runner';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Reads one value with `read` and refuses leftovers, so a vector's hex is exactly one value. */
function whole<T>(bytes: Uint8Array, mode: DecodeMode | undefined, read: (r: OerReader) => T): T {
  const r = new OerReader(bytes, { mode: mode ?? 'strict' });
  const value = read(r);
  r.expectEnd('value');
  return value;
}

const UINT_BITS = { uint8: 8, uint16: 16, uint32: 32, uint64: 64 } as const;

function packetRunner(decode: (b: Uint8Array, o: DecodeOptions) => IlpPacket, withType: boolean, subject: VectorSubject): SubjectRunner {
  return {
    hasMode: true,
    decode: (bytes, options) => packetFields(decode(bytes, options), withType),
    encode: (fields) => encodePacket(vectorPacket(subject, fields)),
  };
}

function addressRunner(rules: 'rfc15' | 'legacy2017'): SubjectRunner {
  return {
    hasMode: false,
    decode: (bytes): Record<string, string> => {
      const text = latin1(whole(bytes, 'strict', (r) => r.readVarOctetString('address')));
      const check = checkIlpAddress(text, { rules });
      if (!check.valid) throw new CodecError('InvalidAddress', 'address', check.index, { reason: check.reason });
      return rules === 'rfc15' ? { address: text } : { address: text, class: check.legacyKind ?? 'other' };
    },
    encode: (fields) => new OerWriter().writeVarIa5(need(fields, 'address')).toBytes(),
  };
}

function need(fields: VectorFields, name: string): string {
  const value = fields[name];
  if (value === undefined) throw new Error(`vector fields lack "${name}"`);
  return value;
}

export function runnerFor(subject: VectorSubject): SubjectRunner {
  switch (subject) {
    case 'packet': return packetRunner(decodePacket, true, subject);
    case 'prepare': return packetRunner(decodePrepare, false, subject);
    case 'fulfill': return packetRunner(decodeFulfill, false, subject);
    case 'reject': return packetRunner(decodeReject, false, subject);
    case 'amount-too-large-data':
      return {
        hasMode: false,
        decode: (bytes) => {
          const d = decodeAmountTooLargeData(bytes);
          return { receivedAmount: d.receivedAmount.toString(), maximumAmount: d.maximumAmount.toString() };
        },
        encode: (f) => encodeAmountTooLargeData({ receivedAmount: BigInt(need(f, 'receivedAmount')), maximumAmount: BigInt(need(f, 'maximumAmount')) }),
      };
    case 'uint8': case 'uint16': case 'uint32': case 'uint64': {
      const bits = UINT_BITS[subject];
      return {
        hasMode: false,
        decode: (bytes) => ({ value: whole(bytes, 'strict', (r) => r.readUInt(bits, 'value')).toString() }),
        encode: (f) => new OerWriter().writeUInt(BigInt(need(f, 'value')), bits).toBytes(),
      };
    }
    case 'length-determinant':
      return {
        hasMode: true,
        decode: (bytes, o) => ({ value: String(whole(bytes, o.mode, (r) => r.readLengthDeterminant('value'))) }),
        encode: (f) => new OerWriter().writeLengthDeterminant(Number(need(f, 'value'))).toBytes(),
      };
    case 'var-uint':
      return {
        hasMode: true,
        decode: (bytes, o) => ({ value: whole(bytes, o.mode, (r) => r.readVarUInt('value')).toString() }),
        encode: (f) => new OerWriter().writeVarUInt(BigInt(need(f, 'value'))).toBytes(),
      };
    case 'var-octet-string':
      return {
        hasMode: true,
        decode: (bytes, o) => ({ value: bytesToHex(whole(bytes, o.mode, (r) => r.readVarOctetString('value'))) }),
        encode: (f) => new OerWriter().writeVarOctetString(Buffer.from(need(f, 'value'), 'hex')).toBytes(),
      };
    case 'fixed-timestamp':
      return {
        hasMode: false,
        decode: (bytes) => ({ iso: decodeIlpTimestamp(latin1(bytes), 'timestamp').toISOString() }),
        encode: (f) => Buffer.from(encodeIlpTimestamp(new Date(need(f, 'iso'))), 'latin1'),
      };
    case 'generalized-time':
      return {
        hasMode: false,
        decode: (bytes) => {
          const text = latin1(whole(bytes, 'strict', (r) => r.readVarOctetString('timestamp')));
          return { iso: decodeGeneralizedTime(text, 'timestamp').toISOString() };
        },
        encode: (f) => new OerWriter().writeVarIa5(encodeGeneralizedTime(new Date(need(f, 'iso')))).toBytes(),
      };
    case 'address': return addressRunner('rfc15');
    case 'address-legacy2017': return addressRunner('legacy2017');
    case 'ilpv1-payment': return ilpv1PaymentRunner;
    case 'ilqp': return typedLegacyRunner(decodeIlqpPacket);
    case 'ilpv1': return typedLegacyRunner(decodeIlpV1Outcome, decodeIlpV1ForwardedPayment);
  }
}
