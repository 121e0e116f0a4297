/**
 * Rule 6: data within the advertised limits, placed by offset (RFC 29 §4.4.4, §4.5, §5.3.11; STREAM-015,
 * STREAM-016, STREAM-022). Data past a stream's StreamMaxData or the connection's ConnectionMaxData closes the
 * connection with FlowControlError. A segment already held at its offset is a resend and counts once.
 * StreamClose marks the stream closed by the sender. Does not: touch money.
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createStreamDataRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    const { streamMaxData, connectionMaxData } = connection.limits;
    for (const f of ctx.packet!.frames) {
      if (f.name === 'StreamClose') {
        connection.stream(f.streamId)!.closedBySender = true;
        ctx.touched.add(f.streamId);
        continue;
      }
      if (f.name !== 'StreamData') continue;
      const stream = connection.stream(f.streamId)!;
      ctx.touched.add(f.streamId);
      const end = f.offset + BigInt(f.data.length);
      // FAULT no-stream-data-limit
      // FAULT stream-data-limit-off-by-one
      const over = ctx.faults.has('stream-data-limit-off-by-one') ? end >= streamMaxData : end > streamMaxData;
      if (over && !ctx.faults.has('no-stream-data-limit')) {
        throw new CloseConnection('FlowControlError', `streamId=${f.streamId} end=${end} maxOffset=${streamMaxData}`);
      }
      // FAULT count-resent-data
      if (stream.segments.has(f.offset) && !ctx.faults.has('count-resent-data')) continue;
      const total = connection.dataReceived + BigInt(f.data.length);
      // FAULT no-connection-data-limit
      if (total > connectionMaxData && !ctx.faults.has('no-connection-data-limit')) {
        throw new CloseConnection('FlowControlError', `connectionData=${total} maxOffset=${connectionMaxData}`);
      }
      stream.segments.set(f.offset, f.data);
      connection.dataReceived = total;
      if (end > stream.dataEnd) stream.dataEnd = end;
    }
  };
}
