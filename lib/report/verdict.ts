import type { Level, RunModel, ScenarioResult } from './run-model';

/**
 * The run's verdict (DESIGN §9, ANCHORS lessons 6, 11, 19).
 *
 * 1. incomplete (exit 3): nothing ran, the target could not be reached (probe failed, or no scenario passed
 *    and every one that did not pass shows a transport failure), a BeforeAll/AfterAll hook or the run itself
 *    broke, every scenario errored, or a MUST-level scenario errored (so no MUST verdict can be given).
 *    A run the harness could not finish is never called "not conformant".
 * 2. not conformant (exit 1): a MUST-level scenario failed. This stands even if other scenarios errored:
 *    a failed MUST is evidence against the target whatever else happened; `complete` is then false.
 * 3. conformant with warnings (exit 0): every MUST passed (or was skipped for a capability the target does
 *    not declare), and a SHOULD was missed (warning), a MAY is not implemented, or a SHOULD/MAY scenario errored.
 * 4. conformant (exit 0): everything else.
 * Skipped scenarios never count against the target; the report lists them.
 */
export type VerdictName = 'conformant' | 'conformant-with-warnings' | 'not-conformant' | 'incomplete';

export interface Reachability {
  readonly reached: boolean;
  readonly detail: string;
}

/** Why a run is incomplete; every cause but must-errored means the harness or the target setup is at fault. */
export type IncompleteCause = 'unreachable' | 'nothing-ran' | 'all-errored' | 'run-problem' | 'must-errored' | 'adapter-unusable';

export interface Verdict {
  readonly result: VerdictName;
  readonly incompleteCause?: IncompleteCause;
  /** Every selected scenario ran to a passed/failed/skipped end. */
  readonly complete: boolean;
  readonly exitCode: 0 | 1 | 3;
  readonly reasons: string[];
}

export const VERDICT_TITLES: Record<VerdictName, string> = {
  conformant: 'Conformant',
  'conformant-with-warnings': 'Conformant with warnings',
  'not-conformant': 'Not conformant',
  incomplete: 'Incomplete',
};

/**
 * Exception types (the error's name, as Cucumber reports it) that stop a scenario for a reason outside the
 * target's conformance: lib/targets/circuit-breaker.ts TargetUnreachable, lib/targets/codec-target.ts
 * CodecAdapterUnusable. Told by type, never by message text; the text only fills in the detail.
 */
const CIRCUIT_OPEN_TYPE = 'TargetUnreachable';
const ADAPTER_UNUSABLE_TYPE = 'CodecAdapterUnusable';
const CIRCUIT_OPEN_COUNT = /after (\d+) consecutive connection failures/;
const ADAPTER_UNUSABLE_REASON = /Codec adapter unusable: ([^\n]*)/;

const TRANSPORT_FAILURE = /transport failure|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up|could not be reached/i;

