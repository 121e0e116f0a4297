import { decodePrepare, isCodecError } from '../../../lib/codec';
import type { CodecError } from '../../../lib/codec/errors';
import type { IlpRule } from '../context';
import { BadRequestError, InternalError, InvalidPacketError } from '../errors';
import { NO_FAULTS, type Faults, type WithFaults } from '../faults';

/**
 * Decodes the body into the incoming Prepare. Decoding is lenient (RFC 27 lets a receiver accept
 * non-canonical OER lengths; RFC 30 asks readers to ignore bytes after the last field) but still refuses
 * what is not a valid Prepare: a wrong type byte, truncation, an invalid timestamp, data above 32767 bytes,
 * an invalid destination address. Those answer F01 with the codec's kind, field and offset in the message.
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
        ctx.prepare = decodePrepare(faultyInput(ctx.raw, faults), { mode: 'lenient' });
      } catch (error) {
        // Stryker disable next-line ConditionalExpression: only a bug throws anything but a CodecError (see reject-on-error)
        if (!isCodecError(error)) throw error;
        // FAULT malformed-prepare-temporary-code: T00, as if sending it again could help.
        if (faults.has('malformed-prepare-temporary-code')) throw new InternalError('invalid Prepare', { reason: error.message });
        // FAULT invalid-packet-generic-code: F00, the generic final code, instead of F01.
        if (faults.has('invalid-packet-generic-code')) throw new BadRequestError('invalid Prepare', { reason: error.message });
        throw new InvalidPacketError('invalid Prepare', { reason: error.message });
      }
      // FAULT non-canonical-prepare-temporary-code / extra-contents-temporary-code / trailing-body-temporary-code.
      if (LENIENT_FORM_FAULTS.some((name) => faults.has(name))) refuseLenientForms(ctx.raw, faults);
      return next(ctx);
    },
  };
}

const LENIENT_FORM_FAULTS = ['non-canonical-prepare-temporary-code', 'extra-contents-temporary-code', 'trailing-body-temporary-code'] as const;

/** FAULT pad-truncated-prepare / any-type-as-prepare: the bytes as a careless reader would take them. */
function faultyInput(raw: Uint8Array, faults: Faults): Uint8Array {
  if (faults.has('any-type-as-prepare') && raw.length > 0 && raw[0] !== 12) return Buffer.concat([Buffer.of(12), raw.subarray(1)]);
  if (faults.has('pad-truncated-prepare')) {
    try {
      decodePrepare(raw, { mode: 'lenient' });
    } catch (error) {
      if (isCodecError(error) && error.kind === 'Truncated') return Buffer.concat([raw, Buffer.alloc(64)]);
    }
  }
  return raw;
}

/**
 * FAULT non-canonical-prepare-temporary-code / extra-contents-temporary-code / trailing-body-temporary-code:
 * a form RFC 27 and RFC 30 let a receiver accept is answered T00, as if it were the connector's own failure.
 */
function refuseLenientForms(raw: Uint8Array, faults: Faults): void {
  const problem = (options: Parameters<typeof decodePrepare>[1]): CodecError | undefined => {
    try {
      decodePrepare(raw, options);
      return undefined;
    } catch (error) {
      return isCodecError(error) ? error : undefined;
    }
  };
  const strict = problem({ mode: 'strict' });
  if (faults.has('non-canonical-prepare-temporary-code') && strict?.kind === 'NonCanonicalLength') throw new InternalError('non-canonical Prepare', { reason: strict.message });
  const trailing = problem({ mode: 'lenient', rejectTrailingBytes: true });
  if (trailing?.kind !== 'TrailingBytes') return;
  if (faults.has('extra-contents-temporary-code') && trailing.field === 'contents') throw new InternalError('bytes after the data', { reason: trailing.message });
  if (faults.has('trailing-body-temporary-code') && trailing.field === 'packet') throw new InternalError('bytes after the Prepare', { reason: trailing.message });
}
