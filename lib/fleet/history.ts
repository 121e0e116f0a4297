import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffStatuses } from '../report/compare';
import type { RequirementStatus } from '../report/run-model';
import type { FleetDocument } from './fleet-document';

/**
 * The audit history of a fleet directory: every fleet or merge run keeps its fleet.json under
 * DIR/history/<audit>/, where <audit> is the date and time it ran (2026-12-03T07-10-22Z, sortable as text).
 * The newest earlier audit is the one compared with (lib/report/compare.ts's status diff): per participant,
 * the requirements that regressed (passed or skipped, now failed or errored) and got fixed (failed or
 * errored, now passed), and whether it is new. The trend is requirements passed per audit, oldest first.
 * Does not keep the run directories themselves: they stay under DIR/runs/, which fleet.json points into.
 */
export const TREND_LENGTH = 12;

export function auditStamp(now: Date, historyDir: string): string {
  const base = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  let stamp = base;
  for (let n = 2; existsSync(join(historyDir, stamp)); n++) stamp = `${base}-${n}`;
  return stamp;
}

export interface PastAudit {
  readonly audit: string;
  readonly participants: ReadonlyMap<string, Readonly<Record<string, RequirementStatus>>>;
}

/** The earlier audits, oldest first. An entry that cannot be read is left out and named in `unreadable`. */
export function readHistory(dir: string): { audits: PastAudit[]; unreadable: string[] } {
  const root = join(dir, 'history');
  if (!existsSync(root)) return { audits: [], unreadable: [] };
  const audits: PastAudit[] = [];
  const unreadable: string[] = [];
  for (const audit of readdirSync(root).sort()) {
    try {
      const doc = JSON.parse(readFileSync(join(root, audit, 'fleet.json'), 'utf8')) as FleetDocument;
      audits.push({ audit, participants: new Map(doc.participants.filter((p) => p.outcome !== 'skipped').map((p) => [p.name, p.statuses])) });
    } catch {
      unreadable.push(join('history', audit, 'fleet.json'));
    }
  }
  return { audits, unreadable };
}

/** Fills each participant's change (against the newest past audit) and trend (past audits, then this one). */
export function applyHistory(doc: FleetDocument, past: readonly PastAudit[]): FleetDocument {
  const previous = past.at(-1);
  for (const p of doc.participants) {
    if (p.outcome === 'skipped') continue;
    const before = previous?.participants.get(p.name);
    if (!previous) p.change = { since: null, new: true, regressed: [], fixed: [] };
    else if (!before) p.change = { since: previous.audit, new: true, regressed: [], fixed: [] };
    else {
      const d = diffStatuses(new Map(Object.entries(before)), new Map(Object.entries(p.statuses)));
      p.change = { since: previous.audit, new: false, regressed: d.regressed.map((c) => c.id), fixed: d.fixed.map((c) => c.id) };
    }
    const points = past.flatMap((a) => {
      const s = a.participants.get(p.name);
      return s ? [{ audit: a.audit, passed: passedCount(s) }] : [];
    });
    p.trend = [...points, { audit: doc.audit, passed: passedCount(p.statuses) }].slice(-TREND_LENGTH);
  }
  return doc;
}

function passedCount(statuses: Readonly<Record<string, RequirementStatus>>): number {
  return Object.values(statuses).filter((s) => s === 'passed').length;
}

/** Keeps this audit's fleet.json under DIR/history/<audit>/. */
export function recordAudit(dir: string, doc: FleetDocument, json: string): string {
  const at = join(dir, 'history', doc.audit);
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'fleet.json'), json);
  return at;
}
