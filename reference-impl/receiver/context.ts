import type { IlpPrepare, StreamFrame, StreamKeys, StreamPacket } from '../../lib/codec';
import type { ConnectionState } from './connection';
import type { ReceiverFaults } from './faults';

/** One Prepare on its way through the receiver's rules (pipeline.ts). */
export interface PrepareContext {
  readonly prepare: IlpPrepare;
  readonly faults: ReceiverFaults;
  readonly assetCode: string;
  readonly assetScale: number;
  /** Set by the decrypt rule. */
  keys?: StreamKeys;
  packet?: StreamPacket;
  connection?: ConnectionState;
  /** Money per stream this Prepare would credit (money rule); committed only on Fulfill. */
  readonly credits: Map<bigint, bigint>;
  /** Streams the reply reports on. */
  readonly touched: Set<bigint>;
  /** Extra frames for the reply (e.g. StreamClose). */
  readonly replyFrames: StreamFrame[];
}
