import type * as messages from '@cucumber/messages';

/**
 * How a scenario's steps ended, in four words (DESIGN §9); run-model.ts refines a failure by the level of
 * the requirement whose check failed (warning, not implemented):
 * - passed:  every step and hook passed.
 * - failed:  the target did something a requirement forbids: a step's check failed, so it threw the one
 *            failure type (RequirementFailure, lib/judgement/judge.ts) or node:assert's AssertionError.
 *            Told by the exception's type, never by its text.
 * - errored: the harness broke: any other exception (a TypeError in a step, a hook that could not start a
 *            server, a Cucumber step timeout, the After hook finding an outcome no step judged), an
 *            undefined, ambiguous or pending step. Never blamed on the target.
 * - skipped: a step returned 'skipped' (a capability the target does not declare) and nothing failed.
 * The first step or hook that did not pass decides; skips that follow a failure do not count.
 */
export type StepStatus = 'passed' | 'failed' | 'skipped' | 'errored';

/**
 * A scenario's status in the report: a failure whose check judged only SHOULD-level requirements is a
 * `warning`, only MAY-level ones `not-implemented` (the target does not do what it may do).
 */
export type ScenarioStatus = StepStatus | 'warning' | 'not-implemented';

export interface StepJudgement {
  readonly status: StepStatus;
  readonly message: string | undefined;
}

/** Exception types that mean "a check failed" (the error's class name, as Cucumber reports it). */
const FAILURE_TYPES: ReadonlySet<string> = new Set(['RequirementFailure', 'AssertionError']);

export function isAssertionFailure(exception: messages.Exception | undefined): boolean {
  return exception !== undefined && FAILURE_TYPES.has(exception.type);
}

export function classifyStep(result: messages.TestStepResult): StepJudgement {
  const message = result.exception?.message ?? result.message;
  switch (result.status) {
    case 'PASSED':
      return { status: 'passed', message: undefined };
    case 'SKIPPED':
      return { status: 'skipped', message: undefined };
    case 'FAILED':
      return { status: isAssertionFailure(result.exception) ? 'failed' : 'errored', message: firstLines(message) };
    case 'UNDEFINED':
      return { status: 'errored', message: 'No step definition matches this step (the suite is incomplete).' };
    case 'AMBIGUOUS':
      return { status: 'errored', message: firstLines(message) ?? 'More than one step definition matches this step.' };
    case 'PENDING':
      return { status: 'errored', message: 'The step is marked pending (not implemented yet).' };
    default:
      return { status: 'errored', message: firstLines(message) ?? `The step ended with status ${result.status}.` };
  }
}

/** The scenario's status from its steps and hooks in run order. */
export function scenarioStatus(steps: readonly StepJudgement[]): { status: StepStatus; index: number } {
  const decisive = steps.findIndex((s) => s.status === 'failed' || s.status === 'errored');
  if (decisive >= 0) return { status: steps[decisive]!.status, index: decisive };
  const skipped = steps.findIndex((s) => s.status === 'skipped');
  if (skipped >= 0) return { status: 'skipped', index: skipped };
  return { status: 'passed', index: -1 };
}

/** Messages keep their lines (Expected/Actual); Cucumber appends stack frames after a blank line on some errors. */
function firstLines(message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  const trimmed = message.replace(/\n\s+at [^\n]+/g, '').trim();
  return trimmed.length > 4000 ? `${trimmed.slice(0, 4000)}... (${trimmed.length} characters)` : trimmed;
}

/**
 * One line that says what went wrong: "Expected: X / Actual: Y" when the message has them (the suite's
 * judgement format), else its first line that is not the `Requirement:` header.
 */
export function headline(message: string | undefined): string {
  if (!message) return '';
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const expected = lines.find((l) => /^Expected:/.test(l));
  const actual = lines.find((l) => /^Actual:/.test(l));
  if (expected && actual) return `${expected} / ${actual}`;
  if (actual) return actual;
  return lines.find((l) => !/^Requirement:/.test(l)) ?? lines[0] ?? '';
}
