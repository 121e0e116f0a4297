import type * as messages from '@cucumber/messages';
import { REQUIREMENT_ID } from '../catalog/catalog';
import { classifyStep, headline, scenarioStatus, type StepStatus, type StepJudgement } from './status';

/**
 * What a person watching the run sees, rendered from the masked message stream (so no secret reaches a log).
 * On an interactive terminal: one progress bar line rewritten in place. In CI (CI set, or stdout not a TTY):
 * one plain line per finished scenario, which CI logs keep readable.
 */
export interface ProgressOptions {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Plain lines instead of a bar. */
  readonly plain: boolean;
}

const MARK: Record<StepStatus, string> = { passed: 'passed ', failed: 'FAILED ', errored: 'ERRORED', skipped: 'skipped' };

export function isPlainOutput(env: NodeJS.ProcessEnv, out: { isTTY?: boolean }): boolean {
  return Boolean(env.CI && env.CI !== 'false' && env.CI !== '0') || !out.isTTY;
}

export class ConsoleProgress {
  private readonly pickles = new Map<string, messages.Pickle>();
  private readonly testCases = new Map<string, messages.TestCase>();
  private readonly started = new Map<string, messages.TestCaseStarted>();
  private readonly steps = new Map<string, StepJudgement[]>();
  private total = 0;
  private done = 0;
  private readonly counts: Record<StepStatus, number> = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  private barShown = false;

  constructor(private readonly opts: ProgressOptions) {}

  onEnvelope(e: messages.Envelope): void {
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.testCase) {
      this.testCases.set(e.testCase.id, e.testCase);
      this.total += 1;
    }
    if (e.testCaseStarted) {
      this.started.set(e.testCaseStarted.id, e.testCaseStarted);
      this.steps.set(e.testCaseStarted.id, []);
    }
    if (e.testStepFinished) this.steps.get(e.testStepFinished.testCaseStartedId)?.push(classifyStep(e.testStepFinished.testStepResult));
    if (e.testCaseFinished) this.finished(e.testCaseFinished);
  }

  /** Clears the bar so the caller's next lines start clean. */
  end(): void {
    if (this.barShown) this.opts.out.write('\n');
    this.barShown = false;
  }

  private finished(f: messages.TestCaseFinished): void {
    const started = this.started.get(f.testCaseStartedId);
    const testCase = started ? this.testCases.get(started.testCaseId) : undefined;
    const pickle = testCase ? this.pickles.get(testCase.pickleId) : undefined;
    const judged = this.steps.get(f.testCaseStartedId) ?? [];
    const { status, index } = scenarioStatus(judged);
    if (f.willBeRetried) return;
    this.done += 1;
    this.counts[status] += 1;
    const ids = (pickle?.tags ?? []).map((t) => t.name).map((t) => t.slice(1)).filter((t) => REQUIREMENT_ID.test(t));
    const name = `${ids.length ? `${ids.join(' ')} ` : ''}${pickle?.name ?? '?'}`;
    if (this.opts.plain) {
      this.opts.out.write(`${MARK[status]} ${name}\n`);
      const message = index >= 0 ? judged[index]?.message : undefined;
      if ((status === 'failed' || status === 'errored') && message) this.opts.out.write(`        ${headline(message)}\n`);
      return;
    }
    this.drawBar(name);
  }

  private drawBar(current: string): void {
    const width = 24;
    const filled = this.total ? Math.round((this.done / this.total) * width) : 0;
    const c = this.counts;
    const head = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ok ${c.passed} fail ${c.failed} err ${c.errored} skip ${c.skipped} `;
    const room = Math.max(0, (this.opts.out.columns ?? 100) - head.length - 1);
    this.opts.out.write(`\r${head}${current.slice(0, room).padEnd(room)}`);
    this.barShown = true;
  }
}
