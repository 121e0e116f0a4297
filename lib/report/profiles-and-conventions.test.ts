import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import reportSchema from '../../fixtures/schemas/report.schema.json';
import { catalogView } from './catalog-view';
import { buildReport } from './report-document';
import { renderHtml } from './html-report';
import { buildRequirements } from './run-model';
import { renderSummaryMarkdown } from './summary-markdown';
import { computeVerdict } from './verdict';
import { failingConnectorReport } from './testing/evidence-fixture';

/**
 * A run that met two profiles shows each one's requirements apart on the front page, and a convention of
 * the suite's own API (LAPI-001, set aside for a ledger that speaks another API) is listed apart from the
 * RFC requirements, skipped, never passed.
 */
const { report: connectorOnly } = failingConnectorReport();
const catalog = catalogView();
const ledgerKey = 'features/ledger/messages.feature: A holder cannot send a message in another holder\'s name';
const setAside = 'how a refusal "as not permitted" is written is a convention of the native ledger API, and this ledger speaks the five-bells API';
const ledgerScenario = {
  key: ledgerKey, name: 'A holder cannot send a message in another holder\'s name', uri: 'features/ledger/messages.feature', line: 24,
  tags: ['@ledger', '@LEDGER-010', '@LAPI-001', '@must'], requirements: ['LEDGER-010', 'LAPI-001'], level: 'must' as const, area: 'ledger', status: 'passed' as const,
  message: undefined, stoppedAt: undefined, exceptionType: undefined,
  checks: [{ requirements: ['LEDGER-010'], passed: true, expected: 'a refusal', actual: 'HTTP 400' }, { requirements: ['LAPI-001'], passed: true, expected: 'not judged', actual: setAside, setAside }],
  requirementResults: { 'LEDGER-010': 'passed' as const, 'LAPI-001': 'skipped' as const },
  durationMs: 5, attempts: 1, flaky: false, evidence: [], attachments: [],
};

function twoProfileReport() {
  const scenarios = [...connectorOnly.scenarios.map((s) => ({ ...s, attachments: [] })), ledgerScenario];
  const requirements = buildRequirements(scenarios, { catalog });
  const model = { startedAt: connectorOnly.startedAt, finishedAt: connectorOnly.finishedAt, durationMs: 1000, cucumberVersion: '12.0.0', scenarios, requirements, runProblems: [], targets: [] };
  return buildReport(model, computeVerdict(model), {
    runId: '20261203-065000-two', suite: { name: 'ilp-conformance', version: 'test' }, catalog: { version: catalog.version, rfcRevisions: {} },
    target: { identity: 'bundled reference', kind: 'bundled-reference', reached: true, reachability: 'test' }, profile: 'all',
    selection: { tags: '', requirements: [] }, masked: [], allure: { results: 'allure-results', report: null, note: 'not built' },
  }, catalog);
}

test('requirements are counted per profile, and a convention set aside is skipped, with its profile and kind', () => {
  const report = twoProfileReport();
  assert.equal(report.summary.byProfile.connector!.failed, 1);
  assert.equal(report.summary.byProfile.ledger!.passed, 1);
  assert.equal(report.summary.byProfile.ledger!.skipped, 1);
  const lapi = report.requirements.find((r) => r.id === 'LAPI-001')!;
  assert.deepEqual([lapi.status, lapi.profile, lapi.convention], ['skipped', 'ledger', 'native-ledger-api']);
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  assert.ok(ajv.validate(reportSchema, JSON.parse(JSON.stringify(report))), ajv.errorsText());
});

test('the front page has a table per profile and a conventions section apart from the RFC requirements', () => {
  const html = renderHtml(twoProfileReport());
  const byProfile = /<table class="counts" id="by-profile">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  assert.match(byProfile, /<th>connector<\/th>/);
  assert.match(byProfile, /<th>ledger<\/th>/);
  const rfc = /<section id="requirements">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  const conventions = /<section id="conventions">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  assert.match(rfc, /id="req-LEDGER-010"/);
  assert.doesNotMatch(rfc, /req-LAPI-001/);
  assert.match(conventions, /id="req-LAPI-001" class="skipped"/);
  const md = renderSummaryMarkdown(twoProfileReport());
  assert.match(md, /\| ledger \| 1 \| 0 \|/);
  assert.match(md, /LAPI-001 skipped/);
});

test('a run of one profile shows no conventions section when none was met', () => {
  const html = renderHtml(connectorOnly);
  assert.doesNotMatch(html, /id="conventions"/);
});
