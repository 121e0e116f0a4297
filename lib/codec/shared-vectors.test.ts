/**
 * Proves the codec agrees with EVERY ILPv4, OER, timestamp, address and IL-DCP vector in the shared
 * vectors folder (../shared/vectors beside the repository; CI clones it there). Valid vectors decode to
 * the listed fields and re-encode to the same bytes; invalid ones are refused with the error kind this
 * table names. A vector this file does not know fails the run until someone classifies it, so the
 * vectors cannot grow silently past the codec.
 *
 * Where a vector is ambiguous or a tolerance case (-A-, "implementation-defined", AMBIGUOUS), the test
 * asserts the catalog's reading and says why beside it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  OerReader, OerWriter, buildIldcpRequest, classifyLegacyAddress, decodeFulfill, decodeGeneralizedTime,
  decodeIldcpResponse, decodeIlpTimestamp, decodePrepare, decodeReject, encodeFulfill, encodeGeneralizedTime,
  encodeIldcpResponse, encodeIlpTimestamp, encodePacket, encodePrepare, encodeReject, forgePrepare, ildcpFulfillProblem,
  ildcpRequestProblem, isValidIlpAddress, type CodecErrorKind, type DecodeOptions, type IlpPacket, type PrepareFields,
} from './index';
import { assertCodecError } from './testing';

const VECTORS_DIR = path.resolve(__dirname, '../../../shared/vectors');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- vector files are free-form JSON
type Json = any;

function load(name: string): Json {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, name), 'utf8'));
}

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (h: string) => Buffer.from(h, 'hex');

/** Compares a decoded packet with a vector's `decoded` block (bytes as hex, amount decimal, time ISO). */
function fieldsOf(packet: IlpPacket): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(packet)) {
    if (key === 'type') continue;
    out[key] = value instanceof Uint8Array ? toHex(value) : value instanceof Date ? value.toISOString() : String(value);
  }
  return out;
}

const decoders: Record<number, (b: Uint8Array, o?: DecodeOptions) => IlpPacket> = { 12: decodePrepare, 13: decodeFulfill, 14: decodeReject };

/** Builds the bytes of a vector stored without hex (`hexOmitted`), from its `construct` text. */
function constructOmitted(v: Json): Uint8Array {
  const base: PrepareFields = {
    amount: 107n,
    expiresAt: new Date('2017-12-23T01:21:40.549Z'),
    executionCondition: fromHex('74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1'),
    destination: 'example.alice',
    data: new Uint8Array(0),
  };
  switch (v.id) {
    case 'PREPARE-V-003': return encodePrepare({ ...base, data: new Uint8Array(32767) });
    case 'PREPARE-I-015': return forgePrepare(base, { kind: 'data-length', length: 32768 });
    case 'PREPARE-V-004': return encodePrepare({ ...base, amount: 1n, destination: 'g.' + 'x'.repeat(1021) });
    case 'PREPARE-I-014': return forgePrepare({ ...base, amount: 1n }, { kind: 'raw-destination', text: 'g.' + 'x'.repeat(1022) });
    default: throw new Error(`no construction known for omitted vector ${v.id}: ${v.construct}`);
  }
}

