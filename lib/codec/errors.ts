/**
 * Typed codec errors. Every failure of the codec is a CodecError that names what went wrong (`kind`),
 * which field it was reading or writing (`field`) and the byte offset in the input where the problem
 * starts (`offset`, -1 when the error does not come from bytes, e.g. an encoder argument or JSON).
 *
 * The message is one line of `key=value` words so logs and transcripts can be grepped:
 *   `WrongPacketType expected=12 got=13 field=type at=0`
 *   `NonCanonicalLength length=104 prefixBytes=2 field=contents at=1`
 */

export type CodecErrorKind =
  /** The input ends before the field does. */
  | 'Truncated'
  /** A length determinant in long form where short form was required, or with leading zero bytes. */
  | 'NonCanonicalLength'
  /** A VarUInt with leading zero bytes. */
  | 'NonCanonicalVarUInt'
  /** Length byte 0x80 (long form announcing zero length bytes). Refused in every mode. */
  | 'IndefiniteLength'
  /** A length-of-length above 8 bytes, or a length no buffer can have. */
  | 'LengthTooLarge'
  /** Bytes left after the message (only with rejectTrailingBytes). */
  | 'TrailingBytes'
  /** A valid packet type, but not the one the caller asked for. */
  | 'WrongPacketType'
  /** A type byte that is no ILPv4 packet type. */
  | 'UnknownPacketType'
  | 'InvalidTimestamp'
  | 'InvalidAddress'
  /** `data` above 32767 bytes. */
  | 'DataTooLong'
  /** Reject `message` above 8191 bytes. */
  | 'MessageTooLong'
  | 'InvalidErrorCode'
  | 'InvalidUtf8'
  /** A byte >= 0x80 where an IA5String (7-bit ASCII) is required. */
  | 'InvalidIa5'
  /** A number outside its type's range (UInt64 amount, UInt8 scale, VarUInt width, ...). */
  | 'ValueOutOfRange'
  /** A fixed-size field of the wrong size (condition, fulfillment: 32 bytes). */
  | 'WrongFixedLength'
  /** A STREAM packet version this codec does not read (RFC 29 knows version 1). */
  | 'UnsupportedVersion'
  /** STREAM data that AES-256-GCM cannot authenticate with the key given (or shorter than IV + tag). */
  | 'DecryptionFailed';

export type CodecErrorDetails = Readonly<Record<string, string | number>>;

export class CodecError extends Error {
  override readonly name = 'CodecError';
  readonly kind: CodecErrorKind;
  readonly field: string;
  readonly offset: number;
  readonly details: CodecErrorDetails;

  constructor(kind: CodecErrorKind, field: string, offset: number, details: CodecErrorDetails = {}) {
    super(formatCodecError(kind, field, offset, details));
    this.kind = kind;
    this.field = field;
    this.offset = offset;
    this.details = details;
  }
}

export function isCodecError(e: unknown): e is CodecError {
  return e instanceof CodecError;
}

/** `<Kind> <key=value ...> field=<field> at=<offset>`; `at=` is left out when offset is -1. */
export function formatCodecError(kind: CodecErrorKind, field: string, offset: number, details: CodecErrorDetails): string {
  let text: string = kind;
  for (const key of Object.keys(details)) text += ` ${key}=${quoteIfNeeded(details[key])}`;
  text += ` field=${field}`;
  if (offset >= 0) text += ` at=${offset}`;
  return text;
}

/** Values with spaces or control characters are JSON-quoted so the message stays one parseable line. */
function quoteIfNeeded(value: string | number | undefined): string {
  const s = String(value);
  return s === '' || /[\s"=\x00-\x1f\x7f-\uffff]/.test(s) ? JSON.stringify(s) : s;
}
