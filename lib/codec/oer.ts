/**
 * Octet Encoding Rules as Interledger uses them (IL-RFC 30). Pure: no I/O, no clocks.
 *
 * Fixed-size unsigned integers (OER-004), big-endian, exactly N/8 bytes:
 *   UInt8  [b0]            UInt16 [b0 b1]           UInt32 [b0 b1 b2 b3]      UInt64 [b0 .. b7]
 *
 * Length determinant (OER-007..010):
 *   short form, length 0..127     +----------+
 *                                 | 0lllllll |
 *                                 +----------+
 *   long form, length >= 128      +----------+----------+-----+----------+
 *                                 | 1nnnnnnn | L1 (msb) | ... | Ln (lsb) |   n = 1..8 length bytes,
 *                                 +----------+----------+-----+----------+   big-endian, L1 != 0
 *   0x80 (n = 0) is the BER "indefinite" form: never valid here.
 *   Canonical: short form below 128 (X.696; RFC 30's "< 127" wording leaves 127 open, OER-014: we read
 *   `81 7f` as non-canonical), no leading zero length bytes (OER-008).
 *
 * Variable-length octet string (OER-011):  length determinant | that many bytes
 * Variable-length unsigned integer (OER-012): length determinant | big-endian integer, no leading zero
 *   bytes (0 is `01 00`, 258 is `02 01 02`).
 *
 * Decoding is strict by default: every non-canonical form is refused. In lenient mode (RFC 27 lets a
 * receiver accept non-canonical input, OER-002) long-form lengths below 128, leading zero length bytes and
 * VarUInt leading zeros are accepted; indefinite lengths and truncation are refused in every mode.
 * Encoding is always canonical.
 *
 * Offsets in errors are absolute positions in the byte array the reader was given.
 */
import { CodecError } from './errors';
import type { DecodeMode } from './types';

export type UIntBits = 8 | 16 | 32 | 64;

export interface OerReaderOptions {
  readonly mode?: DecodeMode;
  /** First byte to read (default 0). */
  readonly start?: number;
  /** One past the last byte the reader may use (default: the end of `bytes`). */
  readonly end?: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/** Node's Buffer has these fast paths (used by toString/write) but @types/node does not declare them. */
interface Latin1Fast {
  latin1Slice(start: number, end: number): string;
  latin1Write(text: string, offset: number): number;
}

/** Bytes [start, end) as a string, one char per byte (fast; callers have checked the bytes are ASCII). */
export function latin1Slice(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as Latin1Fast).latin1Slice(start, end);
}

/** Writes one byte per char of ASCII `text` at `offset`; returns the number of bytes written. */
export function latin1Write(buf: Buffer, text: string, offset: number): number {
  return (buf as unknown as Latin1Fast).latin1Write(text, offset);
}

/** Wraps any Uint8Array as a Buffer view over the same memory (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type VarTooLongKind = 'DataTooLong' | 'MessageTooLong' | 'ValueOutOfRange';

/** What readVarOctetString returns for zero bytes: frozen, so no caller can tag or share state through it. */
export const EMPTY_BYTES: Buffer = Object.freeze(Buffer.alloc(0)) as Buffer;
const EMPTY = EMPTY_BYTES;

export class OerReader {
  readonly buffer: Buffer;
  readonly strict: boolean;
  /** One past the last readable byte; `enter` narrows it to a nested value's contents. */
  end: number;
  offset: number;

