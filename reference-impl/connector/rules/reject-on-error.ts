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
        if (isIlpError(error)) {
          // FAULT f08-without-data: F08 loses its received/maximum amounts.
          const data = faults.has('f08-without-data') && error.code === 'F08' ? new Uint8Array(0) : error.data;
          const rejected = reject(error.code, error.message, data);
          // FAULT wrong-triggered-by: our own Rejects name the sending peer instead of us.
          if (faults.has('wrong-triggered-by')) return { ...rejected, triggeredBy: `${opts.address}.${ctx.from.name}` };
          return rejected;
        }
        opts.onUnexpected?.(error);
        return reject('T00', 'internal error', new Uint8Array(0));
      }
    },
  };

  function reject(code: string, message: string, data: Uint8Array): IlpReject {
    const text = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}...` : message;
    return { type: 14, code, triggeredBy: opts.address, message: text, data };
  }
}
