/**
 * How the forward rule reaches a next hop, without knowing it is HTTP (http/client.ts implements it).
 * A transport either resolves with the next hop's decoded reply or rejects with a TransportError;
 * rules/forward.ts decides which ILP code each kind of failure becomes.
 */
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import type { PeerConfig } from '../../contracts/topology';

export type SendPrepare = (peer: PeerConfig, prepare: IlpPrepare, cancellation: Cancellation) => Promise<IlpReply>;

/**
 * A one-shot "stop now" for outgoing requests: the forwarded Prepare expired, or the connector is closing.
 * Used instead of AbortController, whose per-packet cost (an EventTarget each) showed in the benchmark.
 */
export class Cancellation {
  private listeners: (() => void)[] | undefined;
  private done = false;

  get cancelled(): boolean {
    return this.done;
  }

  /** Runs every listener once; later calls do nothing. */
  cancel(): void {
    if (this.done) return;
    this.done = true;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  /** Calls `listener` on cancel (check `cancelled` first: it is not called for a past cancel). Returns its remover. */
  onCancel(listener: () => void): () => void {
    (this.listeners ??= []).push(listener);
    return () => {
      const index = this.listeners?.indexOf(listener) ?? -1;
      if (index >= 0) this.listeners!.splice(index, 1);
    };
  }
}

export type TransportFailureKind =
  /** No connection: refused, reset, host unreachable, connection closed before a response. */
  | 'unreachable'
  /** The next hop answered with an HTTP status other than the one the mode expects. */
  | 'status'
  /** A response (or callback) body that is not an ILP Fulfill or Reject. */
  | 'invalid-reply'
  /** The request was stopped through its Cancellation (expiry, or the connector closing). */
  | 'aborted';

/** Starts the message of an 'unreachable' failure whose response began but whose body never arrived whole. */
export const CUT_OFF = 'response cut off:';

export class TransportError extends Error {
  override readonly name = 'TransportError';

  constructor(
    readonly kind: TransportFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
