/**
 * The FSPIOP v1.1 binary string formats of the ILP fields (API Definition 7.2.17, 7.3.17-7.3.19; the
 * OpenAPI definition's IlpPacket, IlpCondition, IlpFulfilment):
 *
 *   ilpPacket   BinaryString    ^[A-Za-z0-9-_]+[=]{0,2}$, 1..32768 characters (base64url, padding allowed)
 *   condition   BinaryString32  ^[A-Za-z0-9-_]{43}$ (32 bytes, base64url without padding)
 *   fulfilment  BinaryString32  the same
 *
 * Each check returns why a value breaks its format, or undefined; `decode*` return the bytes or throw
 * FspiopFormatError naming the field. Pure: no I/O.
 */

export const MAX_ILP_PACKET_CHARACTERS = 32768;
const BINARY_STRING = /^[A-Za-z0-9\-_]+={0,2}$/;
const BINARY_STRING_32 = /^[A-Za-z0-9\-_]{43}$/;

export class FspiopFormatError extends Error {
  override readonly name = 'FspiopFormatError';
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

function firstBadCharacter(text: string): string {
  const i = [...text].findIndex((c) => !/[A-Za-z0-9\-_=]/.test(c));
  return i < 0 ? 'padding "=" before the end or more than two of it' : `character ${JSON.stringify([...text][i])} at index ${i} is not base64url`;
}

/** Why `value` is not an FSPIOP IlpPacket (BinaryString, 1..32768 characters), or undefined. */
export function ilpPacketFormatProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `not a string (${value === null ? 'null' : typeof value})`;
  if (value.length === 0) return 'empty (1..32768 characters)';
  if (value.length > MAX_ILP_PACKET_CHARACTERS) return `${value.length} characters (at most ${MAX_ILP_PACKET_CHARACTERS})`;
  if (!BINARY_STRING.test(value)) return firstBadCharacter(value);
  if (value.replace(/=+$/, '').length % 4 === 1) return `${value.length} characters cannot be whole bytes in base64url`;
  return undefined;
}

/** Why `value` is not an FSPIOP BinaryString32 (IlpCondition, IlpFulfilment), or undefined. */
export function binaryString32Problem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `not a string (${value === null ? 'null' : typeof value})`;
  if (BINARY_STRING_32.test(value)) return undefined;
  if (value.length !== 43) return `${value.length} characters (exactly 43: 32 bytes in base64url without padding)`;
  return firstBadCharacter(value);
}

export function decodeIlpPacketField(value: unknown, field = 'ilpPacket'): Uint8Array {
  const problem = ilpPacketFormatProblem(value);
  if (problem) throw new FspiopFormatError(field, problem);
  return Buffer.from((value as string).replace(/=+$/, ''), 'base64url');
}

export function decodeBinaryString32(value: unknown, field: string): Uint8Array {
  const problem = binaryString32Problem(value);
  if (problem) throw new FspiopFormatError(field, problem);
  return Buffer.from(value as string, 'base64url');
}

/** Bytes as FSPIOP writes them: base64url without padding. */
export function toBinaryString(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}
