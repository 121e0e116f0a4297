import type { IlpReject } from '../../../lib/codec/types';
import type { IlpRule } from '../context';
import { isIlpError } from '../errors';

export interface RejectOnErrorOptions {
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
  return {
    name: 'reject-on-error',
    async handle(ctx, next) {
      try {
        return await next(ctx); // the await matters: without it a rejection would bypass this catch
      } catch (error) {
        if (isIlpError(error)) return reject(error.code, error.message, error.data);
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
