/**
 * How the 2017 packet subjects (`ilpv1-payment`, `ilqp`) run against lib/codec: through the same field form
 * the adapter protocol uses for them (lib/targets/codec-legacy-wire.ts), so unit tests, features and
 * adapters read these vectors one way.
 */
import { decodeIlpV1Payment, decodeIlqpPacket } from '../codec';
import { encodeLegacyPacket, legacyFromWire, legacyToWire } from '../targets/codec-legacy-wire';
import type { VectorFields } from './load';
import type { SubjectRunner } from './run-vector';

export const ilpv1PaymentRunner: SubjectRunner = {
  hasMode: true,
  decode: (bytes, options) => ({ ...legacyToWire(decodeIlpV1Payment(bytes, options)).fields }),
  encode: (fields) => encodeLegacyPacket(legacyFromWire({ type: 1, fields })),
};

export const ilqpRunner: SubjectRunner = {
  hasMode: true,
  decode: (bytes, options) => {
    const { type, fields } = legacyToWire(decodeIlqpPacket(bytes, options));
    return { type: String(type), ...fields };
  },
  encode: (fields: VectorFields) => {
    const { type, ...rest } = fields;
    return encodeLegacyPacket(legacyFromWire({ type: Number(type), fields: rest }));
  },
};
