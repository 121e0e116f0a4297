import { decodePrepare, isCodecError } from '../../../lib/codec';
import type { IlpRule } from '../context';
import { InternalError, InvalidPacketError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

/**
 * Decodes the body into the incoming Prepare. Decoding is lenient (RFC 27 lets a receiver accept
 * non-canonical OER lengths) but still refuses what is not a valid Prepare: a wrong type byte, truncation,
 * an invalid timestamp, data above 32767 bytes, an invalid destination address. Those answer F01 with the
 * codec's kind, field and offset in the message.
 *
 * Position: right after reject-on-error; every later rule reads ctx.prepare.
 * Does not: judge expiry, amount or destination semantics (later rules do); canonical output is the
 * encoder's job when the Prepare is forwarded.
 */
export function createValidatePrepareRule(opts: WithFaults = {}): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'validate-prepare',
    async handle(ctx, next) {
      try {
        ctx.prepare = decodePrepare(ctx.raw, { mode: 'lenient' });
      } catch (error) {
        // Stryker disable next-line ConditionalExpression: only a bug throws anything but a CodecError (see reject-on-error)
        if (!isCodecError(error)) throw error;
        // FAULT malformed-prepare-temporary-code: T00, as if sending it again could help.
        if (faults.has('malformed-prepare-temporary-code')) throw new InternalError('invalid Prepare', { reason: error.message });
        throw new InvalidPacketError('invalid Prepare', { reason: error.message });
      }
      return next(ctx);
    },
  };
}
