import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from './report-document';
import type { RequirementStatus } from './run-model';

/**
 * Compares two runs' conformance.json (ANCHORS lesson 12): which requirements and scenarios were fixed,
 * regressed, appeared or disappeared, and which changed in another way.
 * - fixed:     failed or errored before, passed now.
 * - regressed: passed or skipped before, failed or errored now.
 * - new:       tested now, absent or untested before.
 * - removed:   tested before, absent or untested now.
 * - changed:   any other status change (passed -> skipped, failed -> errored, ...).
 */
export interface StatusChange {
  readonly id: string;
  readonly before: RequirementStatus | 'absent';
  readonly after: RequirementStatus | 'absent';
}

export interface DiffSection {
  readonly fixed: StatusChange[];
  readonly regressed: StatusChange[];
  readonly new: StatusChange[];
  readonly removed: StatusChange[];
  readonly changed: StatusChange[];
  unchanged: number;
}

export interface RunDiff {
  readonly a: RunRef;
  readonly b: RunRef;
  readonly requirements: DiffSection;
  readonly scenarios: DiffSection;
  readonly regressed: boolean;
}

export interface RunRef {
  readonly runId: string;
  readonly path: string;
  readonly target: string;
  readonly verdict: string;
  readonly suiteVersion: string;
  readonly catalogVersion: string;
}

export class CompareError extends Error {
  override readonly name = 'CompareError';
}

/** A run directory, a conformance.json file, or a run ID under `reportsRoot` (`latest` included). */
export function loadRunReport(ref: string, reportsRoot = 'reports'): { report: ConformanceReport; path: string } {
  const candidates = [ref, join(reportsRoot, ref)];
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    const path = statSync(c).isDirectory() ? join(c, 'conformance.json') : c;
    if (!existsSync(path)) throw new CompareError(`${c} has no conformance.json`);
    let report: unknown;
    try {
      report = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new CompareError(`cannot read ${path}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!isReport(report)) throw new CompareError(`${path} is not an ilp-conformance report (no reportFormat/requirements/scenarios)`);
    return { report, path };
  }
  throw new CompareError(`no run "${ref}" (give a run directory, a conformance.json, or a run ID under ${reportsRoot}/)`);
}

function isReport(x: unknown): x is ConformanceReport {
  const r = x as Partial<ConformanceReport> | null;
  return Boolean(r && typeof r === 'object' && typeof r.reportFormat === 'string' && Array.isArray(r.requirements) && Array.isArray(r.scenarios));
}

export function compareRuns(a: { report: ConformanceReport; path: string }, b: { report: ConformanceReport; path: string }): RunDiff {
  const reqA = new Map(a.report.requirements.map((r) => [r.id, r.status] as const));
  const reqB = new Map(b.report.requirements.map((r) => [r.id, r.status] as const));
  const scnA = new Map(a.report.scenarios.map((s) => [s.key, s.status as RequirementStatus] as const));
  const scnB = new Map(b.report.scenarios.map((s) => [s.key, s.status as RequirementStatus] as const));
  const requirements = diff(reqA, reqB);
  const scenarios = diff(scnA, scnB);
  return {
    a: ref(a),
    b: ref(b),
    requirements,
    scenarios,
    regressed: requirements.regressed.length > 0 || scenarios.regressed.length > 0,
  };
}

function ref(r: { report: ConformanceReport; path: string }): RunRef {
  return {
    runId: r.report.runId,
    path: r.path,
    target: r.report.target.identity,
    verdict: r.report.verdict.result,
    suiteVersion: r.report.suite.version,
    catalogVersion: r.report.catalog.version,
  };
}

const BAD = new Set<string>(['failed', 'errored']);
const TESTED = (s: string | undefined) => s !== undefined && s !== 'untested';

function diff(before: ReadonlyMap<string, RequirementStatus>, after: ReadonlyMap<string, RequirementStatus>): DiffSection {
  const out: DiffSection = { fixed: [], regressed: [], new: [], removed: [], changed: [], unchanged: 0 };
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    const change: StatusChange = { id, before: b ?? 'absent', after: a ?? 'absent' };
    if (!TESTED(b) && !TESTED(a)) {
      if (b !== undefined && a !== undefined) out.unchanged += 1;
      continue;
    }
    if (!TESTED(b)) out.new.push(change);
    else if (!TESTED(a)) out.removed.push(change);
    else if (a === b) out.unchanged += 1;
    else if (BAD.has(b!) && a === 'passed') out.fixed.push(change);
    else if (!BAD.has(b!) && BAD.has(a!)) out.regressed.push(change);
    else out.changed.push(change);
  }
  return out;
}

export function renderDiffText(d: RunDiff): string {
  const lines = [
    `A: ${d.a.runId} (${d.a.target}, ${d.a.verdict}, suite ${d.a.suiteVersion}, catalog ${d.a.catalogVersion})`,
    `B: ${d.b.runId} (${d.b.target}, ${d.b.verdict}, suite ${d.b.suiteVersion}, catalog ${d.b.catalogVersion})`,
  ];
  if (d.a.catalogVersion !== d.b.catalogVersion) lines.push(`Note: the runs used different catalog versions; some changes may come from the catalog.`);
  for (const [title, section] of [['Requirements', d.requirements], ['Scenarios', d.scenarios]] as const) {
    lines.push('', `${title}: ${section.regressed.length} regressed, ${section.fixed.length} fixed, ${section.new.length} new, ${section.removed.length} removed, ${section.changed.length} changed, ${section.unchanged} unchanged`);
    for (const kind of ['regressed', 'fixed', 'new', 'removed', 'changed'] as const) {
      for (const c of section[kind]) lines.push(`  ${kind.padEnd(9)} ${c.id}: ${c.before} -> ${c.after}`);
    }
  }
  lines.push('', d.regressed ? 'Regressions found.' : 'No regressions.');
  return `${lines.join('\n')}\n`;
}

/** The requirement-status diff on its own, for views that keep statuses without whole reports (lib/fleet). */
export { diff as diffStatuses };
