/**
 * Rule 11, after fulfillable: money a fulfillable Prepare would credit beyond a stream's receive maximum closes
 * the connection with FlowControlError (RFC 29 §4.4.4, STREAM-015). It sits after the condition check on
 * purpose: a sender's rate probe (unfulfillable, §6.1) may carry any amount, and is answered with the limits
 * instead of losing the connection. Does not: split the money (money.ts).
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createReceiveMaxRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    for (const [id, credit] of ctx.credits) {
      const wouldReceive = connection.stream(id)!.totalReceived + credit;
      // FAULT no-money-limit
      if (wouldReceive > connection.limits.streamReceiveMax && !ctx.faults.has('no-money-limit')) {
        throw new CloseConnection('FlowControlError', `streamId=${id} wouldReceive=${wouldReceive} receiveMax=${connection.limits.streamReceiveMax}`);
      }
    }
  };
}
