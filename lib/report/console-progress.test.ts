import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Envelope } from '@cucumber/messages';
import { ConsoleProgress, isPlainOutput } from './console-progress';

const ts = { seconds: 0, nanos: 0 };
function stream(isTTY: boolean) {
  const w = new Writable({ write: (c: Buffer, _e, done) => ((w.text += c.toString()), done()) }) as Writable & { text: string; isTTY: boolean; columns: number };
  w.text = '';
  w.isTTY = isTTY;
  w.columns = 120;
  return w;
}

/** One pickle with one step that fails an assertion, as Cucumber's messages describe it. */
const run: Envelope[] = [
  { pickle: { id: 'p1', uri: 'f.feature', name: 'a wrong answer', language: 'en', steps: [{ id: 's1', text: 'x', astNodeIds: [] }], tags: [{ name: '@PKT-002', astNodeId: 't' }], astNodeIds: [] } },
  { testCase: { id: 'c1', pickleId: 'p1', testSteps: [{ id: 'ts1', pickleStepId: 's1' }] } },
  { testCaseStarted: { id: 'r1', testCaseId: 'c1', attempt: 0, timestamp: ts } },
  { testStepFinished: { testCaseStartedId: 'r1', testStepId: 'ts1', timestamp: ts,
    testStepResult: { status: 'FAILED' as never, duration: ts, exception: { type: 'AssertionError', message: 'Requirement: PKT-002\nExpected: F01\nActual: Fulfill' } } } },
  { testCaseFinished: { testCaseStartedId: 'r1', timestamp: ts, willBeRetried: false } },
] as Envelope[];

test('CI or a pipe gets one plain line per scenario with what went wrong', () => {
  const out = stream(false);
  const p = new ConsoleProgress({ out, plain: true });
  for (const e of run) p.onEnvelope(e);
  p.end();
  assert.equal(out.text, 'FAILED  PKT-002 a wrong answer\n        Expected: F01 / Actual: Fulfill\n');
});

test('a terminal gets one progress bar line rewritten in place', () => {
  const out = stream(true);
  const p = new ConsoleProgress({ out, plain: false });
  for (const e of run) p.onEnvelope(e);
  p.end();
  assert.match(out.text, /^\r\[#{24}\] 1\/1 ok 0 fail 1 err 0 skip 0 PKT-002 a wrong answer\s*\n$/);
});

test('plain output when CI is set or stdout is not a terminal', () => {
  assert.equal(isPlainOutput({ CI: 'true' }, { isTTY: true }), true);
  assert.equal(isPlainOutput({}, { isTTY: false }), true);
  assert.equal(isPlainOutput({}, { isTTY: true }), false);
  assert.equal(isPlainOutput({ CI: 'false' }, { isTTY: true }), false);
});
