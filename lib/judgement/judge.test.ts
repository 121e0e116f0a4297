import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JudgementError, RequirementFailure, ScenarioJudgements, requirementOutcomes } from './judge';

test('a check judges the IDs its step names that the scenario carries, else the primary (first) requirement', () => {
  const j = new ScenarioJudgements(['AMT-005', 'ERR-009']);
  assert.deepEqual(j.resolve(['ERR-009']), ['ERR-009']);
  assert.deepEqual(j.resolve(['ERR-009', 'PKT-013']), ['ERR-009'], 'an ID the scenario does not carry is not judged here');
  assert.deepEqual(j.resolve(['PKT-013']), ['AMT-005']);
  assert.deepEqual(j.resolve('primary'), ['AMT-005']);
  assert.throws(() => new ScenarioJudgements([]).resolve('primary'), JudgementError);
  assert.throws(() => new ScenarioJudgements(['pkt-7']), JudgementError);
});

test('judge records every check with its evidence pointer, and throws one RequirementFailure carrying the check', () => {
  let entries = 3;
  const j = new ScenarioJudgements(['AMT-005', 'ERR-009'], () => entries);
  j.step = 'alice receives a Reject with code R01';
  j.judge(['ERR-009'], true, 'triggeredBy test.sut', 'triggeredBy test.sut');
  entries = 5;
  const thrown = (() => {
    try {
      j.judge('primary', false, 'code R01', () => 'code F00');
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  assert.ok(thrown instanceof RequirementFailure);
  assert.equal(thrown.check.actual, 'code F00');
  assert.match(thrown.message, /^Requirement: AMT-005/);
  assert.deepEqual(j.checks.map((c) => [c.requirements, c.passed, c.evidence?.upTo, c.step]), [
    [['ERR-009'], true, 3, 'alice receives a Reject with code R01'],
    [['AMT-005'], false, 5, 'alice receives a Reject with code R01'],
  ]);
});

test('a requirement fails only by its own check; the others passed, or not reached when the scenario stopped first', () => {
  const ids = ['PKT-007', 'PKT-013'];
  const arrivedNot = [{ requirements: ['PKT-007'], passed: false, expected: 'forwarded', actual: 'HTTP 413' }];
  assert.deepEqual(requirementOutcomes(ids, arrivedNot, false), { 'PKT-007': 'failed', 'PKT-013': 'not-reached' });
  const altered = [
    { requirements: ['PKT-007'], passed: true, expected: 'forwarded', actual: 'forwarded' },
    { requirements: ['PKT-013'], passed: false, expected: 'same data', actual: 'one byte short' },
  ];
  assert.deepEqual(requirementOutcomes(ids, altered, false), { 'PKT-007': 'passed', 'PKT-013': 'failed' });
  assert.deepEqual(requirementOutcomes(ids, [], true), { 'PKT-007': 'passed', 'PKT-013': 'passed' }, 'a passed scenario passes all it carries');
});

test('a requirement set aside comes out skipped with its reason, unless a check of its own judged it; it must be a tag', () => {
  const j = new ScenarioJudgements(['LEDGER-010', 'LAPI-001']);
  j.judge('primary', true, 'refused', 'HTTP 400');
  j.setAside(['LAPI-001'], 'a convention of the native ledger API; this ledger speaks five-bells');
  assert.equal(j.checks[1]!.setAside, 'a convention of the native ledger API; this ledger speaks five-bells');
  assert.deepEqual(requirementOutcomes(j.requirements, j.checks, true), { 'LEDGER-010': 'passed', 'LAPI-001': 'skipped' });
  const judgedToo = [...j.checks, { requirements: ['LAPI-001'], passed: false, expected: '403', actual: '400' }];
  assert.deepEqual(requirementOutcomes(j.requirements, judgedToo, false), { 'LEDGER-010': 'passed', 'LAPI-001': 'failed' });
  assert.throws(() => new ScenarioJudgements(['LEDGER-010']).setAside(['LAPI-001'], 'x'), /must carry @LAPI-001/);
});
