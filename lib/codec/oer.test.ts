import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OerReader, OerWriter, lengthDeterminantSize } from './oer';
import { assertCodecError, hex } from './testing';

const strict = (h: string | Uint8Array) => new OerReader(typeof h === 'string' ? hex(h) : h);
const lenient = (h: string | Uint8Array) => new OerReader(typeof h === 'string' ? hex(h) : h, { mode: 'lenient' });
const writtenLength = (n: number) => Buffer.from(new OerWriter().writeLengthDeterminant(n).toBytes()).toString('hex');

describe('OER fixed unsigned integers (OER-004)', () => {
  it('reads big-endian UInt8/16/32/64 at full range', () => {
    const r = strict('ff ffff ffffffff ffffffffffffffff');
    assert.equal(r.readUInt(8), 255n);
    assert.equal(r.readUInt(16), 65535n);
    assert.equal(r.readUInt(32), 4294967295n);
    assert.equal(r.readUInt(64), 18446744073709551615n);
    assert.equal(r.remaining, 0);
  });

  it('writes them back without precision loss', () => {
    const bytes = new OerWriter().writeUInt(18446744073709551615n, 64).writeUInt(0x1234, 16).toBytes();
    assert.equal(Buffer.from(bytes).toString('hex'), 'ffffffffffffffff1234');
  });

  it('readUIntNumber refuses a UInt64 above 2^53-1 rather than rounding it', () => {
    assertCodecError(() => strict('0020000000000000').readUIntNumber(64, 'n'), { kind: 'ValueOutOfRange', field: 'n', offset: 0 });
    assert.equal(strict('001fffffffffffff').readUIntNumber(64), Number.MAX_SAFE_INTEGER);
  });

  it('refuses values outside the width on write', () => {
    assertCodecError(() => new OerWriter().writeUInt(256n, 8, 'scale'), { kind: 'ValueOutOfRange', field: 'scale', offset: -1 });
    assertCodecError(() => new OerWriter().writeUInt(-1n, 64, 'amount'), { kind: 'ValueOutOfRange', field: 'amount' });
    assertCodecError(() => new OerWriter().writeUInt(2n ** 64n, 64, 'amount'), { kind: 'ValueOutOfRange', field: 'amount' });
  });

  it('reports Truncated with the offset of the missing field', () => {
    const r = strict('00 0102');
    r.readUInt8();
    assertCodecError(() => r.readUInt(32, 'x'), { kind: 'Truncated', field: 'x', offset: 1, details: { needed: 4, available: 2 } });
  });
});

describe('OER length determinants (OER-007..010, OER-014)', () => {
  it('boundary triple 127 / 128 / 129 is written canonically', () => {
    assert.equal(writtenLength(127), '7f');
    assert.equal(writtenLength(128), '8180');
    assert.equal(writtenLength(129), '8181');
    assert.equal(writtenLength(0), '00');
    assert.equal(writtenLength(255), '81ff');
    assert.equal(writtenLength(256), '820100');
    assert.equal(writtenLength(32767), '827fff');
    assert.equal(writtenLength(32768), '828000');
    assert.equal(writtenLength(2 ** 32), '850100000000');
  });

  it('lengthDeterminantSize agrees with what the writer writes', () => {
    for (const n of [0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 24 - 1, 2 ** 24, 2 ** 32 - 1, 2 ** 32, 2 ** 40, 2 ** 48]) {
      assert.equal(lengthDeterminantSize(n), writtenLength(n).length / 2, `length ${n}`);
    }
  });

  it('reads 127 short, 128 long, and every canonical length back', () => {
    assert.equal(strict('7f').readLengthDeterminant('l'), 127);
    assert.equal(strict('8180').readLengthDeterminant('l'), 128);
    for (const n of [0, 5, 127, 128, 300, 70000, 2 ** 40]) {
      assert.equal(strict(new OerWriter().writeLengthDeterminant(n).toBytes()).readLengthDeterminant('l'), n);
    }
  });

  it('strict refuses 127 in long form (OER-014: X.696 reading) and leading zero length bytes', () => {
    assertCodecError(() => strict('817f').readLengthDeterminant('data'), { kind: 'NonCanonicalLength', field: 'data', offset: 0, details: { length: '127' } });
    assertCodecError(() => strict('8107').readLengthDeterminant('data'), { kind: 'NonCanonicalLength', field: 'data', offset: 0 });
    assertCodecError(() => strict('820082').readLengthDeterminant('data'), { kind: 'NonCanonicalLength', field: 'data', offset: 0, details: { length: '130' } });
  });

  it('lenient accepts the same non-canonical forms (OER-002) and reads the right length', () => {
    assert.equal(lenient('817f').readLengthDeterminant('l'), 127);
    assert.equal(lenient('8107').readLengthDeterminant('l'), 7);
    const r = lenient('820082');
    assert.equal(r.readLengthDeterminant('l'), 130);
    assert.equal(r.offset, 3);
  });

  it('refuses the indefinite form 0x80 in both modes', () => {
    assertCodecError(() => strict('80').readLengthDeterminant('contents'), { kind: 'IndefiniteLength', field: 'contents', offset: 0 });
    assertCodecError(() => lenient('80').readLengthDeterminant('contents'), { kind: 'IndefiniteLength', field: 'contents', offset: 0 });
  });

  it('refuses a length-of-length above 8 and a number length above 2^53-1', () => {
    assertCodecError(() => lenient('89ffffffffffffffff01').readLengthDeterminant('l'), { kind: 'LengthTooLarge', offset: 0, details: { lengthBytes: 9 } });
    assertCodecError(() => strict('88ac01055a1debac1e').readLengthDeterminant('l'), { kind: 'LengthTooLarge', offset: 0 });
    assert.equal(strict('88ac01055a1debac1e').readLengthDeterminantBigInt('l'), 12394193534107495454n);
  });

  it('refuses length bytes cut short, at the first missing length byte', () => {
    assertCodecError(() => strict('8201').readLengthDeterminant('l'), { kind: 'Truncated', field: 'l', offset: 1, details: { needed: 2, available: 1 } });
    assertCodecError(() => strict('').readLengthDeterminant('l'), { kind: 'Truncated', field: 'l', offset: 0 });
  });
});

