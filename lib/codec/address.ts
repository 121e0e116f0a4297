/**
 * ILP addresses (IL-RFC 15; catalog §1 ADDR and §1.1 ADDR-L).
 *
 * Current rules (RFC 15 v2.0.0, `rules: 'rfc15'`, the default):
 *
 *   address   = scheme 1*( "." segment )                  total length 1..1023 (ADDR-006)
 *   scheme    = g / private / example / peer / self / test / test1 / test2 / test3 / local   (ADDR-002)
 *   segment   = 1*( A-Z / a-z / 0-9 / "_" / "~" / "-" )   case-sensitive (ADDR-003, ADDR-004)
 *
 *   so `g.a` is the shortest address; `g`, `g.`, `g.a.`, `.g.a`, `g..a`, `G.a`, `what.a` are not addresses.
 *
 * Legacy rules (`rules: 'legacy2017'`, RFC 15 v1.0.0 draft 2 of 2018-02-02; `legacyDraft: 1` for the July
 * 2017 draft 1, which lacks the `test` scheme). Its three regular expressions are implemented by the same
 * scanner:
 *   any          scheme "." *( segment "." ) [ segment ]      (so `g.` is valid: the shortest prefix)
 *   prefix       any, ending in "."                          (ADDR-L01: a ledger or group of accounts)
 *   destination  any, not ending in ".", >= 2 segments after the scheme (ADDR-L03: `g.alice` is none)
 * The v1 schemes are g, private, example, peer, self, test1-3 and (draft 2) test; `local` sits in the v1
 * scheme table but not in its grammar, and the grammar wins (ADDR-L04).
 *
 * Mojaloop-era allocations such as `private.l1p.<country>.<dfsp>` (Level One Project hubs) need no rule of
 * their own: they are ordinary `private.` addresses, valid under both rule sets, and under legacy2017 they
 * classify as destinations (three segments after the scheme) or, with a trailing dot, as prefixes.
 *
 * The scanners work on char codes with a precomputed table (no regular expressions): addresses are checked
 * on every packet the reference connector decodes and encodes.
 */

export const ADDRESS_SCHEMES = ['g', 'private', 'example', 'peer', 'self', 'test', 'test1', 'test2', 'test3', 'local'] as const;
export type AddressScheme = (typeof ADDRESS_SCHEMES)[number];
export const MAX_ADDRESS_LENGTH = 1023;

export type AddressRules = 'rfc15' | 'legacy2017';
export type LegacyAddressKind = 'destination' | 'prefix' | 'other';

export interface AddressCheckOptions {
  readonly rules?: AddressRules;
  /** Only with legacy2017: which 2017 draft's scheme list (default 2, which added `test`). */
  readonly legacyDraft?: 1 | 2;
}

export type AddressCheck =
  | { readonly valid: true; readonly legacyKind?: LegacyAddressKind }
  | { readonly valid: false; readonly reason: string; readonly index: number };

/** Why an address is invalid; `index` is the character (or byte) position of the problem. */
export interface AddressProblem {
  readonly reason: string;
  readonly index: number;
}

const SEGMENT_CHAR = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) SEGMENT_CHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) SEGMENT_CHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) SEGMENT_CHAR[c] = 1;
SEGMENT_CHAR[0x5f] = 1; // _
SEGMENT_CHAR[0x7e] = 1; // ~
SEGMENT_CHAR[0x2d] = 1; // -
const DOT = 0x2e;

type SchemeSet = 'rfc15' | 'draft1' | 'draft2';
const SCHEMES: Record<SchemeSet, readonly Uint8Array[]> = {
  rfc15: ADDRESS_SCHEMES.map((s) => Buffer.from(s, 'latin1')),
  draft2: ADDRESS_SCHEMES.filter((s) => s !== 'local').map((s) => Buffer.from(s, 'latin1')),
  draft1: ADDRESS_SCHEMES.filter((s) => s !== 'local' && s !== 'test').map((s) => Buffer.from(s, 'latin1')),
};

function isScheme(bytes: Uint8Array, start: number, end: number, set: SchemeSet): boolean {
  const len = end - start;
  for (const scheme of SCHEMES[set]) {
    if (scheme.length !== len) continue;
    let i = 0;
    while (i < len && scheme[i] === bytes[start + i]) i++;
    if (i === len) return true;
  }
  return false;
}

function describe(c: number): string {
  return c >= 0x21 && c <= 0x7e ? JSON.stringify(String.fromCharCode(c)) : `0x${c.toString(16).padStart(2, '0')}`;
}

/**
 * Scans `bytes[start..end)`. Returns a problem, or for a well-formed address the number of segments after
 * the scheme times 2, plus 1 if it ends in a dot (a dot is accepted only where `allowTrailingDot`).
 */