/** The refusal each invalid ILPv4 vector gets from the strict decoder, and what lenient mode does. */
const INVALID_PACKETS: Record<string, { kind: CodecErrorKind; field: string; offset: number; lenient?: 'accepts' }> = {
  'PREPARE-I-001': { kind: 'WrongPacketType', field: 'type', offset: 0 },
  'PREPARE-I-002': { kind: 'InvalidAddress', field: 'destination', offset: 73 },
  // OER-002 / RFC 27: receivers MAY accept non-canonical lengths; strict mode refuses, lenient accepts.
  'PREPARE-I-003': { kind: 'NonCanonicalLength', field: 'contents', offset: 1, lenient: 'accepts' },
  'PREPARE-I-004': { kind: 'NonCanonicalLength', field: 'destination', offset: 59, lenient: 'accepts' },
  'PREPARE-I-005': { kind: 'Truncated', field: 'contents', offset: 2 },
  'PREPARE-I-006': { kind: 'IndefiniteLength', field: 'contents', offset: 1 },
  'PREPARE-I-007': { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 14 },
  'PREPARE-I-008': { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 18 },
  // TS-006: RFC 30 lists this string both as an encoding result and as invalid; the catalog reads
  // second 60 as invalid in the fixed form (UTC-SLS smearing means 60 never reaches the wire).
  'PREPARE-I-009': { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 22 },
  'PREPARE-I-010': { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 22 },
  'PREPARE-I-011': { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 12 },
  'PREPARE-I-012': { kind: 'InvalidAddress', field: 'destination', offset: 62 },
  // ADDR-011: ASN.1 allows an empty Address, RFC 15 does not; a destination must be routable, so
  // it is refused in both modes (as ilp-packet 3.1.3 and ilp-connector do).
  'PREPARE-I-013': { kind: 'InvalidAddress', field: 'destination', offset: 60 },
  'PREPARE-I-014': { kind: 'InvalidAddress', field: 'destination', offset: 61 },
  'PREPARE-I-015': { kind: 'DataTooLong', field: 'data', offset: 75 },
  'FULFILL-I-001': { kind: 'Truncated', field: 'data', offset: 34 },
  'FULFILL-I-002': { kind: 'WrongPacketType', field: 'type', offset: 0 },
  'REJECT-I-001': { kind: 'InvalidIa5', field: 'code', offset: 4 },
  // ADDR-011 (AMBIGUOUS): an empty triggeredBy is legal ASN.1 but no RFC 15 address. Strict refuses it;
  // lenient accepts it, as ilp-packet 3.1.3 does, so a relaying connector can pass such a Reject on.
  'REJECT-I-002': { kind: 'InvalidAddress', field: 'triggeredBy', offset: 6, lenient: 'accepts' },
};

