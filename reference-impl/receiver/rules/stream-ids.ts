/**
 * Rule 5: a client opens odd-numbered streams only (RFC 29 §4.4.1, STREAM-013). A StreamMoney or StreamData
 * frame for an unopened even-numbered stream closes the connection with ProtocolViolation; an odd one opens
 * the stream. Must sit before the money and data rules, which need the streams open.
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createStreamIdRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    for (const f of ctx.packet!.frames) {
      if (f.name !== 'StreamMoney' && f.name !== 'StreamData' && f.name !== 'StreamClose') continue;
      if (connection.stream(f.streamId)) continue;
      // FAULT accept-even-stream-ids
      // FAULT inverted-stream-parity
      const serverParity = ctx.faults.has('inverted-stream-parity') ? 1n : 0n;
      if (f.streamId % 2n === serverParity && !ctx.faults.has('accept-even-stream-ids')) {
        throw new CloseConnection('ProtocolViolation', `streamId=${f.streamId} reason="a client stream ID must be odd"`);
      }
      if (f.streamId === 0n) throw new CloseConnection('ProtocolViolation', 'streamId=0 reason="stream 0 does not exist"');
      connection.open(f.streamId);
    }
  };
}
