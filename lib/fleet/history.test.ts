import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDocument, FleetParticipant } from './fleet-document';
import { applyHistory, auditStamp, readHistory } from './history';
import { renderSparkline } from './sparkline';

const participant = (name: string, statuses: FleetParticipant['statuses']): FleetParticipant => ({
  name, kind: 'connector', outcome: 'conformant', reason: '', exitCode: 0, runId: 'r', target: 't', runDir: 'runs/x', html: null, expectationsOk: null,
  counts: null, statuses, evidence: {}, badge: null, durationMs: 1, change: { since: null, new: true, regressed: [], fixed: [] }, trend: [],
});
const doc = (audit: string, participants: FleetParticipant[]): FleetDocument => ({
  fleetFormat: '1.0', source: 'merge', audit, generatedAt: '2026-12-03T00:00:00.000Z', exitCode: 0, summary: { conformant: [], notConformant: [], couldNotJudge: [], skipped: [] }, requirements: [], participants, wallTimeMs: null,
});

test('audits are named by date and time, sortable, and never overwrite one another', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const now = new Date('2026-12-03T07:10:22.456Z');
  assert.equal(auditStamp(now, dir), '2026-12-03T07-10-22Z');
  mkdirSync(join(dir, '2026-12-03T07-10-22Z'));
  assert.equal(auditStamp(now, dir), '2026-12-03T07-10-22Z-2');
});

test('the newest past audit decides regressed, fixed and new; the trend runs over every audit; an unreadable entry is named', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'history-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const write = (d: FleetDocument) => {
    mkdirSync(join(dir, 'history', d.audit), { recursive: true });
    writeFileSync(join(dir, 'history', d.audit, 'fleet.json'), JSON.stringify(d));
  };
  write(doc('2026-12-01T00-00-00Z', [participant('a', { 'PKT-001': 'passed', 'PKT-002': 'passed', 'PKT-003': 'passed' })]));
  write(doc('2026-12-02T00-00-00Z', [participant('a', { 'PKT-001': 'passed', 'PKT-002': 'failed', 'PKT-003': 'passed' })]));
  mkdirSync(join(dir, 'history', '2026-12-02T12-00-00Z'));
  const { audits, unreadable } = readHistory(dir);
  assert.deepEqual(unreadable, [join('history', '2026-12-02T12-00-00Z', 'fleet.json')]);
  const now = applyHistory(doc('2026-12-03T00-00-00Z', [participant('a', { 'PKT-001': 'errored', 'PKT-002': 'passed', 'PKT-003': 'passed' }), participant('b', {})]), audits);
  const [a, b] = now.participants;
  assert.deepEqual(a!.change, { since: '2026-12-02T00-00-00Z', new: false, regressed: ['PKT-001'], fixed: ['PKT-002'] });
  assert.deepEqual(a!.trend.map((p) => p.passed), [3, 2, 2]);
  assert.deepEqual(b!.change, { since: '2026-12-02T00-00-00Z', new: true, regressed: [], fixed: [] });
});

test('the sparkline draws every point, and a drop in its last point red', () => {
  const up = renderSparkline([{ audit: 'x', passed: 1 }, { audit: 'y', passed: 3 }]);
  const down = renderSparkline([{ audit: 'x', passed: 3 }, { audit: 'y', passed: 1 }]);
  assert.match(up, /<polyline[^>]*points="3\.0,[\d.]+ 81\.0,3\.0"/);
  assert.match(up, /fill="#2e7d32"/);
  assert.match(down, /fill="#c62828"/);
  assert.match(down, /<title>requirements passed per audit: x 3, y 1<\/title>/);
  assert.equal(renderSparkline([]), '');
});
