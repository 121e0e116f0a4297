/**
 * Rule 8: split the Prepare's amount between its StreamMoney streams by shares, rounded down, the remainder
 * to the lowest-numbered stream (RFC 29 §5.3.8, STREAM-026). The credits are only computed here; the receive
 * maximum is checked by receive-max.ts once the Prepare is known to be fulfillable, and the pipeline commits
 * the credits when it fulfills. Money to a stream the sender closed is refused with the reply (this receiver
 * keeps no half-open streams for money, STREAM-020).
 */
import type { PrepareContext } from '../context';
import { RejectWithReply } from '../errors';

export function createMoneyRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    const money = ctx.packet!.frames.flatMap((f) => (f.name === 'StreamMoney' && f.shares > 0n ? [f] : []));
    const amount = ctx.prepare.amount;
    if (money.length === 0) {
      if (amount > 0n) throw new RejectWithReply(`amount=${amount} reason="money with no StreamMoney frame"`);
      return;
    }
    const totalShares = money.reduce((n, f) => n + f.shares, 0n);
    let given = 0n;
    for (const f of money) {
      const share = (amount * f.shares) / totalShares;
      ctx.credits.set(f.streamId, (ctx.credits.get(f.streamId) ?? 0n) + share);
      given += share;
    }
    const lowest = money.map((f) => f.streamId).sort((a, b) => (a < b ? -1 : 1))[0]!;
    ctx.credits.set(lowest, ctx.credits.get(lowest)! + (amount - given));
    for (const [id, credit] of ctx.credits) {
      const stream = connection.stream(id)!;
      ctx.touched.add(id);
      if (stream.closedBySender && credit > 0n) throw new RejectWithReply(`streamId=${id} reason="stream closed"`);
    }
  };
}
