/**
 * Words only the codec features use, as parameter types (the shared ones are in steps/parameter-types.ts):
 *
 *   {decoder}       `the decoder` / `a strict decoder` (strict) or `a lenient decoder` -> DecodeMode
 *   {packet kind}   `Prepare` | `Fulfill` | `Reject`
 *   {codec error}   a CodecError kind as the codec names it: `NonCanonicalLength`, `Truncated`, ...
 *   {uint type}     `UInt8` | `UInt16` | `UInt32` | `UInt64` -> bits
 *   {address rule}  why an address is refused: `its scheme`, `an empty segment`, `its length`, ...
 *   {legacy kind}   `destination` | `prefix` (RFC 15 v1, 2017)
 */
import { defineParameterType } from '@cucumber/cucumber';
import type { CodecErrorKind, DecodeMode, UIntBits } from '../../lib/codec';
import type { AddressRuleWord } from '../../lib/targets/codec-protocol';

export type PacketKind = 'Prepare' | 'Fulfill' | 'Reject';

/** Every kind the codec can raise; `satisfies` makes a new kind in lib/codec fail to compile until listed. */
const CODEC_ERROR_KINDS = {
  Truncated: true, NonCanonicalLength: true, NonCanonicalVarUInt: true, IndefiniteLength: true, LengthTooLarge: true,
  TrailingBytes: true, WrongPacketType: true, UnknownPacketType: true, InvalidTimestamp: true, InvalidAddress: true,
  DataTooLong: true, MessageTooLong: true, InvalidErrorCode: true, InvalidUtf8: true, InvalidIa5: true,
  ValueOutOfRange: true, WrongFixedLength: true, UnsupportedVersion: true, DecryptionFailed: true,
} as const satisfies Record<CodecErrorKind, true>;

/** An address refusal, by the RFC 15 rule it breaks, in the adapter protocol's words (codec-protocol.ts). */
export interface AddressRule {
  readonly words: string;
  readonly rule: AddressRuleWord;
}

const ADDRESS_RULES: readonly AddressRule[] = [
  { words: 'its scheme', rule: 'scheme' },
  { words: 'an empty segment', rule: 'empty-segment' },
  { words: 'its length', rule: 'length' },
  { words: 'ending in a period', rule: 'trailing-dot' },
  { words: 'having no segment after the scheme', rule: 'no-segment' },
  { words: 'being empty', rule: 'empty' },
];

defineParameterType({
  name: 'decoder',
  regexp: /the decoder|a strict decoder|a lenient decoder/,
  transformer: (text: string): DecodeMode => (text === 'a lenient decoder' ? 'lenient' : 'strict'),
});

defineParameterType({
  name: 'packet kind',
  regexp: /Prepare|Fulfill|Reject/,
  transformer: (text: string) => text as PacketKind,
});

defineParameterType({
  name: 'codec error',
  regexp: /[A-Z][A-Za-z0-9]+/,
  transformer: (text: string): CodecErrorKind => {
    if (!Object.prototype.hasOwnProperty.call(CODEC_ERROR_KINDS, text)) {
      throw new Error(`"${text}" is not a codec error kind (kinds: ${Object.keys(CODEC_ERROR_KINDS).join(', ')})`);
    }
    return text as CodecErrorKind;
  },
});

defineParameterType({
  name: 'uint type',
  regexp: /UInt(8|16|32|64)/,
  transformer: (bits: string) => Number(bits) as UIntBits,
});

defineParameterType({
  name: 'address rule',
  regexp: new RegExp(ADDRESS_RULES.map((r) => r.words).join('|')),
  transformer: (text: string): AddressRule => ADDRESS_RULES.find((r) => r.words === text)!,
});

defineParameterType({
  name: 'legacy kind',
  regexp: /destination|prefix/,
  transformer: (text: string) => text as 'destination' | 'prefix',
});
