/**
 * Interledger timestamps (IL-RFC 30 "Fixed-length Timestamps" and "Variable-length Timestamps").
 *
 * Fixed-length (ILPv4 Prepare `expiresAt`, TS-001..006): exactly 17 ASCII digits, UTC, no separators,
 * written as a fixed 17-byte field with no length prefix:
 *
 *   Y Y Y Y M M D D H H m m S S f f f        e.g. 2017-12-24T16:14:32.279Z -> "20171224161432279"
 *   0     3 4 5 6 7 8 9 ...         16
 *
 * Variable-length (GeneralizedTime, BTP; TS-007): `YYYYMMDDHHmmSS[.f{1,3}]Z` inside a VarOctetString,
 * no trailing zeros in the fraction, no fraction at all when it is zero, `Z` required, `.` as the mark.
 *
 * Decoders check every field by digit arithmetic and refuse impossible dates (month 13, day 32, Feb 30,
 * hour 24, second 60 in the fixed form, ...). They never roll a bad date over into a valid one (ilp-packet
 * >= 3.0.8 does; see the catalog, TS-005). Years 0000..9999 are representable.
 *
 * 2017 GeneralizedTime (ILPv1 Error `triggeredAt`, ILQP `expiresAt`; TS-L01, ERR-L04, QUOTE-004): also inside a
 * VarOctetString, but always `YYYYMMDDHHmmSS.fffZ`, exactly three fraction digits (trailing zeros kept, which
 * the RFC 30 form forbids) and `Z`; 19 characters. ilp-packet 1.x/2.x read only this shape (IMPL-010).
 *
 *   2 0 1 7 0 3 2 4 0 2 0 0 1 6 . 1 6 0 Z      e.g. 2017-03-24T02:00:16.160Z
 *   0       4   6   8  10  12  14    18
 *
 * Leap seconds (TS-006, RFC 30 contradicts itself): the fixed form refuses second 60 (UTC-SLS smearing
 * means it never appears on the wire). The variable form accepts 60 as RFC 30 requires, only at 23:59:60
 * (the one place UTC inserts a leap second); a JS Date cannot hold it, so it decodes to the POSIX instant,
 * i.e. 00:00:00.fff of the next day.
 */
import { CodecError } from './errors';

export const ILP_TIMESTAMP_LENGTH = 17;

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1..12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Range-checks calendar fields and returns epoch milliseconds; `at` is the offset of the first character
 * of the text (or -1). Positional arguments keep the hot path free of allocations.
 */
