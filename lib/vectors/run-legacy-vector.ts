/**
 * How the 2017 packet subjects (`ilpv1-payment`, `ilqp`, `ilpv1`) run against lib/codec: through the same field form
 * the adapter protocol uses for them (lib/targets/codec-legacy-wire.ts), so unit tests, features and
 * adapters read these vectors one way.
 */
import { decodeIlpV1Payment, type DecodeOptions } from '../codec';
import { encodeLegacyPacket, legacyFromWire, legacyToWire, type LegacyPacket } from '../targets/codec-legacy-wire';
import type { VectorFields } from './load';
import type { SubjectRunner } from './subject-runner';

export const ilpv1PaymentRunner: SubjectRunner = {
  hasMode: true,
  decode: (bytes, options) => ({ ...legacyToWire(decodeIlpV1Payment(bytes, options)).fields }),
  encode: (fields) => encodeLegacyPacket(legacyFromWire({ type: 1, fields })),
};

type LegacyDecoder = (bytes: Uint8Array, options: DecodeOptions) => LegacyPacket;

/**
 * A subject whose vectors name their packet type in `fields.type` (`ilqp`: 2..7; `ilpv1`: 8..11). Decoding
 * goes to the subject's own decoders, the first for every type but 10, so a vector of another family is
 * refused as it would be by that decoder.
 */
export function typedLegacyRunner(decode: LegacyDecoder, decodeForwarded: LegacyDecoder = decode): SubjectRunner {
  return {
    hasMode: true,
    decode: (bytes, options) => {
      const { type, fields } = legacyToWire((bytes[0] === 10 ? decodeForwarded : decode)(bytes, options));
      return { type: String(type), ...fields };
    },
    encode: (fields: VectorFields) => {
      const { type, ...rest } = fields;
      return encodeLegacyPacket(legacyFromWire({ type: Number(type), fields: rest }));
    },
  };
}