  constructor(bytes: Uint8Array, options: OerReaderOptions = {}) {
    this.buffer = asBuffer(bytes);
    this.strict = options.mode !== 'lenient'; // anything but an explicit 'lenient' is strict
    this.offset = options.start ?? 0;
    this.end = options.end ?? this.buffer.length;
    if (this.end > this.buffer.length || this.offset < 0 || this.offset > this.end) {
      throw new CodecError('ValueOutOfRange', 'reader', -1, { start: this.offset, end: this.end, size: this.buffer.length });
    }
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  get mode(): DecodeMode {
    return this.strict ? 'strict' : 'lenient';
  }

  /** A reader over the next `length` bytes (same absolute offsets); this reader moves past them. */
  narrow(length: number, field: string): OerReader {
    this.need(length, field);
    const sub = new OerReader(this.buffer, { mode: this.mode, start: this.offset, end: this.offset + length });
    this.offset += length;
    return sub;
  }

  /**
   * Narrows this reader to the next `length` bytes (e.g. a packet's contents) without a new object;
   * returns the previous end so the caller can check what follows.
   */
  enter(length: number, field: string): number {
    this.need(length, field);
    const previous = this.end;
    this.end = this.offset + length;
    return previous;
  }

  /** Throws Truncated unless `length` bytes remain. */
  need(length: number, field: string, at: number = this.offset): void {
    if (this.end - this.offset < length) {
      throw new CodecError('Truncated', field, at, { needed: length, available: this.end - this.offset });
    }
  }

  readUInt8(field = 'uint8'): number {
    if (this.offset >= this.end) this.need(1, field);
    return this.buffer[this.offset++];
  }

  /** Fixed-size unsigned integer as a bigint (full UInt64 range). */
  readUInt(bits: UIntBits, field = `uint${bits}`): bigint {
    if (bits === 64) {
      const at = this.offset;
      if (this.end - at < 8) this.need(8, field);
      this.offset = at + 8;
      const b = this.buffer;
      const hi = b[at] * 0x1000000 + (b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3]);
      const lo = b[at + 4] * 0x1000000 + (b[at + 5] << 16 | b[at + 6] << 8 | b[at + 7]);
      // Below 2^53 one number holds the value exactly; converting it once is much cheaper than shifting.
      if (hi < 0x200000) return BigInt(hi * 0x100000000 + lo);
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    return BigInt(this.readUIntNumber(bits, field));
  }

  /** Fixed-size unsigned integer as a number; a UInt64 above 2^53-1 is refused (ValueOutOfRange). */
  readUIntNumber(bits: UIntBits, field = `uint${bits}`): number {
    const at = this.offset;
    const size = bits >> 3;
    this.need(size, field);
    const b = this.buffer;
    let value: number;
    switch (bits) {
      case 8: value = b[at]; break;
      case 16: value = b.readUInt16BE(at); break;
      case 32: value = b.readUInt32BE(at); break;
      case 64: {
        const big = b.readBigUInt64BE(at);
        if (big > MAX_SAFE_BIG) throw new CodecError('ValueOutOfRange', field, at, { value: big.toString(), max: MAX_SAFE });
        value = Number(big);
        break;
      }
      default: throw new CodecError('ValueOutOfRange', field, at, { bits: String(bits) });
    }
    this.offset = at + size;
    return value;
  }

  /** Length determinant as a number. A length above 2^53-1 cannot describe any buffer: LengthTooLarge. */
  readLengthDeterminant(field: string): number {
    const at = this.offset;
    if (at >= this.end) this.need(1, field);
    const first = this.buffer[at];
    if (first < 0x80) {
      this.offset = at + 1;
      return first;
    }
    // Up to 6 length bytes (< 2^48) fit a number exactly: no BigInt on the common path.
    if (first <= 0x86) return this.readLongLengthNumber(field, at, first & 0x7f);
    const value = this.readLongLength(field, at, first);
    if (value > MAX_SAFE_BIG) throw new CodecError('LengthTooLarge', field, at, { length: value.toString() });
    return Number(value);
  }

  /** Length determinant as a bigint: the full range RFC 30 allows (up to 8 length bytes). */
  readLengthDeterminantBigInt(field: string): bigint {
    const at = this.offset;
    if (at >= this.end) this.need(1, field);
    const first = this.buffer[at];
    if (first < 0x80) {
      this.offset = at + 1;
      return BigInt(first);
    }
    if (first <= 0x86) return BigInt(this.readLongLengthNumber(field, at, first & 0x7f));
    return this.readLongLength(field, at, first);
  }

  /** Long form with `count` = 0..6 length bytes; the same checks and errors as readLongLength. */
  private readLongLengthNumber(field: string, at: number, count: number): number {
    if (count === 0) throw new CodecError('IndefiniteLength', field, at, { prefix: '80' });
    if (this.end - at - 1 < count) {
      throw new CodecError('Truncated', field, at + 1, { needed: count, available: this.end - at - 1 });
    }
    const b = this.buffer;
    let n = 0;
    for (let i = 1; i <= count; i++) n = n * 256 + b[at + i];
    if (this.strict && (n < 128 || b[at + 1] === 0)) this.nonCanonicalLength(field, at, count, String(n), n < 128);
    this.offset = at + 1 + count;
    return n;
  }

  /** Long form with 7 or 8 length bytes (a count above 8 is LengthTooLarge), as a bigint. */
  private readLongLength(field: string, at: number, first: number): bigint {
    const count = first & 0x7f;
    if (count > 8) throw new CodecError('LengthTooLarge', field, at, { lengthBytes: count, max: 8 });
    if (this.end - at - 1 < count) {
      throw new CodecError('Truncated', field, at + 1, { needed: count, available: this.end - at - 1 });
    }
    const b = this.buffer;
    let value = 0n;
    for (let i = 1; i <= count; i++) value = (value << 8n) | BigInt(b[at + i]);
    if (this.strict && (value < 128n || b[at + 1] === 0)) this.nonCanonicalLength(field, at, count, value.toString(), value < 128n);
    this.offset = at + 1 + count;
    return value;
  }

  private nonCanonicalLength(field: string, at: number, count: number, length: string, belowShortForm: boolean): never {
    const reason = belowShortForm ? 'short form required below 128' : 'leading zero length byte';
    throw new CodecError('NonCanonicalLength', field, at, { length, prefixBytes: count + 1, reason });
  }

  /** `n` raw bytes as a view into the input (no copy). */
  readOctets(n: number, field: string): Buffer {
    const at = this.offset;
    if (this.end - at < n) this.need(n, field);
    this.offset = at + n;
    return this.buffer.subarray(at, at + n);
  }

  /**
   * Length determinant then that many bytes, as a view into the input. `max` refuses longer ones.
   * Zero bytes give one shared, frozen empty Buffer (not a view), which saves an allocation per empty field.
   */
  readVarOctetString(field: string, max?: number, tooLong: VarTooLongKind = 'ValueOutOfRange'): Buffer {
    const start = this.readVarStart(field, max, tooLong);
    const end = this.offset;
    return end === start ? EMPTY : this.buffer.subarray(start, end);
  }

  /** Reads a length determinant, checks it against `max` and the bytes left, moves past the value; returns its start. */
  private readVarStart(field: string, max: number | undefined, tooLong: VarTooLongKind): number {
    const at = this.offset;
    const length = this.readLengthDeterminant(field);
    if (max !== undefined && length > max) throw new CodecError(tooLong, field, at, { length, max });
    const start = this.offset;
    if (this.end - start < length) {
      throw new CodecError('Truncated', field, start, { needed: length, available: this.end - start });
    }
    this.offset = start + length;
    return start;
  }

  /** Variable-length unsigned integer, at most `maxBytes` wide (default 8, UInt64). */
  readVarUInt(field: string, maxBytes = 8): bigint {
    const at = this.offset;
    const length = this.readLengthDeterminant(field);
    if (length === 0) throw new CodecError('ValueOutOfRange', field, at, { bytes: 0, reason: 'a VarUInt has at least one byte' });
    if (length > maxBytes) throw new CodecError('ValueOutOfRange', field, at, { bytes: length, max: maxBytes });
    const start = this.offset;
    if (this.end - start < length) {
      throw new CodecError('Truncated', field, start, { needed: length, available: this.end - start });
    }
    const b = this.buffer;
    if (this.strict && length > 1 && b[start] === 0) {
      throw new CodecError('NonCanonicalVarUInt', field, at, { bytes: length, reason: 'leading zero byte' });
    }
    this.offset = start + length;
    if (length <= 6) {
      let n = 0;
      for (let i = 0; i < length; i++) n = n * 256 + b[start + i];
      return BigInt(n);
    }
    let value = 0n;
    for (let i = 0; i < length; i++) value = (value << 8n) | BigInt(b[start + i]);
    return value;
  }

  /** `n` bytes of IA5String (7-bit ASCII); a byte >= 0x80 is InvalidIa5 at its own offset. */
  readIa5(n: number, field: string): string {
    const at = this.offset;
    if (this.end - at < n) this.need(n, field);
    const b = this.buffer;
    for (let i = at; i < at + n; i++) {
      if (b[i] > 0x7f) throw new CodecError('InvalidIa5', field, i, { byte: b[i].toString(16).padStart(2, '0') });
    }
    this.offset = at + n;
    return latin1Slice(b, at, at + n);
  }

  /** Length determinant then that many bytes of UTF-8; malformed UTF-8 is InvalidUtf8 in every mode. */
  readVarUtf8(field: string, max?: number, tooLong: 'MessageTooLong' | 'ValueOutOfRange' = 'ValueOutOfRange'): string {
    const start = this.readVarStart(field, max, tooLong);
    const end = this.offset;
    const b = this.buffer;
    let i = start;
    while (i < end && b[i] < 0x80) i++;
    // ASCII (the usual case) is sliced straight from the input; anything else goes through the strict decoder.
    if (i === end) return latin1Slice(b, start, end);
    return decodeUtf8(b.subarray(start, end), field, start);
  }

  /** Throws TrailingBytes when bytes remain (callers decide whether trailing bytes matter). */
  expectEnd(field: string): void {
    if (this.offset < this.end) {
      throw new CodecError('TrailingBytes', field, this.offset, { count: this.end - this.offset });
    }
  }
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decode; ASCII takes a fast path. `at` is the absolute offset of bytes[0]. */
export function decodeUtf8(bytes: Uint8Array, field: string, at: number): string {
  const n = bytes.length;
  let i = 0;
  while (i < n && bytes[i] < 0x80) i++;
  const buf = asBuffer(bytes);
  if (i === n) return latin1Slice(buf, 0, n);
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    throw new CodecError('InvalidUtf8', field, at + firstBadUtf8Byte(bytes, i), { reason: 'malformed UTF-8 sequence' });
  }
}

/** Index of the first byte that starts a malformed UTF-8 sequence (used only to locate an error). */
function firstBadUtf8Byte(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    const width = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (width === 0 || b > 0xf4) return i;
    try {
      fatalUtf8.decode(bytes.subarray(i, i + width));
    } catch {
      return i;
    }
    i += width;
  }
  return from;
}

