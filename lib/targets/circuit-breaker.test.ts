import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SentPrepare } from '../peers/sender';
import { ConnectionBreaker, DEFAULT_MAX_UNREACHABLE } from './circuit-breaker';

const refused = { connectFailure: true, outcome: { kind: 'transport-failure', reason: 'connection refused (ECONNREFUSED)', elapsedMs: 1 } } as unknown as SentPrepare;
const answered = { outcome: { kind: 'transport-failure', reason: 'HTTP 500', httpStatus: 500, elapsedMs: 1 } } as unknown as SentPrepare;
const timedOut = { outcome: { kind: 'timed-out', afterMs: 5000 } } as unknown as SentPrepare;

function scenarios(breaker: ConnectionBreaker, ...each: Array<SentPrepare[]>): void {
  for (const sent of each) {
    sent.forEach((s) => breaker.note(s));
    breaker.endScenario();
  }
}

test('opens after the limit of scenarios in a row with only connection failures (4 / 5 / 6 of 5)', () => {
  assert.equal(DEFAULT_MAX_UNREACHABLE, 5);
  const b = new ConnectionBreaker();
  scenarios(b, [refused], [refused], [refused], [refused]);
  assert.equal(b.open, false);
  scenarios(b, [refused]);
  assert.equal(b.open, true);
  assert.match(b.openMessage(), /^Circuit open: target unreachable after 5 consecutive connection failures \(last: connection refused \(ECONNREFUSED\)\)/);
  scenarios(b, [refused]);
  assert.equal(b.open, true);
});

test('any HTTP answer or a hang resets the count; a scenario that sent nothing leaves it alone', () => {
  const b = new ConnectionBreaker(2);
  scenarios(b, [refused], [refused, answered], [refused], [], [refused, timedOut]);
  assert.equal(b.open, false, 'answered and timed-out scenarios reached the target');
  scenarios(b, [refused], [], [refused]);
  assert.equal(b.open, true);
});

test('limit 0 never opens', () => {
  const b = new ConnectionBreaker(0);
  scenarios(b, ...Array.from({ length: 20 }, () => [refused]));
  assert.equal(b.open, false);
});
