/**
 * What a harness peer does with a Prepare the SUT forwards to it. A scenario scripts one behaviour per
 * Prepare (a queue per peer; the last entry repeats), so "bob answers with a wrong fulfillment, then
 * rejects with F99" is two entries. A sync peer answers in the HTTP response; an async peer answers 202
 * and carries the same reply to the SUT's Callback-Url (HTTP-level behaviours apply to the 202 instead).
 */
export type PeerBehaviour =
  /** Fulfill with the preimage of the Prepare's condition (the scenario knows it: it made the condition). */
  | { readonly kind: 'fulfill'; readonly data?: Uint8Array; readonly afterMs?: number }
  | {
      readonly kind: 'reject';
      readonly code: string;
      /** Default: the peer's own address. */
      readonly triggeredBy?: string;
      readonly message?: string;
      readonly data?: Uint8Array;
      readonly afterMs?: number;
    }
  /** A Fulfill whose fulfillment does not hash to the condition (COND-002). */
  | { readonly kind: 'wrong-fulfillment'; readonly afterMs?: number }
  /** A correct Fulfill, sent `lateMs` after the forwarded Prepare's expiresAt (EXP-003). */
  | { readonly kind: 'fulfill-after-expiry'; readonly lateMs: number }
  /** Accept the request and answer nothing until the scenario ends (EXP-002). */
  | { readonly kind: 'never-answer' }
  /** Hold the Prepare until the scenario releases it with another behaviour (pending balance checks). */
  | { readonly kind: 'hold' }
  /** Answer each of these a random time in [0, maxDelayMs): fulfill or reject alternately (ROUTE-003). */
  | { readonly kind: 'shuffle'; readonly maxDelayMs: number }
  /** Async peers only: deliver the same Fulfill twice to the callback URL (HTTP-010, HTTP-012). */
  | { readonly kind: 'fulfill-twice' }
  /** HTTP-level failures of the peer's endpoint (ERR-014, HTTP-013). */
  | { readonly kind: 'http-status'; readonly status: number }
  | { readonly kind: 'garbage-body' }
  | { readonly kind: 'empty-body' }
  | { readonly kind: 'drop-connection' }
  /** A 200 whose body stops halfway through a Fulfill, then a TCP reset (HTTP-013). */
  | { readonly kind: 'reset-mid-response' };

export function describeBehaviour(b: PeerBehaviour): string {
  switch (b.kind) {
    case 'fulfill':
      return `fulfill${b.data?.length ? ` with ${b.data.length} bytes of data` : ''}${b.afterMs ? ` after ${b.afterMs} ms` : ''}`;
    case 'reject':
      return `reject ${b.code}${b.data?.length ? ` with ${b.data.length} bytes of data` : ''}${b.afterMs ? ` after ${b.afterMs} ms` : ''}`;
    case 'wrong-fulfillment':
      return 'answer with a wrong fulfillment';
    case 'fulfill-after-expiry':
      return `fulfill ${b.lateMs} ms after the forwarded expiry`;
    case 'never-answer':
      return 'never answer';
    case 'hold':
      return 'hold the Prepare until released';
    case 'shuffle':
      return `answer after a random delay below ${b.maxDelayMs} ms, fulfilling and rejecting in turn`;
    case 'fulfill-twice':
      return 'deliver the Fulfill twice';
    case 'http-status':
      return `answer HTTP ${b.status}`;
    case 'garbage-body':
      return 'answer HTTP 200 with a body that is not an ILP packet';
    case 'empty-body':
      return 'answer HTTP 200 with an empty body';
    case 'drop-connection':
      return 'drop the connection without answering';
    case 'reset-mid-response':
      return 'reset the connection in the middle of its answer';
  }
}

/** Behaviours that concern the HTTP exchange itself, not the ILP reply. */
export function isHttpLevel(b: PeerBehaviour): boolean {
  return b.kind === 'http-status' || b.kind === 'garbage-body' || b.kind === 'empty-body' || b.kind === 'drop-connection' || b.kind === 'reset-mid-response';
}