/** Bytes a canonical length determinant for `length` takes. */
export function lengthDeterminantSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  if (length < 0x1000000) return 4;
  if (length < 0x100000000) return 5;
  return 1 + Math.ceil(Math.log2(length + 1) / 8);
}

/** Writes a canonical length determinant at `offset`; returns the offset after it. */
export function writeLengthDeterminantAt(buf: Uint8Array, offset: number, length: number): number {
  if (length < 0x80) {
    buf[offset] = length;
    return offset + 1;
  }
  const size = lengthDeterminantSize(length) - 1;
  buf[offset] = 0x80 | size;
  let v = length;
  for (let i = size; i >= 1; i--) {
    buf[offset + i] = v % 256;
    v = Math.floor(v / 256);
  }
  return offset + 1 + size;
}

const UINT_MAX: Record<UIntBits, bigint> = { 8: 0xffn, 16: 0xffffn, 32: 0xffffffffn, 64: 0xffffffffffffffffn };

/** Growable writer; every form it writes is canonical. */
export class OerWriter {
  private buf: Buffer;
  private length = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get size(): number {
    return this.length;
  }

  private reserve(n: number): number {
    const at = this.length;
    if (at + n > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, at + n));
      this.buf.copy(next, 0, 0, at);
      this.buf = next;
    }
    this.length = at + n;
    return at;
  }

  writeUInt(value: bigint | number, bits: UIntBits, field = `uint${bits}`): this {
    const v = typeof value === 'bigint' ? value : toBigIntChecked(value, field);
    if (v < 0n || v > UINT_MAX[bits]) throw new CodecError('ValueOutOfRange', field, -1, { value: v.toString(), bits });
    const at = this.reserve(bits >> 3);
    switch (bits) {
      case 8: this.buf[at] = Number(v); break;
      case 16: this.buf.writeUInt16BE(Number(v), at); break;
      case 32: this.buf.writeUInt32BE(Number(v), at); break;
      case 64: this.buf.writeBigUInt64BE(v, at); break;
    }
    return this;
  }

  writeUInt8(value: number, field = 'uint8'): this {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new CodecError('ValueOutOfRange', field, -1, { value: String(value), bits: 8 });
    // reserve() first: it may replace this.buf, and `this.buf[this.reserve(1)]` would read the old buffer before the call.
    const at = this.reserve(1);
    this.buf[at] = value;
    return this;
  }

  writeLengthDeterminant(length: number, field = 'length'): this {
    if (!Number.isSafeInteger(length) || length < 0) throw new CodecError('ValueOutOfRange', field, -1, { length: String(length) });
    const at = this.reserve(lengthDeterminantSize(length));
    writeLengthDeterminantAt(this.buf, at, length);
    return this;
  }

  writeOctets(bytes: Uint8Array): this {
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
    return this;
  }

  writeVarOctetString(bytes: Uint8Array, field = 'octets'): this {
    return this.writeLengthDeterminant(bytes.length, field).writeOctets(bytes);
  }

  /** A VarOctetString whose contents `write` appends in place, without building them in a buffer of their own. */
  writeEnclosed(write: (w: OerWriter) => void, field = 'octets'): this {
    const at = this.reserve(1);
    write(this);
    const length = this.length - at - 1;
    if (length < 0x80) {
      this.buf[at] = length;
      return this;
    }
    // A long form determinant takes more than the one byte held for it: write it again in front of a copy.
    const contents = Buffer.from(this.buf.subarray(at + 1, this.length));
    this.length = at;
    return this.writeVarOctetString(contents, field);
  }

  /** Minimal big-endian bytes behind a length determinant (0 is `01 00`). */
  writeVarUInt(value: bigint | number, field = 'varuint'): this {
    let v = typeof value === 'bigint' ? value : toBigIntChecked(value, field);
    if (v < 0n) throw new CodecError('ValueOutOfRange', field, -1, { value: v.toString() });
    if (v <= 0xffffffffn) {
      // Up to four bytes (sequences, amounts and limits mostly are): number arithmetic, no byte list.
      const n = Number(v);
      const size = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
      const at = this.reserve(1 + size);
      this.buf[at] = size;
      this.buf.writeUIntBE(n, at + 1, size);
      return this;
    }
    const bytes: number[] = [];
    do {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    this.writeLengthDeterminant(bytes.length, field);
    const at = this.reserve(bytes.length);
    for (let i = 0; i < bytes.length; i++) this.buf[at + i] = bytes[i];
    return this;
  }

  /** ASCII text byte for byte; a character above 0x7f is InvalidIa5. */
  writeIa5(text: string, field = 'ia5'): this {
    const at = this.reserve(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) {
        this.length = at;
        throw new CodecError('InvalidIa5', field, -1, { index: i, char: c.toString(16) });
      }
      this.buf[at + i] = c;
    }
    return this;
  }

  writeVarIa5(text: string, field = 'ia5'): this {
    this.writeLengthDeterminant(text.length, field);
    return this.writeIa5(text, field);
  }

  writeVarUtf8(text: string, field = 'utf8'): this {
    return this.writeVarOctetString(Buffer.from(text, 'utf8'), field);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    const out = Buffer.allocUnsafe(this.length);
    this.buf.copy(out, 0, 0, this.length);
    return out;
  }
}

function toBigIntChecked(value: number, field: string): bigint {
  if (!Number.isSafeInteger(value)) throw new CodecError('ValueOutOfRange', field, -1, { value: String(value), reason: 'not a safe integer' });
  return BigInt(value);
}
