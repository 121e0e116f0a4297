import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestStepResult } from '@cucumber/messages';
import { classifyStep, headline, scenarioStatus } from './status';

const result = (status: string, exception?: { type: string; message?: string }): TestStepResult =>
  ({ status, duration: { seconds: 0, nanos: 0 }, ...(exception ? { exception, message: exception.message } : {}) }) as TestStepResult;

test('a RequirementFailure or an AssertionError is a failure, told by type; anything else thrown is a harness error', () => {
  assert.equal(classifyStep(result('FAILED', { type: 'AssertionError', message: 'x' })).status, 'failed');
  assert.equal(classifyStep(result('FAILED', { type: 'RequirementFailure', message: 'x' })).status, 'failed');
  assert.equal(classifyStep(result('FAILED', { type: 'Error', message: 'Requirement: PKT-007\nExpected: a\nActual: b' })).status, 'errored', 'text that looks like a judgement is not one');
  assert.equal(classifyStep(result('FAILED', { type: 'TypeError', message: 'x is undefined' })).status, 'errored');
  assert.equal(classifyStep(result('FAILED', { type: 'Error', message: 'function timed out, ensure the promise resolves within 20000 milliseconds' })).status, 'errored');
});

test('undefined, ambiguous and pending steps are harness errors; skipped stays skipped', () => {
  for (const s of ['UNDEFINED', 'AMBIGUOUS', 'PENDING', 'UNKNOWN']) assert.equal(classifyStep(result(s)).status, 'errored', s);
  assert.equal(classifyStep(result('SKIPPED')).status, 'skipped');
  assert.equal(classifyStep(result('PASSED')).status, 'passed');
});

test('the first failing or erroring step decides; skips after it do not count', () => {
  const p = { status: 'passed', message: undefined } as const;
  const f = { status: 'failed', message: 'm' } as const;
  const e = { status: 'errored', message: 'm' } as const;
  const s = { status: 'skipped', message: undefined } as const;
  assert.deepEqual(scenarioStatus([p, f, s, e]), { status: 'failed', index: 1 }, 'a Then failure followed by an After error is a failure');
  assert.deepEqual(scenarioStatus([p, s, e]), { status: 'errored', index: 2 }, 'a hook breaking after a skip is a harness error');
  assert.deepEqual(scenarioStatus([p, s, p]), { status: 'skipped', index: 1 });
  assert.deepEqual(scenarioStatus([p, p]), { status: 'passed', index: -1 });
});

test('headline prefers Expected / Actual over the Requirement header', () => {
  assert.equal(headline('Requirement: PKT-002\nExpected: Reject F01\nActual: Fulfill'), 'Expected: Reject F01 / Actual: Fulfill');
  assert.equal(headline('Requirement: X\nsomething broke'), 'something broke');
  assert.equal(headline(undefined), '');
});