export function computeVerdict(model: Pick<RunModel, 'scenarios' | 'runProblems'>, reachability?: Reachability): Verdict {
  const scenarios = model.scenarios;
  const of = (status: ScenarioResult['status'], level?: Level) =>
    scenarios.filter((s) => s.status === status && (level === undefined || s.level === level));
  const errored = of('errored');
  // Only a check judging a MUST-level requirement leaves a scenario `failed` (run-model.ts refines the rest).
  const mustFailed = of('failed');
  const complete = errored.length === 0 && model.runProblems.length === 0 && scenarios.length > 0 && reachability?.reached !== false;
  const list = (items: readonly ScenarioResult[]) =>
    items.slice(0, 5).map((s) => `${s.requirements.join(' ') || 'no requirement'}: ${s.name}`).join('; ') + (items.length > 5 ? `; and ${items.length - 5} more` : '');

  if (reachability && !reachability.reached) {
    return incomplete('unreachable', `The target could not be reached: ${reachability.detail}. Check the URL and that the target is running.`);
  }
  const tripped = scenarios.filter((s) => s.exceptionType === CIRCUIT_OPEN_TYPE);
  if (tripped.length > 0) {
    const limit = CIRCUIT_OPEN_COUNT.exec(tripped[0]!.message ?? '')?.[1] ?? '?';
    return incomplete('unreachable', `Target unreachable after ${limit} consecutive connection failures: the run stopped sending, and ${tripped.length} scenario(s) were not run. No verdict on the target; check that it is running and the URL is right.`);
  }
  const unusable = scenarios.filter((s) => s.exceptionType === ADAPTER_UNUSABLE_TYPE);
  if (unusable.length > 0) {
    const reason = ADAPTER_UNUSABLE_REASON.exec(unusable[0]!.message ?? '')?.[1] ?? '';
    return incomplete('adapter-unusable', `The codec adapter became unusable, so ${unusable.length} scenario(s) could not be judged: ${reason}`);
  }
  if (scenarios.length === 0) {
    return incomplete('nothing-ran', model.runProblems.length > 0 ? `No scenario ran: ${problemText(model)}` : 'No scenario matched the selection, so nothing was tested.');
  }
  if (neverReached(scenarios)) {
    return incomplete('unreachable', 'The target was never reached: no scenario passed and every failure is a transport failure. Check the target URL and topology.');
  }
  if (errored.length === scenarios.length) {
    return incomplete('all-errored', `Every scenario errored, so the harness or its configuration is broken, not the target: ${list(errored)}.`);
  }
  if (mustFailed.length > 0) {
    const reasons = [`${mustFailed.length} MUST-level scenario(s) failed: ${list(mustFailed)}.`];
    if (!complete) reasons.push(`The run is also incomplete: ${errored.length} scenario(s) errored${model.runProblems.length ? ` and ${problemText(model)}` : ''}.`);
    return { result: 'not-conformant', complete, exitCode: 1, reasons };
  }
  if (model.runProblems.length > 0) {
    return incomplete('run-problem', `The run itself broke: ${problemText(model)}.`);
  }
  const mustErrored = of('errored', 'must');
  if (mustErrored.length > 0) {
    return incomplete('must-errored', `${mustErrored.length} MUST-level scenario(s) errored (the harness broke), so no verdict can be given on them: ${list(mustErrored)}.`);
  }
  const warnings = scenarios.filter((s) => s.status === 'warning' || s.status === 'not-implemented' || (s.status === 'errored' && s.level !== 'must'));
  const skippedMust = of('skipped', 'must');
  const notes = skippedMust.length ? [`${skippedMust.length} MUST-level scenario(s) were skipped (each with its reason: a capability not declared, or not observable) and are not covered by this verdict.`] : [];
  if (warnings.length > 0) {
    return {
      result: 'conformant-with-warnings',
      complete,
      exitCode: 0,
      reasons: [`Every MUST-level scenario passed; ${warnings.length} SHOULD/MAY-level scenario(s) did not (warnings and MAYs not implemented): ${list(warnings)}.`, ...notes],
    };
  }
  return { result: 'conformant', complete, exitCode: 0, reasons: ['Every MUST-level scenario passed.', ...notes] };

  function incomplete(cause: IncompleteCause, reason: string): Verdict {
    return { result: 'incomplete', incompleteCause: cause, complete: false, exitCode: 3, reasons: [reason] };
  }
}

function neverReached(scenarios: readonly ScenarioResult[]): boolean {
  if (scenarios.some((s) => s.status === 'passed')) return false;
  const bad = scenarios.filter((s) => s.status === 'failed' || s.status === 'errored');
  return bad.length > 0 && bad.every((s) => TRANSPORT_FAILURE.test(s.message ?? ''));
}

function problemText(model: Pick<RunModel, 'runProblems'>): string {
  return model.runProblems.map((p) => `${p.where}: ${p.message.split('\n')[0]}`).join('; ');
}
