/**
 * How connector Then-steps fail: `Requirement: <ID> (<level>) <summary>` / `Expected: ...` / `Actual: ...`,
 * with the actual outcome in full (code, triggeredBy, message, data, HTTP status, timing), so a failure can be
 * read without opening the transcript. The requirement IDs come from the scenario's tags.
 */
import { errorCodeClass } from '../../lib/codec';
import type { Judged } from '../../lib/judgement/judge';
import { describeOutcome, type Outcome } from '../../lib/targets/outcome';
import type { SentPrepare } from '../../lib/peers/sender';
import type { ForwardedPrepare } from '../../lib/peers/scenario-script';
import type { ConnectorScenario, Exchange } from './connector-scenario';

/**
 * Fails the check (lib/judgement/judge.ts): `judged` names the requirement(s) this check is about; the
 * default is the scenario's primary requirement (its first tag).
 */
export function fail(scenario: ConnectorScenario, expected: string, actual: string, judged: Judged = 'primary'): never {
  return scenario.judgements.fail(judged, expected, actual);
}

/** Records a check and fails when `passed` is false. */
export function check(scenario: ConnectorScenario, judged: Judged, passed: boolean, expected: string, actual: string | (() => string)): void {
  scenario.judgements.judge(judged, passed, expected, actual);
}

/** One line for everything the harness knows about an exchange's result. */
export function describeSent(sent: SentPrepare): string {
  const parts = [describeOutcome(sent.outcome)];
  if (sent.response) parts.push(`HTTP ${sent.response.status}`);
  if (sent.mode === 'async') parts.push(`${sent.callbacks.length} callback(s)`);
  const elapsed = elapsedOf(sent.outcome);
  if (elapsed !== undefined) parts.push(`after ${elapsed} ms`);
  if (sent.prepare) {
    const left = sent.prepare.expiresAt.getTime() - (sent.sentAt + (elapsed ?? 0));
    parts.push(`${left} ms before the Prepare's expiry`);
  }
  return parts.join(', ');
}

function elapsedOf(outcome: Outcome): number | undefined {
  return outcome.kind === 'timed-out' ? outcome.afterMs : outcome.elapsedMs;
}

export function describeForwarded(f: ForwardedPrepare | undefined): string {
  if (!f) return 'nothing arrived';
  if (!f.prepare) return `a body that is not a Prepare (${f.decodeError}), ${f.raw.length} bytes`;
  const p = f.prepare;
  return `Prepare amount=${p.amount} expiresAt=${p.expiresAt.toISOString()} destination=${p.destination} condition=${hex(p.executionCondition)} data ${p.data.length} bytes`;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

export type RejectExpectation =
  | { readonly codes: readonly string[] }
  | { readonly classes: readonly ('final' | 'temporary' | 'relative')[] }
  | { readonly any: true };

export function describeExpectation(e: RejectExpectation): string {
  if ('codes' in e) return `a Reject with code ${e.codes.join(' or ')}`;
  if ('classes' in e) return `a ${e.classes.join(' or ')} Reject (${e.classes.map((c) => `${c[0]!.toUpperCase()}xx`).join(' or ')})`;
  return 'a Reject (any code)';
}

/**
 * Waits for the exchange's answer, marks it judged, and fails unless it is a Reject meeting `expectation`.
 * Returns the answer for further checks.
 */
export async function expectReject(scenario: ConnectorScenario, exchange: Exchange, expectation: RejectExpectation): Promise<SentPrepare> {
  const sent = await scenario.resultOf(exchange);
  scenario.inspect(exchange);
  const o = sent.outcome;
  const ok =
    o.kind === 'rejected' &&
    ('codes' in expectation
      ? expectation.codes.includes(o.reject.code)
      : 'classes' in expectation
        ? expectation.classes.includes(errorCodeClass(o.reject.code) as 'final')
        : true);
  if (!ok) fail(scenario, `${exchange.from} receives ${describeExpectation(expectation)}`, describeSent(sent));
  if (o.kind === 'rejected') scenario.script.transcript.note(`judged: ${exchange.from} received Reject ${o.reject.code}`);
  return sent;
}

export async function expectFulfill(scenario: ConnectorScenario, exchange: Exchange): Promise<SentPrepare> {
  const sent = await scenario.resultOf(exchange);
  scenario.inspect(exchange);
  if (sent.outcome.kind !== 'fulfilled') fail(scenario, `${exchange.from} receives a Fulfill`, describeSent(sent));
  return sent;
}