function fieldsToTime(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
  field: string, at: number, allowLeapSecond: boolean,
): number {
  if (month < 1 || month > 12) badField(`month ${pad2(month)} out of range`, field, at, 4);
  if (day < 1 || day > daysInMonth(year, month)) badField(`day ${pad2(day)} out of range for ${year}-${pad2(month)}`, field, at, 6);
  if (hour > 23) badField(`hour ${pad2(hour)} out of range (midnight is 00 of the next day)`, field, at, 8);
  if (minute > 59) badField(`minute ${pad2(minute)} out of range`, field, at, 10);
  if (second > 59 && !(allowLeapSecond && second === 60 && hour === 23 && minute === 59)) {
    badField(`second ${pad2(second)} out of range`, field, at, 12);
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

function badField(reason: string, field: string, at: number, index: number): never {
  throw new CodecError('InvalidTimestamp', field, at < 0 ? -1 : at + index, { reason });
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const scratch = new Uint8Array(ILP_TIMESTAMP_LENGTH);

/**
 * Decodes the 17 bytes at `offset` of `bytes` (the Prepare's expiresAt field). `errorOffset` is the absolute
 * offset reported in errors (defaults to `offset`).
 */
export function decodeIlpTimestampBytes(bytes: Uint8Array, offset: number, field = 'expiresAt', errorOffset = offset): Date {
  for (let i = 0; i < ILP_TIMESTAMP_LENGTH; i++) {
    const c = bytes[offset + i];
    if (c < 0x30 || c > 0x39) {
      throw new CodecError('InvalidTimestamp', field, errorOffset < 0 ? -1 : errorOffset + i, {
        reason: `byte ${i} is not a digit (0x${(c ?? 0).toString(16).padStart(2, '0')})`,
      });
    }
  }
  const b = bytes;
  const o = offset;
  return new Date(fieldsToTime(
    (b[o] - 0x30) * 1000 + (b[o + 1] - 0x30) * 100 + (b[o + 2] - 0x30) * 10 + (b[o + 3] - 0x30),
    (b[o + 4] - 0x30) * 10 + (b[o + 5] - 0x30),
    (b[o + 6] - 0x30) * 10 + (b[o + 7] - 0x30),
    (b[o + 8] - 0x30) * 10 + (b[o + 9] - 0x30),
    (b[o + 10] - 0x30) * 10 + (b[o + 11] - 0x30),
    (b[o + 12] - 0x30) * 10 + (b[o + 13] - 0x30),
    (b[o + 14] - 0x30) * 100 + (b[o + 15] - 0x30) * 10 + (b[o + 16] - 0x30),
    field, errorOffset, false,
  ));
}

/** Decodes a 17-digit ILPv4 timestamp string (TS-005). */
export function decodeIlpTimestamp(text: string, field = 'expiresAt', offset = -1): Date {
  if (text.length !== ILP_TIMESTAMP_LENGTH) {
    throw new CodecError('InvalidTimestamp', field, offset, { reason: `length ${text.length}, expected 17 digits`, text });
  }
  for (let i = 0; i < ILP_TIMESTAMP_LENGTH; i++) {
    const c = text.charCodeAt(i);
    scratch[i] = c > 0xff ? 0 : c;
  }
  return decodeIlpTimestampBytes(scratch, 0, field, offset);
}

/** UTC calendar fields of the last timeToFields call: year, month, day, hour, minute, second, ms. */
const fields = new Int32Array(7);

/** Splits epoch milliseconds into UTC calendar fields (Howard Hinnant's civil-from-days), into `fields`. */
function timeToFields(time: number): Int32Array {
  const days = Math.floor(time / MS_PER_DAY);
  let rest = time - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  fields[0] = year;
  fields[1] = month;
  fields[2] = day;
  fields[3] = hour;
  fields[4] = minute;
  fields[5] = second;
  fields[6] = rest - second * 1000;
  return fields;
}

function checkedFields(date: Date, field: string): Int32Array {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new CodecError('InvalidTimestamp', field, -1, { reason: 'not a valid Date' });
  const f = timeToFields(time);
  if (f[0] < 0 || f[0] > 9999) throw new CodecError('InvalidTimestamp', field, -1, { reason: `year ${f[0]} outside 0000..9999` });
  return f;
}

/** Writes the 17 digits for `date` at `offset` (fast path for packet encoders); returns the next offset. */
export function writeIlpTimestampAt(buf: Uint8Array, offset: number, date: Date, field = 'expiresAt'): number {
  const f = checkedFields(date, field);
  const y = f[0];
  buf[offset] = 0x30 + Math.floor(y / 1000);
  buf[offset + 1] = 0x30 + (Math.floor(y / 100) % 10);
  buf[offset + 2] = 0x30 + (Math.floor(y / 10) % 10);
  buf[offset + 3] = 0x30 + (y % 10);
  write2(buf, offset + 4, f[1]);
  write2(buf, offset + 6, f[2]);
  write2(buf, offset + 8, f[3]);
  write2(buf, offset + 10, f[4]);
  write2(buf, offset + 12, f[5]);
  const ms = f[6];
  buf[offset + 14] = 0x30 + Math.floor(ms / 100);
  buf[offset + 15] = 0x30 + (Math.floor(ms / 10) % 10);
  buf[offset + 16] = 0x30 + (ms % 10);
  return offset + ILP_TIMESTAMP_LENGTH;
}

function write2(buf: Uint8Array, offset: number, v: number): void {
  buf[offset] = 0x30 + Math.floor(v / 10);
  buf[offset + 1] = 0x30 + (v % 10);
}

/** `YYYYMMDDHHmmSSfff` in UTC (TS-003). Sub-millisecond precision does not exist in a Date. */
export function encodeIlpTimestamp(date: Date, field = 'expiresAt'): string {
  const out = new Uint8Array(ILP_TIMESTAMP_LENGTH);
  writeIlpTimestampAt(out, 0, date, field);
  return String.fromCharCode(...out);
}

/** `YYYYMMDDHHmmSS[.f{1,3}]Z`, fraction without trailing zeros and left out when zero (RFC 30). */
export function encodeGeneralizedTime(date: Date, field = 'time'): string {
  const f = checkedFields(date, field);
  let text = String(f[0]).padStart(4, '0') + pad2(f[1]) + pad2(f[2]) + pad2(f[3]) + pad2(f[4]) + pad2(f[5]);
  if (f[6] !== 0) text += '.' + String(f[6]).padStart(3, '0').replace(/0+$/, '');
  return text + 'Z';
}

/** Decodes RFC 30 GeneralizedTime; refuses every form on RFC 30's invalid list (TS-007). */
export function decodeGeneralizedTime(text: string, field = 'time', offset = -1): Date {
  const bad = (reason: string, index: number): never => {
    throw new CodecError('InvalidTimestamp', field, offset < 0 ? -1 : offset + index, { reason, text });
  };
  const len = text.length;
  if (len < 15) bad(`too short (${len} characters)`, 0);
  for (let i = 0; i < 14; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) bad(`character ${i} is not a digit`, i);
  }
  if (text.charCodeAt(len - 1) !== 0x5a /* Z */) bad('must end in Z (UTC)', len - 1);
  let ms = 0;
  if (len !== 15) {
    if (text.charCodeAt(14) !== 0x2e /* . */) bad('character 14 must be "." or "Z"', 14);
    const digits = len - 16;
    if (digits < 1) bad('decimal point without a fraction', 14);
    if (digits > 3) bad('more than 3 fraction digits', 15);
    for (let i = 15; i < len - 1; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) bad(`character ${i} is not a digit`, i);
      ms = ms * 10 + (c - 0x30);
    }
    if (text.charCodeAt(len - 2) === 0x30) bad('trailing zero in the fraction', len - 2);
    ms *= digits === 1 ? 100 : digits === 2 ? 10 : 1;
  }
  const n = (i: number): number => text.charCodeAt(i) - 0x30;
  return new Date(fieldsToTime(
    n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3), n(4) * 10 + n(5), n(6) * 10 + n(7),
    n(8) * 10 + n(9), n(10) * 10 + n(11), n(12) * 10 + n(13), ms,
    field, offset, true,
  ));
}

