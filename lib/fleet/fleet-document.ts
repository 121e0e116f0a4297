import { relative, sep } from 'node:path';
import { badgeMessage, renderBadgeSvg } from '../report/badge';
import type { Counts } from '../report/report-document';
import type { Level, RequirementStatus } from '../report/run-model';
import type { ReadReport } from './read-report';

/**
 * fleet.json (schema: fixtures/schemas/fleet.schema.json): one audit of many participants, built only from
 * their conformance.json files, so a fleet run here and a merge of reports made elsewhere give the same
 * document. Paths in it are relative to the audit directory (DIR), where each participant's run directory
 * sits under runs/, so DIR can be zipped and moved.
 *
 * A participant's exit code is its run's: 0 conformant (with warnings too), 1 not conformant, 3 could not be
 * judged (unreachable, harness broke, or the run never started). With a known-failures file it is the
 * expectation outcome instead (0 nothing unexpected, 1 something was). The fleet's exit code follows
 * verdict.ts: 1 when any participant is not conformant (evidence against one stands whatever else
 * happened), else 3 when any could not be judged, else 0. Skipped participants (a precondition the fleet
 * file names, e.g. an implementation not installed) are listed with their reason and count for nothing.
 */
export const FLEET_FORMAT_VERSION = '1.0';

export type ParticipantKind = 'connector' | 'ledger' | 'codec' | 'receiver' | 'mojaloop' | 'all';
export type ParticipantOutcome = 'conformant' | 'conformant-with-warnings' | 'not-conformant' | 'incomplete' | 'not-run' | 'skipped';

export interface ParticipantChange {
  /** The audit compared with (its history stamp); null on the first audit. */
  readonly since: string | null;
  /** Absent from the previous audit. */
  readonly new: boolean;
  readonly regressed: readonly string[];
  readonly fixed: readonly string[];
}

export interface TrendPoint {
  readonly audit: string;
  /** Requirements passed in that audit. */
  readonly passed: number;
}

export interface FleetParticipant {
  readonly name: string;
  readonly kind: ParticipantKind;
  readonly outcome: ParticipantOutcome;
  /** The verdict's first reason, or why it was skipped or not run. */
  readonly reason: string;
  readonly exitCode: 0 | 1 | 3 | null;
  readonly runId: string | null;
  readonly target: string | null;
  /** The run directory, relative to DIR (conformance.json and conformance.html inside). */
  readonly runDir: string | null;
  readonly html: string | null;
  readonly expectationsOk: boolean | null;
  readonly counts: Counts | null;
  readonly statuses: Readonly<Record<string, RequirementStatus>>;
  /** Evidence files per requirement, relative to DIR. */
  readonly evidence: Readonly<Record<string, readonly string[]>>;
  readonly badge: { readonly message: string; readonly svg: string } | null;
  readonly durationMs: number | null;
  change: ParticipantChange;
  trend: TrendPoint[];
}

export interface FleetRequirement {
  readonly id: string;
  readonly level: Level;
  readonly area: string;
  readonly summary: string;
}

export interface FleetSummary {
  readonly conformant: string[];
  readonly notConformant: string[];
  readonly couldNotJudge: string[];
  readonly skipped: string[];
}

export interface FleetDocument {
  readonly fleetFormat: string;
  readonly source: 'fleet' | 'merge';
  readonly audit: string;
  readonly generatedAt: string;
  readonly exitCode: 0 | 1 | 3;
  readonly summary: FleetSummary;
  readonly requirements: readonly FleetRequirement[];
  readonly participants: readonly FleetParticipant[];
  /** Wall time of a fleet run (null for a merge). */
  readonly wallTimeMs: number | null;
}

/** One participant as the builder gets it: a report read from DIR/runs/..., or a reason it has none. */
export type ParticipantInput =
  | { readonly name: string; readonly kind?: ParticipantKind; readonly read: ReadReport }
  | { readonly name: string; readonly kind: ParticipantKind; readonly skipped: string }
  | { readonly name: string; readonly kind: ParticipantKind; readonly notRun: string };

const FIRST_AUDIT: ParticipantChange = { since: null, new: true, regressed: [], fixed: [] };