if (!existsSync(VECTORS_DIR)) {
  describe('shared vectors', () => {
    it('needs the shared vectors folder', () => {
      assert.fail(`Shared test vectors not found at ${VECTORS_DIR}. Clone or copy the shared folder so that `
        + `shared/vectors sits beside the repository (../shared/vectors from its root).`);
    });
  });
} else {
  for (const file of ['ilpv4-prepare.json', 'ilpv4-fulfill.json', 'ilpv4-reject.json']) {
    const doc = load(file);
    const decode = decoders[doc.packetType as number];
    describe(`shared vectors: ${file}`, () => {
      for (const v of doc.vectors as Json[]) {
        const bytes = v.hex ? fromHex(v.hex) : constructOmitted(v);
        if (v.hexOmitted) {
          it(`${v.id} construction matches the vector's length and SHA-256`, () => {
            assert.equal(bytes.length, v.hexLength, 'byte length');
            assert.equal(createHash('sha256').update(bytes).digest('hex'), v.hexSha256);
          });
        }
        if (v.valid) {
          it(`${v.id} decodes to the listed fields and re-encodes (${v.name})`, () => {
            const packet = decode(bytes);
            assert.equal(packet.type, doc.packetType);
            const expected = { ...v.decoded };
            if (v.hexOmitted) {
              // The omitted vectors describe big fields in words; compare those by construction.
              if (expected.data === '<32767 x 00>') expected.data = '00'.repeat(32767);
              if (expected.destination === "'g.' + 'x' * 1021") expected.destination = 'g.' + 'x'.repeat(1021);
            }
            assert.deepEqual(fieldsOf(packet), expected);
            const reencoded = encodePacket(packet);
            if (v.id.includes('-A-')) {
              // Tolerance vectors (OER-003): the extra bytes are ignored on decode, not re-encoded, and
              // refused when the caller asks for it.
              assert.notEqual(toHex(reencoded), toHex(bytes));
              assert.deepEqual(fieldsOf(decode(reencoded)), expected);
              assertCodecError(() => decode(bytes, { rejectTrailingBytes: true }), { kind: 'TrailingBytes' });
            } else {
              assert.equal(toHex(reencoded), toHex(bytes));
            }
          });
        } else {
          it(`${v.id} is refused (${v.name})`, () => {
            const want = INVALID_PACKETS[v.id];
            assert.ok(want, `invalid vector ${v.id} is not classified in shared-vectors.test.ts; expect: ${v.expect}`);
            assertCodecError(() => decode(bytes), want);
            if (want.lenient === 'accepts') {
              const packet = decode(bytes, { mode: 'lenient' });
              assert.equal(packet.type, doc.packetType);
            } else {
              assertCodecError(() => decode(bytes, { mode: 'lenient' }), { kind: want.kind });
            }
          });
        }
      }
    });
  }

  describe('shared vectors: ildcp.json', () => {
    const doc = load('ildcp.json');
    const clock = new Date('2015-06-16T00:00:00.000Z');
    for (const v of doc.vectors as Json[]) {
      const bytes = fromHex(v.hex);
      switch (v.id.split('-').slice(0, 3).join('-')) {
        case 'ILDCP-REQ-V':
          it(`${v.id} decodes, is a request, and buildIldcpRequest re-creates it`, () => {
            const packet = decodePrepare(bytes);
            assert.deepEqual(fieldsOf(packet), v.decodedPrepare);
            assert.equal(ildcpRequestProblem(packet, new Date(v.clock)), undefined);
            assert.equal(toHex(encodePrepare(buildIldcpRequest(new Date(clock.getTime() + 60_000)))), v.hex);
          });
          break;
        case 'ILDCP-REQ-I':
          // Protocol-level invalids: well-formed packets that an IL-DCP parent refuses (DCP-007).
          it(`${v.id} decodes as a packet but is not a request a parent answers (${v.name})`, () => {
            const problem = ildcpRequestProblem(decodePrepare(bytes), clock);
            assert.ok(problem, `expected a problem: ${v.expect}`);
          });
          break;
        case 'ILDCP-RES-V':
          it(`${v.id} decodes to the listed Fulfill and IL-DCP fields and re-encodes`, () => {
            const packet = decodeFulfill(bytes);
            assert.deepEqual(fieldsOf(packet), v.decodedFulfill);
            assert.deepEqual(decodeIldcpResponse(packet.data), v.decodedIldcp);
            assert.equal(ildcpFulfillProblem(packet), undefined);
            assert.equal(toHex(encodeIldcpResponse(v.decodedIldcp)), v.decodedFulfill.data);
            assert.equal(toHex(encodeFulfill(packet)), v.hex);
          });
          break;
        case 'ILDCP-RES-I':
          it(`${v.id} is refused as an IL-DCP response (${v.name})`, () => {
            assert.match(ildcpFulfillProblem(decodeFulfill(bytes)) ?? '', /fulfillment/);
          });
          break;
        case 'ILDCP-ERR-V':
          it(`${v.id} decodes to the listed Reject and re-encodes`, () => {
            const packet = decodeReject(bytes);
            assert.deepEqual(fieldsOf(packet), v.decodedReject);
            assert.equal(toHex(encodeReject(packet)), v.hex);
          });
          break;
        default:
          it(`${v.id} is classified`, () => assert.fail(`unknown IL-DCP vector kind ${v.id}`));
      }
    }
  });

  describe('shared vectors: oer.json', () => {
    const doc = load('oer.json');
    const bits: Record<string, 8 | 16 | 32 | 64> = { UInt8: 8, UInt16: 16, UInt32: 32, UInt64: 64 };
    for (const v of doc.fixedUInts as Json[]) {
      it(`${v.id} ${v.type} reads and writes big-endian`, () => {
        assert.equal(new OerReader(fromHex(v.hex)).readUInt(bits[v.type]).toString(), v.value);
        assert.equal(toHex(new OerWriter().writeUInt(BigInt(v.value), bits[v.type]).toBytes()), v.hex);
      });
    }
    // Refusals of invalid length determinants: strict kind, and the value lenient mode reads (if any).
    const invalidLengths: Record<string, { kind: CodecErrorKind; lenient?: bigint; content?: true }> = {
      'OER-LEN-I-1': { kind: 'NonCanonicalLength', lenient: 7n },
      // OER-014: RFC 30's "< 127" leaves 127 open; the catalog follows X.696 (short form up to 127).
      'OER-LEN-I-2': { kind: 'NonCanonicalLength', lenient: 127n },
      'OER-LEN-I-3': { kind: 'NonCanonicalLength', lenient: 130n },
      'OER-LEN-I-4': { kind: 'IndefiniteLength' },
      // The prefix is canonical; the failure comes when reading the 4294967295 announced bytes.
      'OER-LEN-I-5': { kind: 'Truncated', content: true },
      // OER-010: a decoder MAY refuse length-of-length above 8; we do.
      'OER-LEN-I-6': { kind: 'LengthTooLarge' },
    };
    for (const v of doc.lengthDeterminants as Json[]) {
      if (v.valid) {
        it(`${v.id} reads ${v.value} (${v.note})`, () => {
          const r = new OerReader(fromHex(v.hex));
          assert.equal(r.readLengthDeterminantBigInt('length').toString(), v.value);
          assert.equal(r.remaining, 0);
          if (BigInt(v.value) <= BigInt(Number.MAX_SAFE_INTEGER)) {
            assert.equal(toHex(new OerWriter().writeLengthDeterminant(Number(v.value)).toBytes()), v.hex);
          } else {
            // OER-LEN-V-5: no buffer can be that long, so the number-valued reader refuses it.
            assertCodecError(() => new OerReader(fromHex(v.hex)).readLengthDeterminant('length'), { kind: 'LengthTooLarge', offset: 0 });
          }
        });
      } else {
        it(`${v.id} is refused (${v.note})`, () => {
          const want = invalidLengths[v.id];
          assert.ok(want, `invalid vector ${v.id} is not classified`);
          const read = (mode: 'strict' | 'lenient') => {
            const r = new OerReader(fromHex(v.hex), { mode });
            return want.content ? r.readVarOctetString('value') : r.readLengthDeterminantBigInt('length');
          };
          assertCodecError(() => read('strict'), { kind: want.kind });
          if (want.lenient !== undefined) assert.equal(read('lenient'), want.lenient);
          else assertCodecError(() => read('lenient'), { kind: want.kind });
        });
      }
    }
    const invalidVarUInts: Record<string, { kind: CodecErrorKind; lenient?: bigint }> = {
      'OER-VARUINT-I-1': { kind: 'ValueOutOfRange' },
      'OER-VARUINT-I-2': { kind: 'Truncated' },
      'OER-VARUINT-I-3': { kind: 'Truncated' },
      // "reject or saturate": a VarUInt wider than 8 bytes is no UInt64; refused, never saturated.
      'OER-VARUINT-I-4': { kind: 'ValueOutOfRange' },
      // RFC 30 forbids leading zeros; strict refuses, lenient reads it (as oer-utils does).
      'OER-VARUINT-I-5': { kind: 'NonCanonicalVarUInt', lenient: 1n },
    };
    for (const v of doc.varUInts as Json[]) {
      if (v.valid) {
        it(`${v.id} VarUInt ${v.value} reads and writes`, () => {
          assert.equal(new OerReader(fromHex(v.hex)).readVarUInt('value').toString(), v.value);
          assert.equal(toHex(new OerWriter().writeVarUInt(BigInt(v.value)).toBytes()), v.hex);
        });
      } else {
        it(`${v.id} VarUInt is refused (${v.expect})`, () => {
          const want = invalidVarUInts[v.id];
          assert.ok(want, `invalid vector ${v.id} is not classified`);
          assertCodecError(() => new OerReader(fromHex(v.hex)).readVarUInt('value'), { kind: want.kind });
          if (want.lenient !== undefined) assert.equal(new OerReader(fromHex(v.hex), { mode: 'lenient' }).readVarUInt('value'), want.lenient);
        });
      }
    }
    for (const v of doc.addressStrings as Json[]) {
      it(`${v.id} address string reads and writes`, () => {
        const bytes = new OerReader(fromHex(v.hex)).readVarOctetString('address');
        assert.equal(Buffer.from(bytes).toString('latin1'), v.value);
        assert.ok(isValidIlpAddress(v.value));
        assert.equal(toHex(new OerWriter().writeVarIa5(v.value).toBytes()), v.hex);
      });
    }
  });

  describe('shared vectors: timestamps.json', () => {
    const doc = load('timestamps.json');
    const fixed = doc.fixedLength;
    for (const v of fixed.encode as Json[]) {
      it(`${v.id} encodes ${v.input} as ${v.wire}`, () => {
        // ENC-1 carries microseconds a Date cannot hold; ENC-11 writes midnight as 24:00, which Date
        // parses as 00:00 of the next day: both are the input side, the wire side is checked exactly.
        const wire = encodeIlpTimestamp(new Date(v.input));
        assert.equal(wire, v.wire);
        assert.equal(Buffer.from(wire, 'latin1').toString('hex'), v.hex);
      });
    }
    for (const v of fixed.decodeValid as Json[]) {
      it(`${v.id} decodes ${v.wire}`, () => {
        // V-5: the RFC prints 23:59:60.852 for 23:59:59.852, a typo the vector corrects (TS-006).
        assert.equal(decodeIlpTimestamp(v.wire).toISOString(), v.expected);
      });
    }
    for (const v of fixed.decodeInvalid as Json[]) {
      it(`${v.id} refuses ${JSON.stringify(v.wire)} (${v.why})`, () => {
        assertCodecError(() => decodeIlpTimestamp(v.wire), { kind: 'InvalidTimestamp', field: 'expiresAt' });
      });
    }
    for (const v of fixed.binaryExamples as Json[]) {
      it(`fixed binary example ${v.value}`, () => {
        assert.equal(fromHex(v.hex).toString('latin1'), v.value);
        assert.equal(encodeIlpTimestamp(decodeIlpTimestamp(v.value)), v.value);
      });
    }
    const variable = doc.variableLength;
    for (const v of variable.decodeValid as Json[]) {
      it(`${v.id} decodes GeneralizedTime ${v.wire}`, () => {
        const date = decodeGeneralizedTime(v.wire);
        if (v.id === 'TS-VAR-V-5') {
          // A leap second must be accepted (RFC 30). A Date cannot hold 23:59:60, so the codec gives
          // the POSIX instant of that second: 00:00:00.852 of the next day.
          assert.equal(date.toISOString(), '2017-01-01T00:00:00.852Z');
        } else {
          assert.equal(date.toISOString(), v.expected);
          assert.equal(encodeGeneralizedTime(date), v.wire);
        }
      });
    }
    for (const v of variable.decodeInvalid as Json[]) {
      it(`${v.id} refuses GeneralizedTime ${JSON.stringify(v.wire)} (${v.why})`, () => {
        assertCodecError(() => decodeGeneralizedTime(v.wire), { kind: 'InvalidTimestamp' });
      });
    }
    for (const v of variable.binaryExamples as Json[]) {
      it(`variable binary example ${v.wire}`, () => {
        const text = Buffer.from(new OerReader(fromHex(v.hex)).readVarOctetString('time')).toString('latin1');
        assert.equal(text, v.wire);
        assert.equal(decodeGeneralizedTime(text).toISOString(), v.value);
        assert.equal(toHex(new OerWriter().writeVarIa5(encodeGeneralizedTime(new Date(v.value))).toBytes()), v.hex);
      });
    }
  });

  describe('shared vectors: addresses.json', () => {
    const doc = load('addresses.json');
    const expand = (text: string): string => {
      const m = /^'g\.' followed by (\d+) 'x'$/.exec(text);
      return m ? 'g.' + 'x'.repeat(Number(m[1])) : text;
    };
    for (const v of doc.vectors as Json[]) {
      const address = v.address ?? expand(v.addressConstruct);
      it(`${v.id} ${JSON.stringify(address.length > 40 ? address.slice(0, 40) + '...' : address)}: RFC 15 and 2017 verdicts`, () => {
        assert.equal(address.length, v.length);
        assert.equal(isValidIlpAddress(address), v.classification.rfc15v2);
        assert.equal(isValidIlpAddress(address), v.validCurrent);
        assert.deepEqual(classifyLegacyAddress(address, 2), v.classification.rfc15v1draft2);
        assert.equal(classifyLegacyAddress(address, 1).any, v.classification.rfc15v1draft1Any);
        assert.equal(isValidIlpAddress(address, { rules: 'legacy2017' }), v.classification.rfc15v1draft2.any);
      });
    }
    it('flat valid and invalid lists agree', () => {
      for (const a of doc.valid as string[]) assert.ok(isValidIlpAddress(expand(a)), a);
      for (const a of doc.invalid as string[]) assert.ok(!isValidIlpAddress(expand(a)), a);
    });
  });
}
