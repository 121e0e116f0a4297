/**
 * The self-test's judgement, kept apart from running anything so it can be unit-tested with made-up results:
 * given what each scenario did without faults and with each fault on, which requirements and scenarios caught
 * each fault, which faults nothing caught, and which MUST scenarios caught no fault.
 */
import { REQUIREMENT_ID } from '../lib/catalog/catalog';

export interface SelftestFault {
  readonly name: string;
  readonly target: 'connector' | 'ledger' | 'receiver' | 'mojaloop' | 'codec';
  readonly description: string;
  /** Catalog IDs whose scenarios must fail with this fault on. */
  readonly requirements: readonly string[];
  /** World parameters the fault runs with (contracts/faults.ts FaultInfo.worldParameters). */
  readonly worldParameters?: Readonly<Record<string, string>>;
}

/** One scenario of one run. `id` is stable across runs: `<feature path>:<line>`. */
export interface ScenarioOutcome {
  readonly id: string;
  readonly name: string;
  readonly tags: readonly string[];
  /** passed | failed | skipped | undefined | ambiguous | pending | unknown */
  readonly status: string;
  /** First line of the failure, for the table. */
  readonly message?: string;
}

export interface FaultVerdict {
  readonly fault: SelftestFault;
  /** The fault's requirements that some failing scenario carries. */
  readonly caughtBy: readonly string[];
  /** Scenarios (ids) that passed without faults and failed with this one. */
  readonly failing: readonly ScenarioOutcome[];
  readonly caught: boolean;
}

export interface SelftestVerdict {
  readonly faults: readonly FaultVerdict[];
  readonly uncaughtFaults: readonly string[];
  /** MUST scenarios that were run under at least one fault and failed under none. */
  readonly idleMustScenarios: readonly ScenarioOutcome[];
  /** Scenarios that did not pass without faults: they cannot catch anything. */
  readonly baselineFailures: readonly ScenarioOutcome[];
  readonly exitCode: number;
}

export function requirementsOf(tags: readonly string[]): string[] {
  return tags.flatMap((t) => {
    const id = t.replace(/^@/, '');
    return t.startsWith('@') && REQUIREMENT_ID.test(id) ? [id] : [];
  });
}

/**
 * A fault is caught when a scenario that passed without faults fails with it, and that scenario carries one
 * of the requirements the fault names. Failures of other scenarios are listed but do not count.
 */
export function judgeSelftest(
  faults: readonly SelftestFault[],
  baseline: readonly ScenarioOutcome[],
  runs: ReadonlyMap<string, readonly ScenarioOutcome[]>,
): SelftestVerdict {
  const passedBefore = new Set(baseline.filter((s) => s.status === 'passed').map((s) => s.id));
  const baselineFailures = baseline.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
  const everRun = new Map<string, ScenarioOutcome>();
  const everCaught = new Set<string>();
  const verdicts = faults.map((fault): FaultVerdict => {
    const outcomes = runs.get(fault.name) ?? [];
    for (const s of outcomes) everRun.set(s.id, s);
    const failing = outcomes.filter((s) => s.status !== 'passed' && s.status !== 'skipped' && passedBefore.has(s.id));
    for (const s of failing) everCaught.add(s.id);
    const failedRequirements = new Set(failing.flatMap((s) => requirementsOf(s.tags)));
    const caughtBy = fault.requirements.filter((r) => failedRequirements.has(r));
    return { fault, caughtBy, failing, caught: caughtBy.length > 0 };
  });
  const idleMustScenarios = [...everRun.values()]
    .filter((s) => s.tags.includes('@must') && passedBefore.has(s.id) && !everCaught.has(s.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const uncaughtFaults = verdicts.filter((v) => !v.caught).map((v) => v.fault.name);
  const broken = uncaughtFaults.length > 0 || idleMustScenarios.length > 0 || baselineFailures.length > 0 || faults.length === 0;
  return { faults: verdicts, uncaughtFaults, idleMustScenarios, baselineFailures, exitCode: broken ? 1 : 0 };
}

/** The report as text lines: the table, then the two lists. */
export function formatSelftest(verdict: SelftestVerdict): string[] {
  const lines: string[] = [];
  const width = Math.max(5, ...verdict.faults.map((v) => v.fault.name.length));
  lines.push(`${'fault'.padEnd(width)}  ${'caught'.padEnd(6)}  requirements (failing scenarios)`);
  for (const v of verdict.faults) {
    const scenarios = v.failing.map((s) => `${s.id} [${requirementsOf(s.tags).join(' ')}]`);
    const by = v.caught ? `${v.caughtBy.join(', ')} (${scenarios.join('; ')})` : `expected ${v.fault.requirements.join(', ')}; failing: ${scenarios.join('; ') || 'none'}`;
    lines.push(`${v.fault.name.padEnd(width)}  ${(v.caught ? 'yes' : 'NO').padEnd(6)}  ${by}`);
  }
  lines.push('');
  if (verdict.baselineFailures.length > 0) {
    lines.push(`Scenarios that fail WITHOUT faults (${verdict.baselineFailures.length}); fix these first:`);
    for (const s of verdict.baselineFailures) lines.push(`  ${s.id} ${s.name}: ${s.status}${s.message ? ` (${s.message})` : ''}`);
  }
  lines.push(`Faults nothing catches (${verdict.uncaughtFaults.length}): ${verdict.uncaughtFaults.join(', ') || 'none'}`);
  lines.push(`MUST scenarios run that catch no fault (${verdict.idleMustScenarios.length}):${verdict.idleMustScenarios.length ? '' : ' none'}`);
  for (const s of verdict.idleMustScenarios) lines.push(`  ${s.id} [${requirementsOf(s.tags).join(' ')}] ${s.name}`);
  return lines;
}
