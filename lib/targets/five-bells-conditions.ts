/**
 * PREIMAGE-SHA-256 crypto-conditions as the Five Bells Ledger API writes them (draft-thomas-crypto-conditions):
 * the condition is a URI naming the SHA-256 digest of the preimage, the fulfillment is the preimage wrapped
 * in DER. Pure; the digest is the same 32 bytes the native API sends as base64url, so translation loses nothing.
 *
 *   condition    ni:///sha-256;<base64url digest>?fpt=preimage-sha-256&cost=32
 *   fulfillment  A0 <len> 80 <len> <preimage>      (DER: context tag 0, constructed; context tag 0, primitive)
 */

/** The cost the suite writes: the preimage length every ILP condition has (32 bytes). */
export const CONDITION_COST = 32;

const CONDITION_URI = /^ni:\/\/\/sha-256;([A-Za-z0-9_-]{43})\?fpt=preimage-sha-256&cost=(\d+)$/;

/** The condition URI for a native condition (base64url SHA-256 digest). */
export function conditionUri(digestBase64url: string): string {
  return `ni:///sha-256;${digestBase64url}?fpt=preimage-sha-256&cost=${CONDITION_COST}`;
}

/** The base64url digest inside a condition URI, or undefined when it is not a PREIMAGE-SHA-256 URI. */
export function digestOfConditionUri(uri: string): string | undefined {
  return CONDITION_URI.exec(uri)?.[1];
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const digits: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) digits.unshift(rest % 256);
  return Buffer.from([0x80 | digits.length, ...digits]);
}

/** The base64url fulfillment carrying `preimage`. */
export function encodeFulfillment(preimage: Uint8Array): string {
  const inner = Buffer.concat([Buffer.from([0x80]), derLength(preimage.length), preimage]);
  return Buffer.concat([Buffer.from([0xa0]), derLength(inner.length), inner]).toString('base64url');
}

/** Reads one DER length at `at`: [length, bytes used], or undefined when malformed or past the end. */
function readLength(bytes: Buffer, at: number): [number, number] | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, 1];
  const count = first & 0x7f;
  if (count < 1 || count > 4 || at + count >= bytes.length) return undefined;
  return [bytes.readUIntBE(at + 1, count), 1 + count];
}

/** The preimage inside a base64url fulfillment, or why there is none. */
export function decodeFulfillment(text: string): { ok: true; preimage: Buffer } | { ok: false; reason: string } {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes[0] !== 0xa0) return { ok: false, reason: `fulfillment starts with 0x${(bytes[0] ?? 0).toString(16)}, not 0xa0 (PREIMAGE-SHA-256)` };
  const outer = readLength(bytes, 1);
  if (!outer || 1 + outer[1] + outer[0] !== bytes.length) return { ok: false, reason: 'fulfillment length does not match its bytes' };
  const at = 1 + outer[1];
  if (bytes[at] !== 0x80) return { ok: false, reason: 'fulfillment holds no preimage field (0x80)' };
  const inner = readLength(bytes, at + 1);
  if (!inner || at + 1 + inner[1] + inner[0] !== bytes.length) return { ok: false, reason: 'preimage length does not match the fulfillment' };
  return { ok: true, preimage: bytes.subarray(at + 1 + inner[1]) };
}