/** The length determinant rules written the slow, obvious way (BigInt throughout), to pin the fast paths. */
function referenceLength(bytes: Uint8Array, strictMode: boolean): { value: bigint; next: number } | { kind: string; offset: number; details: Record<string, string | number> } {
  if (bytes.length === 0) return { kind: 'Truncated', offset: 0, details: { needed: 1, available: 0 } };
  const first = bytes[0];
  if (first < 0x80) return { value: BigInt(first), next: 1 };
  const count = first & 0x7f;
  if (count === 0) return { kind: 'IndefiniteLength', offset: 0, details: { prefix: '80' } };
  if (count > 8) return { kind: 'LengthTooLarge', offset: 0, details: { lengthBytes: count, max: 8 } };
  if (bytes.length - 1 < count) return { kind: 'Truncated', offset: 1, details: { needed: count, available: bytes.length - 1 } };
  let value = 0n;
  for (let i = 1; i <= count; i++) value = value * 256n + BigInt(bytes[i]);
  if (strictMode && value < 128n) return { kind: 'NonCanonicalLength', offset: 0, details: { length: value.toString(), prefixBytes: count + 1, reason: 'short form required below 128' } };
  if (strictMode && bytes[1] === 0) return { kind: 'NonCanonicalLength', offset: 0, details: { length: value.toString(), prefixBytes: count + 1, reason: 'leading zero length byte' } };
  return { value, next: 1 + count };
}

describe('OER length determinants: every length-of-length agrees with the BigInt reference', () => {
  const inputs: Uint8Array[] = [new Uint8Array(0)];
  for (let count = 0; count <= 9; count++) {
    for (const lead of [0x00, 0x01, 0x7f, 0x80, 0xff]) {
      for (const rest of [0x00, 0x05, 0xff]) {
        const full = [0x80 | count, ...Array.from({ length: count }, (_, i) => (i === 0 ? lead : rest))];
        for (const cut of [full.length, full.length - 1]) if (cut > 0) inputs.push(Uint8Array.from(full.slice(0, cut)));
      }
    }
  }
  for (const short of [0x00, 0x05, 0x7f]) inputs.push(Uint8Array.of(short));

  for (const mode of ['strict', 'lenient'] as const) {
    it(`${mode}: value, offset and error (kind, offset, details) match for ${inputs.length} inputs`, () => {
      for (const bytes of inputs) {
        const want = referenceLength(bytes, mode === 'strict');
        const label = `${mode} ${Buffer.from(bytes).toString('hex') || '(empty)'}`;
        const reader = () => new OerReader(bytes, { mode });
        if ('value' in want) {
          const big = reader();
          assert.equal(big.readLengthDeterminantBigInt('l'), want.value, label);
          assert.equal(big.offset, want.next, label);
          if (want.value > BigInt(Number.MAX_SAFE_INTEGER)) {
            assertCodecError(() => reader().readLengthDeterminant('l'), { kind: 'LengthTooLarge', field: 'l', offset: 0, details: { length: want.value.toString() } });
          } else {
            const num = reader();
            assert.equal(num.readLengthDeterminant('l'), Number(want.value), label);
            assert.equal(num.offset, want.next, label);
          }
        } else {
          for (const read of [(r: OerReader) => r.readLengthDeterminant('l'), (r: OerReader) => r.readLengthDeterminantBigInt('l')]) {
            assertCodecError(() => read(reader()), { kind: want.kind as 'Truncated', field: 'l', offset: want.offset, details: want.details });
          }
        }
      }
    });
  }

  it('reads the largest 6-byte length and the smallest 7-byte one exactly', () => {
    assert.equal(strict('86ffffffffffff').readLengthDeterminant('l'), 2 ** 48 - 1);
    assert.equal(strict('8701000000000000').readLengthDeterminant('l'), 2 ** 48);
    assert.equal(strict('871fffffffffffff').readLengthDeterminant('l'), Number.MAX_SAFE_INTEGER);
    assertCodecError(() => strict('8720000000000000').readLengthDeterminant('l'), { kind: 'LengthTooLarge', offset: 0, details: { length: '9007199254740992' } });
  });
});

