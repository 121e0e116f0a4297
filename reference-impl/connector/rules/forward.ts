import type { IlpRule } from '../context';
import { required } from '../context';
import { InternalError, PeerUnreachableError, TransferTimedOutError, UnreachableError } from '../errors';
import { type Cancellation, CUT_OFF, TransportError, type SendPrepare } from '../transport';
import { NO_FAULTS, type Faults, type WithFaults } from '../faults';

export interface ForwardOptions extends WithFaults {
  readonly send: SendPrepare;
}

/**
 * Sends the Prepare to the next hop with only amount and expiresAt changed (PKT-011..014: condition,
 * destination and data go on unchanged) and returns its reply as it came (ERR-011, ERR-012).
 * Transport failures become T-class Rejects (RFC 35 Error Handling, ERR-014, HTTP-013); our choice:
 *   - unreachable (refused, reset, closed) and HTTP 4xx or other unexpected status -> T01 Peer Unreachable:
 *     a route exists but the next hop would not take the packet;
 *   - HTTP 5xx and a body that is no ILP reply -> T00, the code RFC 35 names for a server error;
 *   - aborted (the forwarded expiry passed) -> R00.
 *
 * Position: last; it never calls next.
 * Does not: time the next hop out (outgoing-expiry) or check the fulfillment (check-fulfillment).
 */
export function createForwardRule(opts: ForwardOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'forward',
    async handle(ctx) {
      const peer = required(ctx.nextHop, 'nextHop', 'route');
      let prepare = {
        ...ctx.prepare,
        amount: required(ctx.outgoingAmount, 'outgoingAmount', 'exchange-rate'),
        expiresAt: required(ctx.outgoingExpiresAt, 'outgoingExpiresAt', 'reduce-expiry'),
      };
      const cancellation = required(ctx.cancellation, 'cancellation', 'outgoing-expiry');
      // FAULT alter-forwarded-data / alter-forwarded-condition: the Prepare is changed on the way.
      if (faults.has('alter-forwarded-data')) prepare = { ...prepare, data: prepare.data.subarray(0, Math.max(0, prepare.data.length - 1)) };
      if (faults.has('alter-forwarded-condition')) {
        const condition = Buffer.from(prepare.executionCondition);
        condition[0]! ^= 1;
        prepare = { ...prepare, executionCondition: condition };
      }
      // A transport failure becomes the Reject below. Emptying this handler only changes which temporary code
      // the sender gets (T00 from reject-on-error), which the RFC allows too: see transportFailure.
      // Stryker disable next-line BlockStatement,ArrowFunction: see above
      const reply = await opts.send(peer, prepare, cancellation).catch((error: unknown) => {
        // FAULT miss-cut-off-reply: a response reset halfway goes unnoticed; the wait ends at the expiry (R00).
        if (faults.has('miss-cut-off-reply') && error instanceof TransportError && error.message.startsWith(CUT_OFF)) return untilCancelled(cancellation);
        return transportFailure(error, peer.name, faults);
      });
      // FAULT alter-relayed-reject / alter-fulfill-data: the reply loses its data.
      if (reply.type === 14 && faults.has('alter-relayed-reject')) return { ...reply, data: new Uint8Array(0) };
      if (reply.type === 13 && faults.has('alter-fulfill-data')) return { ...reply, data: new Uint8Array(0) };
      return reply;
    },
  };
}

/**
 * Which code a transport failure gets is the connector's choice: RFC 35 allows any final or temporary code and
 * asks for a temporary one on a 5xx. Every branch here is temporary, and so is what a broken branch falls
 * through to (T00 from reject-on-error), so the suite rightly accepts them all; a stopped request comes after
 * outgoing-expiry has already answered R00. For mutation testing these choices are equivalent.
 */
// Stryker disable all: equivalent for every scenario by the RFC's own allowance, see above
function transportFailure(error: unknown, peer: string, faults: Faults): never {
  if (!(error instanceof TransportError)) throw error;
  const details = { peer, reason: error.message };
  switch (error.kind) {
    case 'aborted':
      throw new TransferTimedOutError('the request to the next hop was stopped', details);
    case 'invalid-reply':
      throw new InternalError('the next hop sent something that is not an ILP reply', details);
    case 'status':
      // FAULT server-error-final-code: a 5xx becomes F02.
      if (error.status !== undefined && error.status >= 500 && faults.has('server-error-final-code')) throw new UnreachableError('the next hop failed', { ...details, status: error.status });
      if (error.status !== undefined && error.status >= 500) throw new InternalError('the next hop failed', { ...details, status: error.status });
      throw new PeerUnreachableError('the next hop refused the request', { ...details, status: error.status ?? 0 });
    case 'unreachable':
      // FAULT unreachable-final-code: a refused connection becomes F02, as if there were no route.
      if (faults.has('unreachable-final-code') && error.message.startsWith('ECONNREFUSED')) throw new UnreachableError('the next hop cannot be reached', details);
      throw new PeerUnreachableError('the next hop cannot be reached', details);
  }
}
// Stryker restore all

/** FAULT miss-cut-off-reply: settles only when outgoing-expiry cancels the request (it has answered R00 by then). */
function untilCancelled(cancellation: Cancellation): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(new TransportError('aborted', 'request stopped'));
    if (cancellation.cancelled) stop();
    else cancellation.onCancel(stop);
  });
}
