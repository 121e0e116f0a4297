import type { IlpFulfill, IlpReject } from '../codec/types';

/**
 * What came back from one exchange with a system under test. A When-step stores one; a Then-step judges it.
 * Nothing here throws on a Reject: a Reject is an answer, not an error.
 */
export type Outcome =
  | { readonly kind: 'fulfilled'; readonly fulfill: IlpFulfill; readonly raw: Uint8Array; readonly elapsedMs: number }
  | { readonly kind: 'rejected'; readonly reject: IlpReject; readonly raw: Uint8Array; readonly elapsedMs: number }
  /** No answer within the bound the harness allowed (normally the Prepare's expiry plus a grace period). */
  | { readonly kind: 'timed-out'; readonly afterMs: number }
  /** The exchange failed below ILP: refused connection, HTTP error status, a body that is not an ILP reply. */
  | {
      readonly kind: 'transport-failure';
      readonly reason: string;
      readonly httpStatus?: number;
      readonly raw?: Uint8Array;
      readonly elapsedMs: number;
    };

/** One line a failure message can show as "Actual: ...". */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'fulfilled':
      return `Fulfill (fulfillment ${hex(outcome.fulfill.fulfillment)}, data ${outcome.fulfill.data.length} bytes)`;
    case 'rejected': {
      const r = outcome.reject;
      return `Reject ${r.code} triggeredBy=${r.triggeredBy || '""'} message=${JSON.stringify(r.message)} data ${r.data.length} bytes`;
    }
    case 'timed-out':
      return `no answer after ${outcome.afterMs} ms`;
    case 'transport-failure':
      return `transport failure: ${outcome.reason}${outcome.httpStatus !== undefined ? ` (HTTP ${outcome.httpStatus})` : ''}`;
  }
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
