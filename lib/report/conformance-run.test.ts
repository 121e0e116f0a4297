import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import reportSchema from '../../fixtures/schemas/report.schema.json';
import { parseFormats } from './report-formats';
import { catalogView } from './catalog-view';
import { conformanceRun, tagExpression, type ConformanceRunOptions } from './conformance-run';
import { parseExpectations } from './expectations';
import { createRunRedactor } from './redaction';
import type { ConformanceReport } from './report-document';
import { removeFixtureSuites, UNKNOWN_CREDENTIAL, writeFixtureSuite, type FixtureScenario } from './testing/fixture-suite';

/**
 * Real Cucumber runs of a tiny fixture suite (lib/report/testing/fixture-suite.ts), end to end through the
 * report writers. The fixture's steps attach transcripts that carry a known token and an Authorization
 * header; no file the run writes, nor its console output, may contain the token.
 */
const KNOWN_TOKEN = 'known-alice-token-5150';
const catalog = catalogView();
after(removeFixtureSuites);
const validateReport = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(reportSchema);
})();

function collector(): Writable & { text: string } {
  const w = new Writable({
    write(chunk: Buffer, _e, done) {
      w.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

async function fixtureRun(scenarios: FixtureScenario[], extra: Partial<ConformanceRunOptions> = {}) {
  const suite = writeFixtureSuite(scenarios, KNOWN_TOKEN);
  const out = collector();
  const result = await conformanceRun({
    cwd: suite.dir,
    paths: suite.paths,
    require: suite.require,
    requireModule: [],
    profile: 'all',
    requirements: [],
    parallel: 1,
    dryRun: false,
    outRoot: join(suite.dir, 'reports'),
    catalog,
    redactor: createRunRedactor({ env: { ILP_ALICE_TOKEN: KNOWN_TOKEN } }),
    allureHtml: false,
    formats: parseFormats('all'), // every output, so the secret checks below cover them all
    out,
    err: out,
    env: { CI: 'true' },
    ...extra,
  });
  return { ...result, suite, out: out.text, report: result.written?.report as ConformanceReport };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const MIXED: FixtureScenario[] = [
  { name: 'a valid packet decodes', tags: ['@PKT-001', '@must'], kind: 'pass' },
  { name: 'a wrong answer fails the MUST', tags: ['@PKT-002', '@must'], kind: 'fail' },
  { name: 'a wrong answer warns on the SHOULD', tags: ['@OER-005', '@should'], kind: 'fail' },
  { name: 'the harness breaks', tags: ['@PKT-004', '@must'], kind: 'error' },
  { name: 'an undeclared capability skips', tags: ['@OER-002', '@may'], kind: 'skip' },
];

test('a failing MUST: exit 1, a schema-valid report with every status kept apart, and no secret anywhere', async () => {
  const { exitCode, report, written, out } = await fixtureRun(MIXED);
  assert.equal(exitCode, 1);
  assert.ok(validateReport(report), JSON.stringify(validateReport.errors));
  assert.equal(report.verdict.result, 'not-conformant');
  assert.equal(report.verdict.complete, false, 'an errored scenario leaves the run incomplete');
  const status = (id: string) => report.requirements.find((r) => r.id === id)?.status;
  assert.deepEqual(['PKT-001', 'PKT-002', 'OER-005', 'PKT-004', 'OER-002'].map(status), ['passed', 'failed', 'warning', 'errored', 'skipped']);
  assert.deepEqual(report.summary.scenarios, { passed: 1, failed: 1, warning: 1, 'not-implemented': 0, 'not-reached': 0, errored: 1, skipped: 1, untested: 0, total: 5 });
  assert.ok(report.untested.includes('PKT-005') && !report.untested.includes('PKT-001'));
  assert.ok(!report.untested.includes('PKT-016'), 'a requirement no black-box scenario can test is not "untested"');
  assert.equal(report.catalog.version, catalog.version);
  assert.match(report.catalog.rfcRevisions.R27 ?? '', /^[0-9a-f]{40} /);
  assert.equal(report.suite.version, JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  assert.equal(report.target.identity, 'bundled reference');

  const skipped = report.scenarios.find((s) => s.status === 'skipped')!;
  assert.equal(skipped.message, 'the target does not declare capability "async-http"');
  const errored = report.scenarios.find((s) => s.status === 'errored')!;
  assert.equal(errored.exceptionType, 'TypeError');

  const runDir = written!.runDir;
  const failing = report.requirements.find((r) => r.id === 'PKT-002')!;
  assert.deepEqual(failing.evidence.map((p) => p.replace(/-[0-9a-f]{6}\./, '.')), ['evidence/fixture--a-wrong-answer-fails-the-must.txt', 'evidence/fixture--a-wrong-answer-fails-the-must.json']);
  for (const p of failing.evidence) assert.ok(existsSync(join(runDir, p)), p);

  for (const name of ['conformance.json', 'conformance.html', 'junit.xml', 'messages.ndjson', 'cucumber.html', 'badge.svg', 'badge.json', 'summary.md']) {
    assert.ok(existsSync(join(runDir, name)), name);
  }
  for (const secret of [KNOWN_TOKEN, UNKNOWN_CREDENTIAL]) {
    const leaks = filesUnder(runDir).filter((f) => readFileSync(f).includes(Buffer.from(secret)));
    assert.deepEqual(leaks.map((f) => relative(runDir, f)), [], `no output file holds ${secret}`);
  }
  assert.ok(!out.includes(KNOWN_TOKEN), 'the console output does not hold the token');
  const masked = report.masked.find((m) => m.name === 'topology: peer alice incoming token');
  assert.ok(masked && masked.occurrences > 0, 'the manifest names the masked token');
  assert.ok((report.masked.find((m) => m.name === 'Authorization header')?.occurrences ?? 0) > 0);
  assert.ok(!JSON.stringify(report.masked).includes(KNOWN_TOKEN));

  const junit = readFileSync(join(runDir, 'junit.xml'), 'utf8');
  assert.equal((junit.match(/<testcase /g) ?? []).length, 5);
  assert.match(junit, /name="\[PKT-002\] a wrong answer fails the MUST \(must\)"/);
  assert.match(junit, /<failure message="Expected: Reject F01 \/ Actual: Fulfill \(token \*\*\*\)" type="AssertionError">/);
  assert.match(junit, /<error message="Cannot read properties of undefined/);
  assert.match(junit, /<skipped message="the target does not declare capability/);

  for (const line of readFileSync(join(runDir, 'messages.ndjson'), 'utf8').trim().split('\n')) JSON.parse(line);
  const html = readFileSync(join(runDir, 'conformance.html'), 'utf8');
  assert.match(html, /data-verdict="not-conformant"/);
  assert.ok(html.includes(`href="${failing.evidence[0]}"`));
  const articles = html.match(/<article class="failure [\s\S]*?<\/article>/g) ?? [];
  assert.deepEqual(articles.map((a) => (a.match(/<g class="ev-msg /g) ?? []).length), [1, 1, 1], 'each failure and error draws its one-message transcript');
  assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html.replace(/>[^<]*</g, '><')), 'no script and no network reference in the markup');

  const allure = readdirSync(join(runDir, 'allure-results')).filter((f) => f.endsWith('-result.json'))
    .map((f) => JSON.parse(readFileSync(join(runDir, 'allure-results', f), 'utf8')) as { name: string; status: string; labels: Array<{ name: string; value: string }>; links: Array<{ url: string; type: string }> });
  const fails = allure.find((a) => a.name === 'a wrong answer fails the MUST')!;
  assert.equal(fails.status, 'failed');
  assert.ok(fails.labels.some((l) => l.name === 'requirement' && l.value === 'PKT-002'));
  assert.ok(fails.labels.some((l) => l.name === 'severity' && l.value === 'critical'));
  assert.ok(fails.links.some((l) => l.type === 'requirement' && l.url.endsWith('#req-PKT-002')));
  assert.equal(allure.find((a) => a.name === 'the harness breaks')?.status, 'broken');
  assert.equal(allure.find((a) => a.name === 'an undeclared capability skips')?.status, 'skipped');

  const root = join(runDir, '..');
  assert.equal(readlinkSync(join(root, 'latest')), report.runId);
});

test('every MUST passing: conformant, exit 0', async () => {
  const { exitCode, report, written } = await fixtureRun([
    { name: 'one', tags: ['@PKT-001', '@must'], kind: 'pass' },
    { name: 'two', tags: ['@PKT-002', '@must'], kind: 'pass' },
  ]);
  assert.equal(exitCode, 0);
  assert.equal(report.verdict.result, 'conformant');
  assert.match(readFileSync(join(written!.runDir, 'badge.svg'), 'utf8'), /conformant · 2\/2 MUST/);
});

test('--format without evidence: no evidence/ written and no report links to it', async () => {
  const { report, written } = await fixtureRun([{ name: 'a wrong answer fails the must', tags: ['@PKT-002', '@must'], kind: 'fail' }], { formats: parseFormats('html') });
  assert.deepEqual(readdirSync(written!.runDir).sort(), ['conformance.html', 'conformance.json']);
  assert.deepEqual(report.requirements.find((r) => r.id === 'PKT-002')!.evidence, []);
  assert.ok(report.scenarios.every((s) => s.evidence.length === 0));
  assert.equal(report.files.evidence, null);
  assert.doesNotMatch(readFileSync(join(written!.runDir, 'conformance.html'), 'utf8'), /href="evidence\//);
});

test('a failing SHOULD only: conformant with warnings, exit 0', async () => {
  const { exitCode, report } = await fixtureRun([
    { name: 'must holds', tags: ['@PKT-001', '@must'], kind: 'pass' },
    { name: 'should slips', tags: ['@OER-005', '@should'], kind: 'fail' },
  ]);
  assert.equal(exitCode, 0);
  assert.equal(report.verdict.result, 'conformant-with-warnings');
});

test('every scenario errored or failed on transport: incomplete, exit 3, never "not conformant"', async () => {
  const errored = await fixtureRun([{ name: 'broken one', tags: ['@PKT-001', '@must'], kind: 'error' }]);
  assert.equal(errored.exitCode, 3);
  assert.equal(errored.report.verdict.incompleteCause, 'all-errored');
  const unreachable = await fixtureRun([
    { name: 'no route one', tags: ['@PKT-001', '@must'], kind: 'transport' },
    { name: 'no route two', tags: ['@PKT-002', '@must'], kind: 'transport' },
  ]);
  assert.equal(unreachable.exitCode, 3);
  assert.equal(unreachable.report.verdict.incompleteCause, 'unreachable');
});

test('expectations: known failures pass CI, an expected failure that passes fails it, the verdict stays raw', async () => {
  const known = parseExpectations({
    expectations: [
      { requirement: 'PKT-002', status: 'failed', reason: 'vendor bug 17' },
      { scenario: 'a wrong answer warns on the SHOULD', status: 'warning', reason: 'not planned' },
      { scenario: 'fixture.feature: the harness breaks', status: 'errored', reason: 'never matches' },
      { scenario: 'the harness breaks', status: 'errored', reason: 'harness issue 4' },
    ],
  });
  const ok = await fixtureRun(MIXED, { expectations: { file: 'known.json', entries: known } });
  assert.equal(ok.exitCode, 0);
  assert.equal(ok.report.verdict.result, 'not-conformant', 'expectations never make a run conformant');
  assert.equal(ok.report.expectations?.ok, true);
  assert.equal(ok.report.expectations?.stale.length, 1);

  const stale = parseExpectations({ expectations: [{ scenario: 'a valid packet decodes', status: 'failed', reason: 'was broken last week' }] });
  const surprised = await fixtureRun([MIXED[0]!], { expectations: { file: 'old.json', entries: stale } });
  assert.equal(surprised.exitCode, 1);
  assert.equal(surprised.report.expectations?.counts['unexpected-pass'], 1);
  assert.equal(surprised.report.verdict.result, 'conformant');
});

test('a step file that throws on load: a report marked incomplete and exit 3, not a stack trace', async () => {
  const suite = writeFixtureSuite([MIXED[0]!], KNOWN_TOKEN);
  writeFileSync(join(suite.dir, 'steps', 'broken.js'), `throw new Error('support file broken (token ${KNOWN_TOKEN})');\n`);
  const out = collector();
  const result = await conformanceRun({
    cwd: suite.dir, paths: suite.paths, require: suite.require, requireModule: [], profile: 'all', requirements: [], parallel: 1, dryRun: false,
    outRoot: join(suite.dir, 'reports'), catalog, redactor: createRunRedactor({ env: { ILP_ALICE_TOKEN: KNOWN_TOKEN } }), allureHtml: false, out, err: out, env: { CI: 'true' },
  });
  assert.equal(result.exitCode, 3);
  const report = result.written!.report;
  assert.equal(report.verdict.result, 'incomplete');
  assert.match(report.runProblems[0]?.message ?? '', /support file broken \(token \*\*\*\)/);
  assert.ok(!out.text.includes(KNOWN_TOKEN));
});

test('dry run lists the selected scenarios with their requirement IDs and writes nothing', async () => {
  const { exitCode, out, suite, written } = await fixtureRun(MIXED, { dryRun: true, requirements: ['PKT-002', 'OER-005'] });
  assert.equal(exitCode, 0);
  assert.equal(written, undefined);
  assert.match(out, /PKT-002\s+must\s+features\/fixture\.feature:\d+\s+a wrong answer fails the MUST/);
  assert.match(out, /OER-005\s+should/);
  assert.doesNotMatch(out, /PKT-001/);
  assert.match(out, /2 scenario\(s\) selected/);
  assert.ok(!existsSync(join(suite.dir, 'reports')));
});

test('profiles, tags and requirement IDs combine into one tag expression', () => {
  assert.equal(tagExpression('all', undefined, []), '');
  assert.equal(tagExpression('connector', '@rfc-27', ['PKT-001', 'PKT-002']), '(@connector or @http) and (@rfc-27) and (@PKT-001 or @PKT-002)');
  assert.equal(tagExpression('ledger', undefined, []), '@ledger');
});
