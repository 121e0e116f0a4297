/**
 * Rule 3: a closed connection takes no more money or data (RFC 29 §5.3.1, STREAM-021; this receiver does not
 * keep half-open connections). A packet carrying the sender's ConnectionClose is still answered; every later
 * Prepare is refused with a ConnectionClose frame in the reply. Must sit before the frame rules.
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createClosedConnectionRule() {
  return (ctx: PrepareContext): void => {
    const connection = ctx.connection!;
    // FAULT money-after-close
    if (ctx.faults.has('money-after-close')) return;
    if (connection.closed) throw new CloseConnection('NoError', `reason="connection already closed" errorCode=${connection.closed.errorCode}`);
    // The packet that carries the sender's ConnectionClose is answered as usual; the connection is closed from the next one on.
    const close = ctx.packet!.frames.find((f) => f.name === 'ConnectionClose');
    if (close && close.name === 'ConnectionClose') connection.closed = { errorCode: close.errorCode, message: close.errorMessage };
  };
}
