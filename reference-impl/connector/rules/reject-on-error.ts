import type { IlpReject } from '../../../lib/codec/types';
import type { IlpRule } from '../context';
import { isIlpError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface RejectOnErrorOptions extends WithFaults {
  /** The connector's own ILP address: triggeredBy of every Reject it originates (ERR-009). */
  readonly address: string;
  /** Told about errors that are not IlpErrors (bugs), which are answered T00 without details. */
  readonly onUnexpected?: (error: unknown) => void;
}

/** Reject messages are at most 8191 bytes (RFC 27); ours are short, but details may quote input. */
const MAX_MESSAGE_CHARS = 2000;

/**
 * The one place where thrown errors become Rejects. An IlpError becomes a Reject with its code, message
 * and data, triggeredBy = our address; anything else is a bug here and becomes T00 "internal error".
 *
 * Position: first in the chain, so it wraps every other rule.
 * Does not: touch Rejects that come back from the next hop; those are replies, not errors, and pass
 * through unchanged (ERR-011, ERR-012).
 */
export function createRejectOnErrorRule(opts: RejectOnErrorOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'reject-on-error',
    async handle(ctx, next) {
      try {
        return await next(ctx); // the await matters: without it a rejection would bypass this catch
      } catch (error) {
        // Only a bug in the reference throws anything but an IlpError: no scenario can reach that on purpose,
        // and the fuzz tests (fuzz/answer-check.ts) fail on any T00 "internal error" they provoke.
        // Stryker disable next-line ConditionalExpression: see above
        if (isIlpError(error)) {
          // FAULT f08-without-data: F08 loses its received/maximum amounts.
          const data = faults.has('f08-without-data') && error.code === 'F08' ? new Uint8Array(0) : error.data;
          const rejected = reject(error.code, error.message, data);
          // FAULT wrong-triggered-by: our own Rejects name the sending peer instead of us.
          if (faults.has('wrong-triggered-by')) return { ...rejected, triggeredBy: `${opts.address}.${ctx.from.name}` };
          return rejected;
        }
        // Stryker disable next-line all: see above
        opts.onUnexpected?.(error);
        // Stryker disable next-line all: see above
        return reject('T00', 'internal error', new Uint8Array(0));
      }
    },
  };

  function reject(code: string, message: string, data: Uint8Array): IlpReject {
    // Stryker disable next-line all: no message the reference builds comes near the cap; it guards future ones
    const text = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}...` : message;
    return { type: 14, code, triggeredBy: opts.address, message: text, data };
  }
}