describe('OER variable-length octet strings (OER-011)', () => {
  it('reads a view of the bytes and moves past them', () => {
    const r = strict('03 aabbcc dd');
    assert.equal(Buffer.from(r.readVarOctetString('v')).toString('hex'), 'aabbcc');
    assert.equal(r.offset, 4);
  });

  it('zero bytes give one shared frozen empty Buffer; other lengths give views into the input', () => {
    const input = hex('00 02 aabb 00');
    const r = strict(input);
    const empty = r.readVarOctetString('v');
    const view = r.readVarOctetString('v');
    assert.equal(empty.length, 0);
    assert.ok(Buffer.isBuffer(empty) && Object.isFrozen(empty));
    assert.equal(r.readVarOctetString('v'), empty);
    assert.equal(view.buffer, input.buffer);
    assert.equal(view.byteOffset, input.byteOffset + 2);
    assert.equal(r.offset, 5);
  });

  it('Truncated when the announced content is missing (84ffffffff)', () => {
    assertCodecError(() => strict('84ffffffff').readVarOctetString('v'), { kind: 'Truncated', field: 'v', offset: 5, details: { needed: 4294967295, available: 0 } });
  });

  it('enforces a maximum with the caller-chosen kind', () => {
    const at = new OerWriter().writeVarOctetString(new Uint8Array(5)).toBytes();
    assertCodecError(() => strict(at).readVarOctetString('data', 4, 'DataTooLong'), { kind: 'DataTooLong', field: 'data', offset: 0, details: { length: 5, max: 4 } });
    assert.equal(strict(at).readVarOctetString('data', 5).length, 5);
  });
});

describe('OER enclosed VarOctetString', () => {
  it('writes the same bytes as writeVarOctetString, short (one-byte length) and long form', () => {
    for (const n of [0, 1, 127, 128, 300]) {
      const bytes = new Uint8Array(n).map((_, i) => i % 251);
      const enclosed = new OerWriter(4).writeUInt8(9).writeEnclosed((w) => w.writeOctets(bytes)).writeUInt8(7).toBytes();
      const plain = new OerWriter().writeUInt8(9).writeVarOctetString(bytes).writeUInt8(7).toBytes();
      assert.deepEqual(Buffer.from(enclosed), Buffer.from(plain), `length ${n}`);
    }
  });
});

describe('OER VarUInt (OER-012)', () => {
  it('writes minimal big-endian bytes (0 is 01 00, 258 is 02 01 02)', () => {
    const w = new OerWriter().writeVarUInt(0).writeVarUInt(258).writeVarUInt(18446744073709551615n);
    assert.equal(Buffer.from(w.toBytes()).toString('hex'), '0100' + '020102' + '08ffffffffffffffff');
  });

  it('writes each width at its edges (the four-byte fast path and the long one agree with the reader)', () => {
    assert.equal(Buffer.from(new OerWriter().writeVarUInt(0xffffff).writeVarUInt(0x1000000).writeVarUInt(0xffffffff).writeVarUInt(0x100000000).toBytes()).toString('hex'),
      '03ffffff' + '0401000000' + '04ffffffff' + '050100000000');
  });

  it('round-trips 1..8 byte values', () => {
    for (const v of [0n, 1n, 255n, 256n, 65536n, 2n ** 24n - 1n, 2n ** 24n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 48n + 5n, 2n ** 56n, 2n ** 64n - 1n]) {
      assert.equal(strict(new OerWriter().writeVarUInt(v).toBytes()).readVarUInt('v'), v);
    }
  });

  it('strict refuses a leading zero byte; lenient reads it', () => {
    assertCodecError(() => strict('020001').readVarUInt('count'), { kind: 'NonCanonicalVarUInt', field: 'count', offset: 0 });
    assert.equal(lenient('020001').readVarUInt('count'), 1n);
  });

  it('refuses zero length and more than 8 bytes in both modes', () => {
    assertCodecError(() => lenient('00').readVarUInt('v'), { kind: 'ValueOutOfRange', field: 'v', offset: 0, details: { bytes: 0 } });
    assertCodecError(() => lenient('09010203040506070809').readVarUInt('v'), { kind: 'ValueOutOfRange', field: 'v', offset: 0, details: { bytes: 9, max: 8 } });
  });
});

