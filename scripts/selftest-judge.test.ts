import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONNECTOR_FAULTS, KNOWN_FAULTS, NO_FAULTS, parseFaults } from '../reference-impl/connector/faults';
import { formatSelftest, judgeSelftest, requirementsOf, type ScenarioOutcome, type SelftestFault } from './selftest-judge';
import { allFaults, capturedPlan, mergeOutcomes, NOT_JUDGED_CAPTURED } from './selftest';
import requirements from '../fixtures/requirements.json';

const fault = (name: string, reqs: string[]): SelftestFault => ({ name, target: 'connector', description: name, requirements: reqs });
const scenario = (id: string, tags: string[], status = 'passed'): ScenarioOutcome => ({ id, name: id, tags, status });

const A = scenario('a.feature:3', ['@COND-002', '@must']);
const B = scenario('b.feature:5', ['@EXP-001', '@must']);
const C = scenario('c.feature:7', ['@ERR-003', '@should']);
const baseline = [A, B, C];

test('a fault is caught when a scenario of one of its requirements fails with it', () => {
  const v = judgeSelftest([fault('x', ['COND-002']), fault('y', ['EXP-001'])], baseline, new Map([
    ['x', [{ ...A, status: 'failed' }, B]],
    ['y', [A, { ...B, status: 'failed' }]],
  ]));
  assert.deepEqual(v.uncaughtFaults, []);
  assert.deepEqual(v.idleMustScenarios, []);
  assert.equal(v.exitCode, 0);
  assert.deepEqual(v.faults[0]!.caughtBy, ['COND-002']);
});

test('a fault whose failures carry none of its requirements is uncaught, and the exit code is 1', () => {
  const v = judgeSelftest([fault('x', ['COND-002']), fault('y', ['EXP-001'])], baseline, new Map([
    ['x', [A, { ...B, status: 'failed' }]], // fails, but not for its own requirement
    ['y', [A, { ...B, status: 'failed' }]],
  ]));
  assert.deepEqual(v.uncaughtFaults, ['x']);
  assert.equal(v.exitCode, 1);
  assert.match(formatSelftest(v).join('\n'), /Faults nothing catches \(1\): x/);
});

test('a fault with no failing scenario at all is uncaught', () => {
  const v = judgeSelftest([fault('x', ['COND-002'])], baseline, new Map([['x', [A, B]]]));
  assert.deepEqual(v.uncaughtFaults, ['x']);
  assert.equal(v.exitCode, 1);
});

test('a MUST scenario that was run but caught no fault is listed and fails the self-test; SHOULD ones are not', () => {
  const v = judgeSelftest([fault('x', ['COND-002'])], baseline, new Map([['x', [{ ...A, status: 'failed' }, B, C]]]));
  assert.deepEqual(v.uncaughtFaults, []);
  assert.deepEqual(v.idleMustScenarios.map((s) => s.id), ['b.feature:5']);
  assert.equal(v.exitCode, 1);
});

test('a scenario that fails without faults catches nothing and fails the self-test', () => {
  const v = judgeSelftest([fault('x', ['COND-002'])], [{ ...A, status: 'failed' }, B], new Map([['x', [{ ...A, status: 'failed' }, { ...B, status: 'failed' }]]]));
  assert.deepEqual(v.uncaughtFaults, ['x']);
  assert.equal(v.baselineFailures.length, 1);
  assert.equal(v.exitCode, 1);
});

test('requirement tags are read from scenario tags, level and area tags are not', () => {
  assert.deepEqual(requirementsOf(['@COND-L01', '@LEDGER-004', '@must', '@rfc-27', '@uses:lena']), ['COND-L01', 'LEDGER-004']);
});

test('the reference connector has no faults by default; every fault names catalog requirements', () => {
  assert.equal(NO_FAULTS.size, 0);
  assert.equal(parseFaults([]).size, 0);
  assert.ok(KNOWN_FAULTS.length >= 30);
  const ids = new Set((requirements as { requirements: { id: string }[] }).requirements.map((r) => r.id));
  for (const f of allFaults()) {
    assert.ok(f.requirements.length > 0, `${f.name} names no requirement`);
    for (const id of f.requirements) assert.ok(ids.has(id), `${f.name}: ${id} is not in the catalog`);
    assert.ok(f.description.length > 0);
  }
  assert.equal(Object.keys(CONNECTOR_FAULTS).length, KNOWN_FAULTS.length);
});

test('captured mode: the judgements over each reference participant merge to failed if any failed, else passed if any passed', () => {
  const merged = mergeOutcomes([
    [A, { ...B, status: 'skipped' }, { ...C, status: 'skipped' }],
    [{ ...A, status: 'failed' }, B, { ...C, status: 'skipped' }],
  ]);
  assert.deepEqual(merged.map((o) => [o.id, o.status]), [['a.feature:3', 'failed'], ['b.feature:5', 'passed'], ['c.feature:7', 'skipped']]);
});

test('captured mode: each FSPIOP Mojaloop fault is judged offline by the requirements the captured features carry, bar the listed ones', () => {
  const plan = capturedPlan(allFaults());
  assert.ok(plan.files.length > 0 && plan.files.every((f) => f.startsWith('features/mojaloop/captured-')));
  const names = plan.faults.map((f) => f.name);
  assert.ok(names.includes('mojaloop:payer-changes-packet (captured)'));
  for (const excluded of Object.keys(NOT_JUDGED_CAPTURED)) {
    assert.ok(allFaults().some((f) => f.name === excluded), `${excluded} is a fault`);
    assert.ok(!names.includes(`${excluded} (captured)`));
  }
  // The ISO 20022 mode's faults have world parameters of their own and are never recorded.
  assert.ok(plan.faults.every((f) => f.target === 'mojaloop' && !f.worldParameters && f.requirements.length > 0));
});
