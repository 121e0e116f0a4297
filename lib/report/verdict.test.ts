import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Level, ScenarioResult } from './run-model';
import type { ScenarioStatus } from './status';
import { computeVerdict } from './verdict';

function scenario(status: ScenarioStatus, level: Level, message?: string, exceptionType?: string): ScenarioResult {
  return {
    key: `f.feature: ${status} ${level} ${Math.random()}`, name: `${status} ${level}`, uri: 'f.feature', line: 1, tags: [], requirements: ['PKT-001'],
    level, area: 'codec', status, message, stoppedAt: undefined, exceptionType, durationMs: 1, attempts: 1, flaky: false, evidence: [], attachments: [], checks: [], requirementResults: {},
  };
}
const run = (...scenarios: ScenarioResult[]) => ({ scenarios, runProblems: [] });

test('every MUST passing is conformant, exit 0', () => {
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('passed', 'should')));
  assert.deepEqual([v.result, v.exitCode, v.complete], ['conformant', 0, true]);
});

test('a failed SHOULD or MAY gives warnings, exit 0', () => {
  for (const [level, status] of [['should', 'warning'], ['may', 'not-implemented']] as const) {
    const v = computeVerdict(run(scenario('passed', 'must'), scenario(status, level)));
    assert.deepEqual([v.result, v.exitCode], ['conformant-with-warnings', 0], level);
  }
});

test('a failed MUST is not conformant, exit 1, even when other scenarios errored', () => {
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('failed', 'must'), scenario('errored', 'must')));
  assert.deepEqual([v.result, v.exitCode, v.complete], ['not-conformant', 1, false]);
});

test('an errored MUST makes the run incomplete, exit 3, never "not conformant"', () => {
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('errored', 'must')));
  assert.deepEqual([v.result, v.exitCode, v.incompleteCause], ['incomplete', 3, 'must-errored']);
});

test('every scenario errored: incomplete (harness or configuration), exit 3', () => {
  const v = computeVerdict(run(scenario('errored', 'should'), scenario('errored', 'must')));
  assert.deepEqual([v.result, v.exitCode, v.incompleteCause], ['incomplete', 3, 'all-errored']);
});

test('a target nobody could reach: incomplete even though scenarios failed', () => {
  const failing = scenario('failed', 'must', 'Expected: Fulfill\nActual: transport failure: connect ECONNREFUSED 127.0.0.1:1');
  const v = computeVerdict(run(failing, { ...failing, key: 'other' }));
  assert.deepEqual([v.result, v.exitCode, v.incompleteCause], ['incomplete', 3, 'unreachable']);
  const probed = computeVerdict(run(scenario('passed', 'must')), { reached: false, detail: 'ECONNREFUSED' });
  assert.equal(probed.result, 'incomplete');
});

test('transport failures next to a pass are judged normally (the target was reached)', () => {
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('failed', 'must', 'Actual: transport failure: HTTP 500')));
  assert.equal(v.result, 'not-conformant');
});

test('nothing ran, or a BeforeAll hook broke: incomplete', () => {
  assert.equal(computeVerdict(run()).incompleteCause, 'nothing-ran');
  const broken = computeVerdict({ scenarios: [scenario('passed', 'must')], runProblems: [{ where: 'BeforeAll hook', message: 'port in use' }] });
  assert.deepEqual([broken.result, broken.incompleteCause], ['incomplete', 'run-problem']);
});

test('skipped MUST scenarios do not count against the target but are named', () => {
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('skipped', 'must')));
  assert.equal(v.result, 'conformant');
  assert.match(v.reasons.join(' '), /1 MUST-level scenario\(s\) were skipped/);
});

test('an open circuit breaker makes the run incomplete (unreachable), exit 3, even after a failed MUST', () => {
  const open = 'Circuit open: target unreachable after 5 consecutive connection failures (last: connection reset); this scenario was not run.';
  const v = computeVerdict(run(scenario('failed', 'must', 'transport failure: connection reset'), scenario('passed', 'must'), scenario('errored', 'must', open, 'TargetUnreachable')));
  assert.equal(computeVerdict(run(scenario('passed', 'must'), scenario('errored', 'must', open))).incompleteCause, 'must-errored', 'the type decides, never the text');
  assert.deepEqual([v.result, v.exitCode, v.incompleteCause], ['incomplete', 3, 'unreachable']);
  assert.match(v.reasons[0]!, /Target unreachable after 5 consecutive connection failures: the run stopped sending, and 1 scenario\(s\) were not run/);
});

test('a codec adapter that became unusable makes the run incomplete, exit 3, even after a failed MUST', () => {
  const broken = 'Codec adapter unusable: it did not answer request 7 (decode) within 5000 ms (adapter: ./a). No verdict on the codec: the harness could not judge it.';
  const v = computeVerdict(run(scenario('passed', 'must'), scenario('failed', 'must'), scenario('errored', 'must', broken, 'CodecAdapterUnusable')));
  assert.deepEqual([v.result, v.exitCode, v.incompleteCause], ['incomplete', 3, 'adapter-unusable']);
  assert.match(v.reasons[0]!, /did not answer request 7/);
});