export function buildFleetDocument(
  inputs: readonly ParticipantInput[],
  options: { readonly auditDir: string; readonly source: 'fleet' | 'merge'; readonly audit: string; readonly now?: Date; readonly wallTimeMs?: number },
): FleetDocument {
  const rel = (p: string) => relative(options.auditDir, p).split(sep).join('/');
  const requirements = new Map<string, FleetRequirement>();
  const participants = inputs.map((input): FleetParticipant => {
    const empty = { runId: null, target: null, runDir: null, html: null, expectationsOk: null, counts: null, statuses: {}, evidence: {}, badge: null, durationMs: null, change: FIRST_AUDIT, trend: [] };
    if ('skipped' in input) return { ...empty, name: input.name, kind: input.kind, outcome: 'skipped', reason: input.skipped, exitCode: null };
    if ('notRun' in input) return { ...empty, name: input.name, kind: input.kind, outcome: 'not-run', reason: input.notRun, exitCode: 3 };
    const { report, runDir } = input.read;
    const statuses: Record<string, RequirementStatus> = {};
    const evidence: Record<string, string[]> = {};
    for (const r of report.requirements) {
      statuses[r.id] = r.status;
      if (r.evidence.length) evidence[r.id] = r.evidence.map((e) => rel(`${runDir}/${e}`));
      if (r.status !== 'untested' && !requirements.has(r.id)) requirements.set(r.id, { id: r.id, level: r.level, area: r.area, summary: r.summary });
    }
    const v = report.verdict;
    const exitCode: 0 | 1 | 3 = v.result === 'incomplete' ? 3 : report.expectations ? (report.expectations.ok ? 0 : 1) : v.exitCode;
    return {
      ...empty,
      name: input.name,
      kind: input.kind ?? (report.profile as ParticipantKind),
      outcome: v.result,
      reason: v.reasons[0] ?? '',
      exitCode,
      runId: report.runId,
      target: report.target.identity,
      runDir: rel(runDir),
      html: report.files.html ? rel(`${runDir}/${report.files.html}`) : null,
      expectationsOk: report.expectations ? report.expectations.ok : null,
      counts: report.summary.requirements,
      statuses,
      evidence,
      badge: { message: badgeMessage(report), svg: `data:image/svg+xml;base64,${Buffer.from(renderBadgeSvg(report)).toString('base64')}` },
      durationMs: report.durationMs,
    };
  });
  const names = (code: number | null) => participants.filter((p) => p.exitCode === code).map((p) => p.name);
  const summary: FleetSummary = { conformant: names(0), notConformant: names(1), couldNotJudge: names(3), skipped: names(null) };
  return {
    fleetFormat: FLEET_FORMAT_VERSION,
    source: options.source,
    audit: options.audit,
    generatedAt: (options.now ?? new Date()).toISOString(),
    exitCode: summary.notConformant.length ? 1 : summary.couldNotJudge.length ? 3 : 0,
    summary,
    requirements: [...requirements.values()].sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id, 'en', { numeric: true })),
    participants,
    wallTimeMs: options.wallTimeMs ?? null,
  };
}

/** The summary as lines for the console: who is conformant, who is not, who could not be judged, who was skipped. */
export function fleetSummaryLines(doc: FleetDocument): string[] {
  const line = (title: string, names: readonly string[]) => `${title} (${names.length}): ${names.join(', ') || '-'}`;
  const lines = [
    line('Conformant', doc.summary.conformant),
    line('Not conformant', doc.summary.notConformant),
    line('Could not be judged', doc.summary.couldNotJudge),
  ];
  for (const p of doc.participants.filter((x) => x.exitCode === 1 || x.exitCode === 3)) lines.push(`  ${p.name}: ${p.outcome}: ${p.reason}`);
  if (doc.summary.skipped.length) lines.push(line('Skipped', doc.summary.skipped));
  for (const p of doc.participants.filter((x) => x.outcome === 'skipped')) lines.push(`  ${p.name}: ${p.reason}`);
  for (const p of doc.participants.filter((x) => x.change.since !== null && (x.change.regressed.length || x.change.fixed.length || x.change.new))) {
    lines.push(`  since ${p.change.since}: ${p.name}${p.change.new ? ' is new' : ''}${p.change.regressed.length ? ` regressed ${p.change.regressed.join(' ')}` : ''}${p.change.fixed.length ? ` fixed ${p.change.fixed.join(' ')}` : ''}`);
  }
  return lines;
}