export const LEGACY_GENERALIZED_TIME_LENGTH = 19;

/** 2017 GeneralizedTime: `YYYYMMDDHHmmSS.fffZ`, three fraction digits even when zero, UTC (TS-L01). */
export function encodeLegacyGeneralizedTime(date: Date, field = 'time'): string {
  const f = checkedFields(date, field);
  return String(f[0]).padStart(4, '0') + pad2(f[1]) + pad2(f[2]) + pad2(f[3]) + pad2(f[4]) + pad2(f[5])
    + '.' + String(f[6]).padStart(3, '0') + 'Z';
}

/**
 * Reads 2017 GeneralizedTime. Refuses every other shape (the RFC 30 forms without a fraction or with one or
 * two digits, a zone offset, a missing Z) and impossible dates; second 60 too, as the 2017 text and
 * ilp-packet knew no leap second. `offset` is where the text starts (or -1).
 */
export function decodeLegacyGeneralizedTime(text: string, field = 'time', offset = -1): Date {
  const bad = (reason: string, index: number): never => {
    throw new CodecError('InvalidTimestamp', field, offset < 0 ? -1 : offset + index, { reason, text: text.slice(0, 40) });
  };
  if (text.length !== LEGACY_GENERALIZED_TIME_LENGTH) bad(`${text.length} characters; the 2017 form YYYYMMDDHHmmSS.fffZ has 19`, 0);
  for (let i = 0; i < 18; i++) {
    const c = text.charCodeAt(i);
    if (i === 14 ? c !== 0x2e /* . */ : c < 0x30 || c > 0x39) bad(i === 14 ? 'character 14 must be "."' : `character ${i} is not a digit`, i);
  }
  if (text.charCodeAt(18) !== 0x5a /* Z */) bad('must end in Z (UTC)', 18);
  const n = (i: number): number => text.charCodeAt(i) - 0x30;
  return new Date(fieldsToTime(
    n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3), n(4) * 10 + n(5), n(6) * 10 + n(7),
    n(8) * 10 + n(9), n(10) * 10 + n(11), n(12) * 10 + n(13), n(15) * 100 + n(16) * 10 + n(17),
    field, offset, false,
  ));
}
