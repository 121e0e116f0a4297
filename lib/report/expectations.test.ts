import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyExpectations, ExpectationsError, loadExpectations, parseExpectations } from './expectations';
import type { ScenarioResult } from './run-model';
import type { ScenarioStatus } from './status';

function scenario(name: string, status: ScenarioStatus, requirements: string[] = []): ScenarioResult {
  return {
    key: `features/a.feature: ${name}`, name, uri: 'features/a.feature', line: 1, tags: [], requirements, level: 'must', area: undefined,
    status, message: undefined, stoppedAt: undefined, exceptionType: undefined, durationMs: 0, attempts: 1, flaky: false, evidence: [], attachments: [], checks: [], requirementResults: {},
  };
}

test('known failures are expected; a new failure and an expected failure that passes are unexpected', () => {
  const entries = parseExpectations({
    expectations: [
      { scenario: 'known bad', status: 'failed', reason: 'vendor bug 12' },
      { requirement: 'PKT-009', status: 'failed', reason: 'not implemented' },
      { scenario: 'features/a.feature: now fixed', status: 'failed', reason: 'was broken' },
      { scenario: 'gone', status: 'failed', reason: 'scenario removed' },
    ],
  });
  const r = applyExpectations('k.json', entries, [
    scenario('known bad', 'failed'),
    scenario('by requirement', 'failed', ['PKT-009']),
    scenario('now fixed', 'passed'),
    scenario('new failure', 'failed'),
    scenario('fine', 'passed'),
  ]);
  assert.equal(r.ok, false);
  assert.deepEqual(r.counts, { ok: 1, expected: 2, 'unexpected-pass': 1, 'unexpected-failure': 1, 'unexpected-status': 0 });
  assert.deepEqual(r.stale.map((s) => s.scenario), ['gone']);
  assert.equal(r.results.find((x) => x.outcome === 'unexpected-pass')?.scenario, 'features/a.feature: now fixed');
});

test('an expected failure that errors instead is an unexpected status', () => {
  const r = applyExpectations('k', parseExpectations({ expectations: [{ scenario: 'x', status: 'failed', reason: 'bug' }] }), [scenario('x', 'errored')]);
  assert.equal(r.counts['unexpected-status'], 1);
  assert.equal(r.ok, false);
});

test('only expected results: ok', () => {
  const r = applyExpectations('k', parseExpectations({ expectations: [{ scenario: 'x', status: 'errored', reason: 'harness bug 3' }] }), [scenario('x', 'errored'), scenario('y', 'passed')]);
  assert.equal(r.ok, true);
});

test('bad files are refused with a sentence naming the problem', () => {
  assert.throws(() => parseExpectations({ expectations: [{ scenario: 'x', status: 'failed' }] }), /reason/);
  assert.throws(() => parseExpectations({ expectations: [{ scenario: 'x', requirement: 'PKT-001', status: 'failed', reason: 'abc' }] }), /exactly one of "scenario" or "requirement"/);
  assert.throws(() => parseExpectations({ expectations: [{ scenario: 'x', status: 'passed', reason: 'abc' }] }), ExpectationsError);
  const dir = mkdtempSync(join(tmpdir(), 'expect-'));
  writeFileSync(join(dir, 'bad.json'), '{ not json');
  assert.throws(() => loadExpectations(join(dir, 'bad.json')), /cannot read expectations .*bad\.json/);
  assert.throws(() => loadExpectations(join(dir, 'missing.json')), /cannot read expectations/);
});
