/**
 * What the rules share while one Prepare travels through the pipeline, and the rule interface itself.
 *
 * A rule is `handle(ctx, next)`: it may check or change the context, then either answer itself (throw an
 * IlpError, or return a reply without calling `next`) or call `next(ctx)` and look at the reply on its way
 * back. So rules listed earlier in pipeline.ts wrap the ones listed later, and the reply travels back up.
 */
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import type { PeerConfig } from '../../contracts/topology';
import { InternalError } from './errors';
import type { Cancellation } from './transport';

export type Next = (ctx: PacketContext) => Promise<IlpReply>;

export interface IlpRule {
  /** Short name for logs and tests, e.g. 'max-packet-amount'. */
  readonly name: string;
  handle(ctx: PacketContext, next: Next): Promise<IlpReply>;
}

export class PacketContext {
  /** The peer whose authenticated channel the packet came in on (RFC 27: no source address in the packet). */
  readonly from: PeerConfig;
  /** The body exactly as received. */
  readonly raw: Uint8Array;
  /** Set by route. */
  nextHop?: PeerConfig;
  /** Set by exchange-rate: the amount in the next hop's asset and scale. */
  outgoingAmount?: bigint;
  /** Set by reduce-expiry. */
  outgoingExpiresAt?: Date;
  /** Set by outgoing-expiry: stops the outgoing request when the forwarded Prepare expires. */
  cancellation?: Cancellation;
  private decoded?: IlpPrepare;

  constructor(from: PeerConfig, raw: Uint8Array, prepare?: IlpPrepare) {
    this.from = from;
    this.raw = raw;
    this.decoded = prepare;
  }

  /** The incoming Prepare, available once validate-prepare has decoded it. */
  get prepare(): IlpPrepare {
    if (!this.decoded) throw new InternalError('rule order: the Prepare was read before validate-prepare decoded it');
    return this.decoded;
  }

  set prepare(prepare: IlpPrepare) {
    this.decoded = prepare;
  }

  get hasPrepare(): boolean {
    return this.decoded !== undefined;
  }
}

/** A value an earlier rule must have set; a missing one is a pipeline-order bug, answered T00. */
export function required<T>(value: T | undefined, field: string, setBy: string): T {
  if (value === undefined) throw new InternalError(`rule order: ${field} is not set (set by ${setBy})`);
  return value;
}