describe('OER strings', () => {
  it('readIa5 names the offset of the first byte above 0x7f', () => {
    assertCodecError(() => strict('7477ff').readIa5(3, 'code'), { kind: 'InvalidIa5', field: 'code', offset: 2, details: { byte: 'ff' } });
    assert.equal(strict('7477 7f').readIa5(3, 'code'), 'tw\x7f');
  });

  it('readVarUtf8 decodes multibyte text and refuses malformed UTF-8 at the bad byte', () => {
    const ok = new OerWriter().writeVarUtf8('prix: 5 €').toBytes();
    assert.equal(strict(ok).readVarUtf8('message'), 'prix: 5 €');
    assertCodecError(() => strict('04 6162 c328').readVarUtf8('message'), { kind: 'InvalidUtf8', field: 'message', offset: 3 });
    assertCodecError(() => lenient('01 ff').readVarUtf8('message'), { kind: 'InvalidUtf8', field: 'message', offset: 1 });
  });

  it('readVarUtf8 slices ASCII from the middle of the input and keeps absolute offsets in errors', () => {
    const r = strict('ffff 03 616263 02 c3a9 00 05 6162');
    r.offset = 2;
    assert.equal(r.readVarUtf8('message'), 'abc');
    assert.equal(r.readVarUtf8('message'), 'é');
    assert.equal(r.readVarUtf8('message'), '');
    assertCodecError(() => r.readVarUtf8('message'), { kind: 'Truncated', field: 'message', offset: 11, details: { needed: 5, available: 2 } });
    const skip = strict('ee 04 61 62 63 80');
    skip.offset = 1;
    assertCodecError(() => skip.readVarUtf8('message'), { kind: 'InvalidUtf8', field: 'message', offset: 5 });
    assertCodecError(() => strict('04 61626364').readVarUtf8('message', 3, 'MessageTooLong'), { kind: 'MessageTooLong', field: 'message', offset: 0, details: { length: 4, max: 3 } });
  });

  it('writeIa5 refuses non-ASCII', () => {
    assertCodecError(() => new OerWriter().writeIa5('aé', 'code'), { kind: 'InvalidIa5', field: 'code', offset: -1, details: { index: 1 } });
  });
});

describe('OerReader bookkeeping', () => {
  it('enter() narrows to a nested value and TrailingBytes reports what is left', () => {
    const r = strict('02 aabb cc');
    const length = r.readLengthDeterminant('contents');
    const after = r.enter(length, 'contents');
    assert.equal(after, 4);
    r.readOctets(1, 'x');
    assertCodecError(() => r.expectEnd('contents'), { kind: 'TrailingBytes', field: 'contents', offset: 2, details: { count: 1 } });
    assertCodecError(() => r.readOctets(2, 'y'), { kind: 'Truncated', field: 'y', offset: 2, details: { needed: 2, available: 1 } });
  });

  it('the writer grows past its initial size', () => {
    const w = new OerWriter(1);
    for (let i = 0; i < 300; i++) w.writeUInt8(i % 256);
    assert.equal(w.size, 300);
    assert.equal(w.toBytes()[299], 299 % 256);
  });

  it('writeUInt8 lands in the grown buffer when it is the write that grows it', () => {
    // Found by the ILPv1 Payment encoder: a 256-byte data field filled the buffer exactly, and the extensions
    // byte after it went into the buffer the writer had just replaced.
    const w = new OerWriter(4);
    w.writeOctets(new Uint8Array([1, 2, 3, 4]));
    w.writeUInt8(0xab);
    assert.equal(Buffer.from(w.toBytes()).toString('hex'), '01020304ab');
  });
});

describe('OerWriter growth', () => {
  it('keeps a UInt8 written at the moment the buffer grows (found by the STREAM differential test)', () => {
    const w = new OerWriter(2).writeOctets(Uint8Array.from([1, 2])).writeUInt8(3).writeUInt8(4);
    assert.equal(Buffer.from(w.toBytes()).toString('hex'), '01020304');
  });
});
