/**
 * Words of the malformed-input steps (steps/malformed-input.steps.ts), turned into forge flaws and bytes:
 * plain functions, so unit tests reach them without Cucumber.
 */
import { randomBytes } from 'node:crypto';
import type { PrepareFlaw } from '../../lib/codec';

/** Data the spoiled Prepares carry, so that cutting 10 bytes off ends inside the data, past every other field. */
export const FLAWED_DATA_LENGTH = 32;

export function parsePrepareFlaw(text: string): PrepareFlaw {
  let m: RegExpExecArray | null;
  if ((m = /^cut short by (\d+) bytes?$/.exec(text))) return { kind: 'truncate', bytes: Number(m[1]) };
  if ((m = /^with type byte (\d+)$/.exec(text))) {
    const value = Number(m[1]);
    if (value > 255 || value === 12) throw new Error(`"${text}": a wrong type byte is 0-255 and not 12 (the Prepare's own)`);
    return { kind: 'type-byte', value };
  }
  if ((m = /^with (\d+) extra bytes? inside its envelope$/.exec(text))) return { kind: 'trailing-bytes', bytes: extraBytes(Number(m[1])), inside: true };
  if ((m = /^followed by (\d+) extra bytes?$/.exec(text))) return { kind: 'trailing-bytes', bytes: extraBytes(Number(m[1])) };
  if ((m = /^with its (envelope|destination|data) length in long form$/.exec(text))) {
    return { kind: 'non-canonical-length', where: m[1] as 'envelope' | 'destination' | 'data' };
  }
  throw new Error(`"${text}" is not a flaw this suite can forge into a Prepare`);
}

function extraBytes(count: number): Uint8Array {
  if (count < 1 || count > 1000) throw new Error(`${count} extra bytes: give 1 to 1000`);
  return new Uint8Array(randomBytes(count));
}

/** Garbage starts with 0xff: no ILP packet type, so no reading of it can find a Prepare. */
export function unreadableBody(text: string): Uint8Array {
  if (text === 'an empty body') return new Uint8Array();
  const m = /^(\d+) bytes of garbage$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 32767) throw new Error(`"${text}" is not an unreadable body this suite knows (an empty body, or 1-32767 bytes of garbage)`);
  const bytes = new Uint8Array(randomBytes(Number(m[1])));
  bytes[0] = 0xff;
  return bytes;
}
