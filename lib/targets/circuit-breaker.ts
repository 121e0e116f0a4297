import type { SentPrepare } from '../peers/sender';

/**
 * Stops a run against a target that is not there any more. Counts consecutive scenarios whose exchanges all
 * ended in a connection-level failure (refused, connect timed out, reset or closed before any HTTP response);
 * any HTTP response, even a broken one, resets the count, and a scenario that sent nothing leaves it alone.
 * After `limit` such scenarios the circuit is open: steps/support/connector-worker.ts makes every further
 * scenario of the worker error at once with a TargetUnreachable (its message is `openMessage()`), and
 * lib/report/verdict.ts reads that exception type as "target unreachable" (exit 3) instead of a page of
 * scenarios timing out one after another.
 *
 * One per connector target, so one per Cucumber worker; a worker runs its scenarios one at a time.
 * Does not: count a hang or a slow body (the SUT answered the connection; those are its failures to judge).
 */
export const DEFAULT_MAX_UNREACHABLE = 5;

/** The error every scenario after the circuit opened ends with; verdict.ts knows it by its type (name). */
export class TargetUnreachable extends Error {
  override readonly name = 'TargetUnreachable';
  constructor(readonly consecutiveFailures: number, message: string) {
    super(message);
  }
}

export class ConnectionBreaker {
  private consecutive = 0;
  private sawFailure = false;
  private sawAnswer = false;
  private lastReason = '';

  /** `limit` 0 disables the breaker. */
  constructor(readonly limit: number = DEFAULT_MAX_UNREACHABLE) {}

  /** Every exchange with the SUT passes through here. */
  note(sent: SentPrepare): void {
    if (sent.connectFailure) {
      this.sawFailure = true;
      if (sent.outcome.kind === 'transport-failure') this.lastReason = sent.outcome.reason;
    } else {
      this.sawAnswer = true;
    }
  }

  /** At the end of each scenario. */
  endScenario(): void {
    if (this.sawAnswer) this.consecutive = 0;
    else if (this.sawFailure) this.consecutive += 1;
    this.sawAnswer = false;
    this.sawFailure = false;
  }

  get open(): boolean {
    return this.limit > 0 && this.consecutive >= this.limit;
  }

  /** The error a scenario run after the circuit opened throws. */
  openError(): TargetUnreachable {
    return new TargetUnreachable(this.consecutive, this.openMessage());
  }

  openMessage(): string {
    return `Circuit open: target unreachable after ${this.consecutive} consecutive connection failures (last: ${this.lastReason || 'unknown'}); this scenario was not run. Check that the target is running and the URL is right.`;
  }
}
