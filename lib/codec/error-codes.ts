/**
 * ILPv4 error codes (IL-RFC 27 "Error Codes"; catalog §5 ERR-001). A code is three IA5 characters:
 * a class letter, F (final), T (temporary) or R (relative), and two digits. Only the codes below are
 * assigned; xx99 are for application protocols, which may give them other names (ERR-008).
 *
 * F08 Amount Too Large carries AmountTooLargeErrorData in the Reject's data (ERR-003):
 *
 *   +--------------------------+--------------------------+
 *   | receivedAmount UInt64 BE | maximumAmount UInt64 BE  |    16 bytes; extra bytes after them are
 *   +--------------------------+--------------------------+    ignored (RFC 30 extensibility)
 */
import { CodecError } from './errors';

export type ErrorClass = 'final' | 'temporary' | 'relative';

export interface ErrorCodeInfo {
  readonly name: string;
  readonly class: ErrorClass;
}

export const ERROR_CODES: Readonly<Record<string, ErrorCodeInfo>> = Object.freeze({
  F00: { name: 'Bad Request', class: 'final' },
  F01: { name: 'Invalid Packet', class: 'final' },
  F02: { name: 'Unreachable', class: 'final' },
  F03: { name: 'Invalid Amount', class: 'final' },
  F04: { name: 'Insufficient Destination Amount', class: 'final' },
  F05: { name: 'Wrong Condition', class: 'final' },
  F06: { name: 'Unexpected Payment', class: 'final' },
  F07: { name: 'Cannot Receive', class: 'final' },
  F08: { name: 'Amount Too Large', class: 'final' },
  F99: { name: 'Application Error', class: 'final' },
  T00: { name: 'Internal Error', class: 'temporary' },
  T01: { name: 'Peer Unreachable', class: 'temporary' },
  T02: { name: 'Peer Busy', class: 'temporary' },
  T03: { name: 'Connector Busy', class: 'temporary' },
  T04: { name: 'Insufficient Liquidity', class: 'temporary' },
  T05: { name: 'Rate Limited', class: 'temporary' },
  T99: { name: 'Application Error', class: 'temporary' },
  R00: { name: 'Transfer Timed Out', class: 'relative' },
  R01: { name: 'Insufficient Source Amount', class: 'relative' },
  R02: { name: 'Insufficient Timeout', class: 'relative' },
  R99: { name: 'Application Error', class: 'relative' },
});

const CLASS_BY_LETTER: Readonly<Record<string, ErrorClass>> = { F: 'final', T: 'temporary', R: 'relative' };

/** Class by the first letter (F/T/R), whether or not the code is assigned; undefined otherwise. */
export function errorCodeClass(code: string): ErrorClass | undefined {
  return typeof code === 'string' && code.length > 0 ? CLASS_BY_LETTER[code[0]] : undefined;
}

export function isAssignedErrorCode(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** Three characters: F, T or R, then two ASCII digits (assigned or not). */
export function isWellFormedErrorCode(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 3 || CLASS_BY_LETTER[code[0]] === undefined) return false;
  const d1 = code.charCodeAt(1);
  const d2 = code.charCodeAt(2);
  return d1 >= 0x30 && d1 <= 0x39 && d2 >= 0x30 && d2 <= 0x39;
}

/** What the wire allows in the code field: exactly 3 IA5 (7-bit) characters (PKT-006). */
export function isIa5ErrorCode(code: string): boolean {
  return typeof code === 'string' && code.length === 3 && code.charCodeAt(0) < 0x80 && code.charCodeAt(1) < 0x80 && code.charCodeAt(2) < 0x80;
}

export interface AmountTooLargeData {
  readonly receivedAmount: bigint;
  readonly maximumAmount: bigint;
}

const UINT64_MAX = 0xffffffffffffffffn;

export function encodeAmountTooLargeData(data: AmountTooLargeData): Uint8Array {
  const out = Buffer.alloc(16);
  for (const [field, value, at] of [['receivedAmount', data.receivedAmount, 0], ['maximumAmount', data.maximumAmount, 8]] as const) {
    if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX) {
      throw new CodecError('ValueOutOfRange', field, -1, { value: String(value), max: UINT64_MAX.toString() });
    }
    out.writeBigUInt64BE(value, at);
  }
  return out;
}

/** Reads the 16 bytes of F08 data; fewer is Truncated. Bytes after the 16 are ignored. */
export function decodeAmountTooLargeData(bytes: Uint8Array): AmountTooLargeData {
  if (bytes.length < 16) {
    const field = bytes.length < 8 ? 'receivedAmount' : 'maximumAmount';
    throw new CodecError('Truncated', field, bytes.length < 8 ? 0 : 8, { needed: 16, available: bytes.length });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return { receivedAmount: view.getBigUint64(0), maximumAmount: view.getBigUint64(8) };
}
