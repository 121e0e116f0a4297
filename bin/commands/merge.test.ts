import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { makeFixtureReports, type FixtureReports } from '../../lib/fleet/testing/fixture-reports';
import type { FleetDocument } from '../../lib/fleet/fleet-document';
import { run } from './merge';

/** `ilp-conformance merge` on real fixture runs: the matrix, the exit code, bad input, and history across two audits. */
let fixtures: FixtureReports;
before(async () => { fixtures = await makeFixtureReports(); });
after(() => fixtures.remove());

async function merge(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (add: (t: string) => void) => new Writable({ write: (c, _e, done) => { add(String(c)); done(); } });
  const code = await run(args, { out: sink((t) => { out += t; }), err: sink((t) => { err += t; }) });
  return { code, out, err };
}
const readDoc = (dir: string) => JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as FleetDocument;

test('two reports from separate runs become one matrix; the failing one is not conformant with the requirement it breaks', async () => {
  const dir = mkdtempSync(join(fixtures.root, 'audit-'));
  const r = await merge(['good=' + fixtures.passing, 'bad=' + join(fixtures.failing, 'conformance.json'), '--out', dir]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /Not conformant \(1\): bad/);
  assert.match(r.out, /Conformant \(1\): good/);
  const doc = readDoc(dir);
  assert.deepEqual(doc.participants.map((p) => [p.name, p.outcome, p.statuses['PKT-002']]), [['good', 'conformant', 'passed'], ['bad', 'not-conformant', 'failed']]);
  const html = readFileSync(join(dir, 'matrix.html'), 'utf8');
  const bad = doc.participants[1]!;
  assert.ok(existsSync(join(dir, bad.html!)), 'the run directory was copied next to the matrix');
  assert.ok(html.includes(`href="${bad.html}#req-PKT-002"`), 'the cell links to the requirement in the participant\'s report');
  assert.ok(existsSync(join(dir, bad.evidence['PKT-002']![0]!)), 'the evidence link points at a file');
  assert.match(html, /data-participant="bad" data-outcome="not-conformant"/);
  assert.match(html, /<td class="cell failed" data-status="failed"/);
  assert.match(html, /<img class="badge" alt="not conformant/);
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html), 'no script, no external resource');
});

test('a conformant fleet exits 0; merged twice into one directory, the second audit marks the regression and draws a trend', async () => {
  const dir = mkdtempSync(join(fixtures.root, 'history-'));
  const first = await merge([`acme=${fixtures.passing}`, '--out', dir]);
  assert.equal(first.code, 0, first.err);
  assert.equal(readDoc(dir).participants[0]!.change.new, true);
  const second = await merge([`acme=${fixtures.failing}`, `newco=${fixtures.passing}`, '--out', dir]);
  assert.equal(second.code, 1);
  const doc = readDoc(dir);
  const acme = doc.participants.find((p) => p.name === 'acme')!;
  assert.deepEqual(acme.change.regressed, ['PKT-002']);
  assert.equal(acme.change.new, false);
  assert.deepEqual(acme.trend.map((t) => t.passed), [2, 1]);
  assert.equal(doc.participants.find((p) => p.name === 'newco')!.change.new, true);
  assert.equal(readdirSync(join(dir, 'history')).length, 2, 'each audit is kept under history/');
  assert.match(second.out, /acme regressed PKT-002/);
  const html = readFileSync(join(dir, 'matrix.html'), 'utf8');
  assert.match(html, /&#9660; 1 regressed/);
  assert.match(html, /<span class="mark new">new<\/span>/);
  assert.match(html, /<svg class="trend"[^>]*data-points="2,1"/);
});

test('bad input is a usage error naming the problem (exit 2)', async () => {
  const dir = mkdtempSync(join(fixtures.root, 'bad-'));
  const notReport = join(dir, 'x.json');
  writeFileSync(notReport, JSON.stringify({ reportFormat: '1.0', requirements: [] }));
  const r = await merge([notReport, '--out', dir]);
  assert.equal(r.code, 2);
  assert.match(r.err, /x\.json is not a conformance report \(does not match report\.schema\.json\)/);
  assert.match((await merge([join(dir, 'missing'), '--out', dir])).err, /missing: no such file/);
  assert.match((await merge([fixtures.passing])).err, /--out DIR is required/);
  assert.match((await merge([fixtures.passing, fixtures.passing, '--out', dir])).err, /two reports are named "bundled-reference"/);
  assert.ok(!existsSync(join(dir, 'fleet.json')), 'nothing is written from bad input');
});
