/**
 * Outgoing Prepares to async-mode peers that wait for their callback (RFC 35 draft 3): keyed by peer and
 * Request-Id. `deliver` hands over the first callback body and forgets the entry, so a second callback
 * for the same Request-Id, or one for an id we never sent or already gave up on, finds nothing
 * (the server answers those 400, HTTP-010, HTTP-012).
 */
import { type Cancellation, TransportError } from '../transport';

interface Waiter {
  readonly resolve: (body: Buffer) => void;
  readonly reject: (error: Error) => void;
}

export class PendingReplies {
  private readonly waiting = new Map<string, Waiter>();

  /** Registers before the request is sent (the callback may beat the 202). Cancelling forgets it. */
  expect(peerName: string, requestId: string, cancellation: Cancellation): Promise<Buffer> {
    const key = keyOf(peerName, requestId);
    return new Promise<Buffer>((resolve, reject) => {
      if (cancellation.cancelled) {
        reject(new TransportError('aborted', 'stopped before the callback arrived'));
        return;
      }
      const removeListener = cancellation.onCancel(() => {
        this.waiting.delete(key);
        reject(new TransportError('aborted', 'stopped before the callback arrived'));
      });
      this.waiting.set(key, {
        resolve: (body) => {
          removeListener();
          resolve(body);
        },
        reject: (error) => {
          removeListener();
          reject(error);
        },
      });
    });
  }

  /** Hands the body to the waiting request. False when nothing waits for this peer and Request-Id. */
  deliver(peerName: string, requestId: string, body: Buffer): boolean {
    const key = keyOf(peerName, requestId);
    const waiter = this.waiting.get(key);
    if (!waiter) return false;
    this.waiting.delete(key);
    waiter.resolve(body);
    return true;
  }

  /** Fails the waiting request (e.g. the peer did not answer 202). */
  fail(peerName: string, requestId: string, error: Error): void {
    const key = keyOf(peerName, requestId);
    const waiter = this.waiting.get(key);
    if (!waiter) return;
    this.waiting.delete(key);
    waiter.reject(error);
  }

  /** Fails everything still waiting; used when the connector closes. */
  failAll(error: Error): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiters) waiter.reject(error);
  }

  get size(): number {
    return this.waiting.size;
  }
}

function keyOf(peerName: string, requestId: string): string {
  return `${peerName} ${requestId.toLowerCase()}`;
}
