/**
 * How the forward rule reaches a next hop, without knowing it is HTTP (http/client.ts implements it).
 * A transport either resolves with the next hop's decoded reply or rejects with a TransportError;
 * rules/forward.ts decides which ILP code each kind of failure becomes.
 */
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import type { PeerConfig } from '../../lib/topology';

export type SendPrepare = (peer: PeerConfig, prepare: IlpPrepare, signal: AbortSignal) => Promise<IlpReply>;

export type TransportFailureKind =
  /** No connection: refused, reset, host unreachable, connection closed before a response. */
  | 'unreachable'
  /** The next hop answered with an HTTP status other than the one the mode expects. */
  | 'status'
  /** A response (or callback) body that is not an ILP Fulfill or Reject. */
  | 'invalid-reply'
  /** The request was aborted through its signal (expiry, or the connector closing). */
  | 'aborted';

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
