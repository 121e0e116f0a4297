/**
 * The transformers behind the shared parameter types (steps/parameter-types.ts), kept free of Cucumber so
 * table builders and unit tests can use them. Each returns a checked value or throws a sentence that names
 * the bad word.
 */
import { ERROR_CODES, checkIlpAddress } from '../../lib/codec';

/** A non-negative integer of any size; underscores may group digits (`1_000_000`). */
export function parseUnsigned(text: string, what: string): bigint {
  const trimmed = text.trim();
  if (!/^\d+(?:_\d+)*$/.test(trimmed)) {
    const why = trimmed.startsWith('-')
      ? 'it is negative'
      : /^\d+\.\d+$/.test(trimmed)
        ? 'it has a fraction; write whole base units'
        : 'it is not a whole number written in digits';
    throw new Error(`"${text}" is not a valid ${what}: ${why}`);
  }
  return BigInt(trimmed.replace(/_/g, ''));
}

/** An ILP amount: whole base units, 0 up to any size. Range (UInt64) is the codec's to judge, not the step's. */
export function parseAmount(text: string): bigint {
  return parseUnsigned(text, 'amount');
}

/** An error code from the RFC 27 table, written upper case. Unassigned codes are refused with the table's ranges. */
export function parseErrorCode(text: string): string {
  if (text !== text.toUpperCase()) {
    throw new Error(`"${text}" is not written as an ILP error code: use upper case, as in ${text.toUpperCase()}`);
  }
  if (!Object.prototype.hasOwnProperty.call(ERROR_CODES, text)) {
    const assigned = Object.keys(ERROR_CODES).join(', ');
    throw new Error(`"${text}" is not an assigned ILP error code (RFC 27 assigns ${assigned})`);
  }
  return text;
}

/** An address valid under RFC 15 (v2). Invalid candidates belong in `{string}` steps that check addresses. */
export function parseAddress(text: string): string {
  const verdict = checkIlpAddress(text);
  if (!verdict.valid) throw new Error(`${JSON.stringify(text)} is not a valid ILP address (RFC 15): ${verdict.reason}`);
  return text;
}

const MS_PER_UNIT: Readonly<Record<string, number>> = {
  ms: 1, millisecond: 1, milliseconds: 1, s: 1000, second: 1000, seconds: 1000, min: 60_000, minute: 60_000, minutes: 60_000,
};

/** A duration in milliseconds; fractions must come out as whole milliseconds. */
export function parseDuration(value: string, unit: string): number {
  const perUnit = MS_PER_UNIT[unit];
  if (perUnit === undefined) throw new Error(`"${value} ${unit}" is not a duration: unknown unit "${unit}" (use ms, seconds or minutes)`);
  const ms = Math.round(Number(value) * perUnit * 1000) / 1000;
  if (!Number.isInteger(ms)) throw new Error(`"${value} ${unit}" is not a whole number of milliseconds`);
  return ms;
}

/**
 * An ISO-8601 date-time with a zone. Every field is range-checked (February 30 is refused, not rolled over
 * into March as `Date.parse` would); `24:00:00.000` means the end of that day. Fractions beyond milliseconds
 * are truncated, as a JavaScript Date keeps milliseconds only.
 */
export function parseInstant(text: string): Date {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|([+-])(\d\d):?(\d\d))$/.exec(text);
  if (!m) throw new Error(`"${text}" is not an ISO-8601 date-time with a zone, e.g. 2017-12-24T16:14:32.279Z`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? '0');
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  const bad = (what: string) => new Error(`"${text}" is not a real instant: ${what}`);
  if (month < 1 || month > 12) throw bad(`month ${month}`);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day < 1 || day > daysInMonth) throw bad(`day ${day} of a month with ${daysInMonth} days`);
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || ms !== 0))) throw bad(`hour ${hour}`);
  if (minute > 59) throw bad(`minute ${minute}`);
  if (second > 59) throw bad(`second ${second} (a JavaScript Date cannot hold a leap second)`);
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) throw bad(`zone offset ${m[8]}`);
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0..99 as 1900..1999
  date.setUTCHours(hour, minute, second, ms);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

/** Hex bytes; spaces are allowed between bytes. */
export function parseHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (!/^(?:[0-9A-Fa-f]{2})*$/.test(digits)) {
    throw new Error(`"${text}" is not hex bytes: ${digits.length % 2 === 1 ? 'an odd number of hex digits' : 'it has a character that is not a hex digit'}`);
  }
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

/**
 * Bytes from a doc string laid out like an RFC byte diagram: hex with any spacing, one field per line,
 * and `#` starting a note that runs to the end of its line.
 */
export function parseAnnotatedHex(docString: string): Uint8Array {
  const lines = docString.split('\n');
  const hex = lines.map((line) => line.replace(/#.*$/, '')).join(' ');
  try {
    return parseHex(hex);
  } catch (error) {
    const bad = lines.findIndex((line) => !/^[\s0-9A-Fa-f]*$/.test(line.replace(/#.*$/, '')));
    const where = bad >= 0 ? ` (line ${bad + 1}: ${JSON.stringify(lines[bad])})` : '';
    throw new Error(`the doc string is not annotated hex${where}: ${(error as Error).message}`);
  }
}
