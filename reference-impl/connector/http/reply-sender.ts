/**
 * Delivers our Fulfill or Reject to an async-mode peer's Callback-Url (RFC 35 draft 3, HTTP-009, HTTP-011):
 * POST with Content-Type application/octet-stream, the peer's Request-Id and our outgoing token.
 * Stops at the first 2xx or 4xx. Retries after a 5xx, a failed connection or no answer within
 * ATTEMPT_TIMEOUT_MS, with doubling pauses, at most MAX_ATTEMPTS times and only while the next attempt
 * would start before the deadline (the Prepare's expiry, but never less than MIN_BUDGET_MS from now, so
 * a Reject for an expired or undecodable Prepare is still delivered).
 */
import { Cancellation } from '../transport';
import { NO_FAULTS, type WithFaults } from '../faults';
import { bearer } from './headers';
import { postBytes, type PostOptions, type PostTarget, postTarget } from './post';

export const MAX_ATTEMPTS = 6;
export const ATTEMPT_TIMEOUT_MS = 1000;
export const FIRST_PAUSE_MS = 50;
export const MIN_BUDGET_MS = 2000;

export interface ReplySenderOptions extends WithFaults {
  readonly agents: PostOptions['agents'];
  /** Defaults MAX_ATTEMPTS, ATTEMPT_TIMEOUT_MS, FIRST_PAUSE_MS, MIN_BUDGET_MS (tests shorten them). */
  readonly maxAttempts?: number;
  readonly attemptTimeoutMs?: number;
  readonly firstPauseMs?: number;
  readonly minBudgetMs?: number;
  /** Told when a reply could not be delivered (no tokens in the line). */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

export class ReplySender {
  private readonly closing = new Cancellation();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly opts: ReplySenderOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Resolves when delivered or given up; never rejects. */
  send(callbackUrl: string, token: string, requestId: string, body: Uint8Array, expiresAt?: Date): Promise<void> {
    const deadline = Math.max(expiresAt?.getTime() ?? 0, this.now() + (this.opts.minBudgetMs ?? MIN_BUDGET_MS));
    const delivery = this.deliver(callbackUrl, token, requestId, body, deadline);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  /** Stops every retry and in-flight callback. */
  async close(): Promise<void> {
    this.closing.cancel();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
  }

  private async deliver(url: string, token: string, requestId: string, body: Uint8Array, deadline: number): Promise<void> {
    const target: PostTarget = postTarget(url);
    const faults = this.opts.faults ?? NO_FAULTS;
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', Authorization: bearer(token), 'Request-Id': requestId };
    // FAULT callback-without-request-id.
    if (faults.has('callback-without-request-id')) delete headers['Request-Id'];
    const maxAttempts = this.opts.maxAttempts ?? MAX_ATTEMPTS;
    const timeoutMs = this.opts.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS;
    let pause = this.opts.firstPauseMs ?? FIRST_PAUSE_MS;
    let outcome = '';
    for (let attempt = 1; attempt <= maxAttempts && !this.closing.cancelled; attempt++) {
      try {
        const response = await postBytes(target, headers, body, { agents: this.opts.agents, cancellation: this.closing, timeoutMs });
        // FAULT retry-after-4xx: a 4xx is retried like a 5xx.
        if (response.status < 500 && !(response.status >= 400 && faults.has('retry-after-4xx'))) return; // 2xx delivered; 4xx: the peer refuses it, retrying cannot help
        outcome = `HTTP ${response.status}`;
        // FAULT no-retry-after-5xx: give up at once.
        if (faults.has('no-retry-after-5xx')) break;
      } catch (error) {
        outcome = (error as Error).message;
      }
      if (attempt === maxAttempts || this.now() + pause >= deadline) break;
      await this.sleep(pause);
      pause *= 2;
    }
    this.opts.log?.(`callback ${target.hostname}:${target.port}${target.path.split('?')[0]} Request-Id=${requestId} not delivered: ${outcome || 'connector closing'}`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const removeListener = this.closing.onCancel(resolve);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        removeListener();
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}