function scan(bytes: Uint8Array, start: number, end: number, set: SchemeSet, allowTrailingDot: boolean): AddressProblem | number {
  const len = end - start;
  if (len === 0) return { reason: 'empty address', index: 0 };
  if (len > MAX_ADDRESS_LENGTH) return { reason: `length ${len} > ${MAX_ADDRESS_LENGTH}`, index: MAX_ADDRESS_LENGTH };
  let i = start;
  while (i < end && bytes[i] !== DOT) i++;
  if (!isScheme(bytes, start, i, set)) {
    const shown = Buffer.from(bytes.buffer, bytes.byteOffset + start, i - start).toString('latin1');
    return { reason: `scheme ${JSON.stringify(shown)} is not one of ${schemeList(set)}`, index: 0 };
  }
  if (i === end) return { reason: 'no segment after the scheme', index: len };
  // bytes[i] is the dot after the scheme
  let segments = 0;
  let segmentLength = 0;
  for (i = i + 1; i < end; i++) {
    const c = bytes[i];
    if (c === DOT) {
      if (segmentLength === 0) return { reason: `empty segment at index ${i - start}`, index: i - start };
      segments++;
      segmentLength = 0;
    } else if (SEGMENT_CHAR[c] === 1) {
      segmentLength++;
    } else {
      return { reason: `character ${describe(c)} at index ${i - start} is not allowed`, index: i - start };
    }
  }
  if (segmentLength > 0) return (segments + 1) * 2;
  // ends in a dot (or, for legacy `g.`, has no segment at all)
  if (allowTrailingDot) return segments * 2 + 1;
  return segments === 0
    ? { reason: 'no segment after the scheme (trailing dot)', index: len - 1 }
    : { reason: `trailing dot at index ${len - 1}`, index: len - 1 };
}

function schemeList(set: SchemeSet): string {
  return SCHEMES[set].map((s) => Buffer.from(s).toString('latin1')).join(', ');
}

/**
 * Addresses already found valid by the packet codec, with their bytes, so the next packet to or from the
 * same address (a connector's own triggeredBy, a busy destination) skips a second check and is copied as
 * bytes. Bounded: emptied when full. Holds only valid RFC 15 addresses (ASCII), as copies.
 */
const KNOWN_VALID = new Map<string, Uint8Array>();
const KNOWN_VALID_LIMIT = 4096;

export function knownAddressBytes(address: string): Uint8Array | undefined {
  return KNOWN_VALID.get(address);
}

export function rememberValidAddress(address: string): void {
  if (KNOWN_VALID.size >= KNOWN_VALID_LIMIT) KNOWN_VALID.clear();
  KNOWN_VALID.set(address, Buffer.from(address, 'latin1'));
}

/** RFC 15 check of address bytes in place (used by the packet codec). Undefined when valid. */
export function ilpAddressProblemInBytes(bytes: Uint8Array, start: number, end: number): AddressProblem | undefined {
  const result = scan(bytes, start, end, 'rfc15', false);
  return typeof result === 'number' ? undefined : result;
}

const scratch = Buffer.alloc(MAX_ADDRESS_LENGTH + 1);

/** Copies a string into scratch bytes; characters above 0xff become 0xff (never a valid character). */
function toScratch(address: string): number {
  const n = Math.min(address.length, MAX_ADDRESS_LENGTH + 1);
  for (let i = 0; i < n; i++) {
    const c = address.charCodeAt(i);
    scratch[i] = c > 0xff ? 0xff : c;
  }
  return n;
}

function scanString(address: string, set: SchemeSet, allowTrailingDot: boolean): AddressProblem | number {
  if (typeof address !== 'string') return { reason: `not a string (${typeof address})`, index: 0 };
  if (address.length > MAX_ADDRESS_LENGTH) return { reason: `length ${address.length} > ${MAX_ADDRESS_LENGTH}`, index: MAX_ADDRESS_LENGTH };
  const n = toScratch(address);
  return scan(scratch, 0, n, set, allowTrailingDot);
}

/** Three-way verdict under the 2017 v1 regexes (ADDR-L06), as `addresses.json` records it. */
export function classifyLegacyAddress(address: string, draft: 1 | 2 = 2): { any: boolean; prefix: boolean; destination: boolean } {
  const result = scanString(address, draft === 1 ? 'draft1' : 'draft2', true);
  if (typeof result !== 'number') return { any: false, prefix: false, destination: false };
  const trailingDot = (result & 1) === 1;
  const segments = result >> 1;
  return { any: true, prefix: trailingDot, destination: !trailingDot && segments >= 2 };
}

/** Checks an address and says which rule it breaks. Under legacy2017 a valid address also gets its kind. */
export function checkIlpAddress(address: string, options: AddressCheckOptions = {}): AddressCheck {
  if ((options.rules ?? 'rfc15') === 'rfc15') {
    const result = scanString(address, 'rfc15', false);
    return typeof result === 'number' ? { valid: true } : { valid: false, reason: result.reason, index: result.index };
  }
  const result = scanString(address, options.legacyDraft === 1 ? 'draft1' : 'draft2', true);
  if (typeof result !== 'number') return { valid: false, reason: result.reason, index: result.index };
  const trailingDot = (result & 1) === 1;
  const legacyKind: LegacyAddressKind = trailingDot ? 'prefix' : result >> 1 >= 2 ? 'destination' : 'other';
  return { valid: true, legacyKind };
}

export function isValidIlpAddress(address: string, options: AddressCheckOptions = {}): boolean {
  return checkIlpAddress(address, options).valid;
}

/** The allocation scheme (first segment) of a valid address, else undefined. */
export function addressScheme(address: string): AddressScheme | undefined {
  if (!isValidIlpAddress(address)) return undefined;
  return address.slice(0, address.indexOf('.')) as AddressScheme;
}
