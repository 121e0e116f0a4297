/**
 * What a rule throws. Exactly one place (pipeline.ts) turns them into the ILP Reject:
 *  - Undecryptable: the data is no STREAM packet for this connection; Reject F06 with no STREAM reply
 *    (the receiver has nothing it may encrypt to).
 *  - RejectWithReply: refuse this Prepare but answer with the encrypted STREAM reply (F99).
 *  - CloseConnection: a protocol violation; the connection closes with a ConnectionClose frame in the reply.
 */
import { StreamErrorCode, type StreamErrorName } from '../../lib/codec';

export class Undecryptable extends Error {
  override readonly name = 'Undecryptable';
}

export class RejectWithReply extends Error {
  override readonly name = 'RejectWithReply';
}

export class CloseConnection extends Error {
  override readonly name = 'CloseConnection';
  readonly errorCode: number;
  constructor(readonly error: StreamErrorName, message: string) {
    super(message);
    this.errorCode = StreamErrorCode[error];
  }
}
