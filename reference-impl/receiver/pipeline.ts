/**
 * The receiver's answer to one Prepare: an ordered list of small rules (rules/), then the one place that
 * turns what they threw into a Reject. Read top to bottom:
 *
 *   decrypt            find the connection, decrypt, decode          (F06 when it cannot)
 *   packet type        a STREAM packet for another ILP type is discarded (F06)
 *   closed connection  a closed connection takes nothing more        (ConnectionClose in the reply)
 *   asset details      the sender's asset must not change            (close: ProtocolViolation)
 *   stream IDs         client streams are odd                        (close: ProtocolViolation)
 *   unknown frames     ignored (a fault switch lives here)
 *   stream data        within the data limits, placed by offset      (close: FlowControlError)
 *   money              split by shares                               (credits, not yet committed)
 *   minimum amount     not below the sender's minimum                (Reject with reply)
 *   fulfillable        the condition is this packet's                (Reject with reply: a probe)
 *   receive max        within each stream's receiveMax               (close: FlowControlError)
 *
 * Order: decrypt first (everything reads the packet); the closed check before any frame changes state;
 * stream IDs before data and money (they open streams); the receive maximum after fulfillable, so a rate
 * probe (unfulfillable, any amount) gets the limits in its reply instead of a closed connection. Rejects are F99 (an application error at the receiver) with
 * triggeredBy = the receiver's address, except F06 where nothing could be read.
 */
import { PacketType, type IlpFulfill, type IlpReject, type IlpReply } from '../../lib/codec';
import type { PrepareContext } from './context';
import { CloseConnection, RejectWithReply, Undecryptable } from './errors';
import { encryptedReply, replyFrames } from './reply';
import type { ConnectionDirectory } from './directory';
import { createDecryptRule } from './rules/decrypt';
import { createPacketTypeRule } from './rules/packet-type';
import { createClosedConnectionRule } from './rules/closed-connection';
import { createAssetDetailsRule } from './rules/asset-details';
import { createStreamIdRule } from './rules/stream-ids';
import { createUnknownFrameRule } from './rules/unknown-frames';
import { createStreamDataRule } from './rules/stream-data';
import { createMoneyRule } from './rules/money';
import { createMinimumAmountRule } from './rules/minimum-amount';
import { createFulfillableRule } from './rules/fulfillable';
import { createReceiveMaxRule } from './rules/receive-max';

export function createReceiverPipeline(directory: ConnectionDirectory, address: string) {
  const checks = [
    createDecryptRule(directory),
    createPacketTypeRule(),
    createClosedConnectionRule(),
    createAssetDetailsRule(),
    createStreamIdRule(),
    createUnknownFrameRule(),
    createStreamDataRule(),
    createMoneyRule(),
    createMinimumAmountRule(),
  ];
  const fulfillable = createFulfillableRule();
  const receiveMax = createReceiveMaxRule();

  const reject = (code: string, message: string, data: Uint8Array = new Uint8Array(0)): IlpReject => ({
    type: PacketType.Reject, code, triggeredBy: address, message: message.slice(0, 500), data,
  });

  return (ctx: PrepareContext): IlpReply => {
    try {
      for (const rule of checks) rule(ctx);
      const fulfillment = fulfillable(ctx);
      receiveMax(ctx);
      // FAULT no-money-credit
      if (!ctx.faults.has('no-money-credit')) for (const [id, credit] of ctx.credits) ctx.connection!.stream(id)!.totalReceived += credit;
      const fulfill: IlpFulfill = { type: PacketType.Fulfill, fulfillment, data: encryptedReply(ctx, 13, replyFrames(ctx)) };
      return fulfill;
    } catch (error) {
      if (error instanceof Undecryptable) {
        // FAULT undecryptable-f99
        return reject(ctx.faults.has('undecryptable-f99') ? 'F99' : 'F06', `Unexpected Payment: ${error.message}`);
      }
      if (error instanceof CloseConnection) {
        const connection = ctx.connection!;
        // The reply names why the connection closed: this violation, or the earlier cause of a closed one.
        if (!connection.closed) connection.closed = { errorCode: error.errorCode, message: error.message };
        return reject('F99', `connection closed: ${error.message}`, encryptedReply(ctx, 14, replyFrames(ctx, connection.closed)));
      }
      if (error instanceof RejectWithReply) {
        // FAULT probe-reject-without-reply
        const data = ctx.faults.has('probe-reject-without-reply') ? new Uint8Array(0) : encryptedReply(ctx, 14, replyFrames(ctx));
        return reject('F99', error.message, data);
      }
      throw error;
    }
  };
}
