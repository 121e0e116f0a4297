/**
 * `run --profile mojaloop --capture FILE`: the captured audit from the command line, offline. A capture
 * recorded from the reference participant is judged conformant; one recorded with its amount-not-scaled
 * fault fails ML-004 and nothing else; broken lines are named by number and the rest judged; a file that is
 * missing or no capture at all is a usage error naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { run } from './run';
import { spawnCli } from './spawn-cli';

const CAPTURES = resolve(__dirname, '..', '..', 'fixtures', 'captures');

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const streams = { out: '', err: '' };
  const sink = (key: 'out' | 'err') => new Writable({ write: (c: Buffer, _e, done) => ((streams[key] += c.toString()), done()) });
  const code = await run(argv, { out: sink('out'), err: sink('err') });
  return { code, ...streams };
}

interface Report {
  verdict: { result: string };
  implementations: Array<{ details?: Record<string, string> }>;
  scenarios: Array<{ name: string; status: string; requirements: string[]; skipReason?: string; checks?: Array<{ passed: boolean; actual: string }> }>;
  requirements: Array<{ id: string; status: string }>;
}
const reportIn = (out: string): Report => JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));

test('a capture that cannot be judged is a usage error naming the file (exit 2, no stack trace)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-capture-'));
  writeFileSync(join(dir, 'notes.txt'), 'this is\nnot a log\n');
  writeFileSync(join(dir, 'empty.jsonl'), '\n\n');
  writeFileSync(join(dir, 'bad.har'), '{"log":{}}');
  const cases: Array<[string[], RegExp]> = [
    [['--capture', join(dir, 'missing.jsonl')], /--capture .*missing\.jsonl: no such file/],
    [['--capture', dir], /--capture .*: a directory, not a file/],
    [['--capture', join(dir, 'notes.txt')], /notes\.txt: neither JSON lines nor a HAR 1\.2 .*line 1: not JSON/],
    [['--capture', join(dir, 'empty.jsonl')], /empty\.jsonl: the file holds no messages/],
    [['--capture', join(dir, 'bad.har')], /bad\.har: neither JSON lines nor a HAR 1\.2 .*the file: no log\.entries list/],
    [['--profile', 'codec', '--capture', join(CAPTURES, 'hub-log.jsonl')], /--capture belongs to --profile mojaloop/],
    [['--profile', 'mojaloop', '--capture', join(CAPTURES, 'hub-log.jsonl'), '--target', 'http://127.0.0.1:9'], /--target does not go with it/],
    [['--capture', join(CAPTURES, 'hub-log.jsonl'), '--mojaloop-role', 'switch'], /--mojaloop-role must be payee or payer/],
  ];
  for (const [argv, message] of cases) {
    const { code, err } = await capture(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(err, message, argv.join(' '));
    assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  }
});

test('a capture recorded with the amount-not-scaled fault fails ML-004, each unit named with its lines, and no other requirement', { timeout: 60_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'run-capture-'));
  const { code, out: stdout } = await capture(['--profile', 'mojaloop', '--capture', join(CAPTURES, 'reference-amount-not-scaled.jsonl'), '--fsp-id', 'referencefsp', '--out', out, '--format', 'json']);
  assert.equal(code, 1, stdout);
  assert.match(stdout, /judging .*reference-amount-not-scaled\.jsonl offline \(JSON lines, 32 messages, 9 audit units; FSP referencefsp, both roles, ILP auto\); no broken lines/);
  const report = reportIn(out);
  assert.equal(report.verdict.result, 'not-conformant');
  assert.deepEqual(report.requirements.filter((r) => r.status === 'failed').map((r) => r.id), ['ML-004']);
  const failed = report.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
  assert.deepEqual(failed.map((s) => s.requirements), [['ML-004']]);
  const actual = failed[0]!.checks!.find((c) => !c.passed)!.actual;
  assert.match(actual, /^5 of 5 exchange\(s\) fail:/);
  assert.match(actual, /ML-004 referencefsp as Payee FSP, quote [0-9a-f-]{36} \(lines 13, 14\): expected packet amount 9900 = 99 x 10\^2, got packet amount 99/);
  assert.match(actual, /\(lines 15, 16\): expected packet amount 1225 = 12\.25 x 10\^2, got packet amount 12/);
  // The payer scenarios judged the reference's own requests (it was the Payer FSP in the payer-mode units): passed.
  assert.ok(report.scenarios.filter((s) => /Every transfer carries/.test(s.name)).every((s) => s.status === 'passed'));
});

test('broken lines are reported by number, the rest judged; a capture of a conforming exchange is conformant', { timeout: 90_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'run-capture-'));
  const broken = await spawnCli(['run', '--profile', 'mojaloop', '--capture', join(CAPTURES, 'hub-log.jsonl'), '--out', out, '--format', 'json'], '', 60_000);
  assert.equal(broken.code, 0, broken.out + broken.err);
  assert.match(broken.out, /4 broken lines not judged:\n {2}line 3 \(not-json\): not JSON[^\n]*\n {2}line 6 \(missing-field\): no "path"\n {2}line 8 \(body-not-json\)[^\n]*\n {2}line 12 \(bad-field\)/);
  const report = reportIn(out);
  assert.match(report.implementations[0]!.details!['broken lines']!, /^line 3 \(not-json\).*; line 6 \(missing-field\).*; line 8 \(body-not-json\).*; line 12 \(bad-field\)/);
  const skipped = report.scenarios.filter((s) => s.status === 'skipped');
  assert.deepEqual(skipped.map((s) => s.requirements), [['ML-016']], 'no resent transfer in the log: ML-016 is not observable');
  assert.match(skipped[0]!.skipReason ?? '', /^not observable: no exchange in the capture allows a ML-016 check/);

  const conforming = await spawnCli(['run', '--capture', join(CAPTURES, 'reference-exchange.jsonl'), '--out', out, '--format', 'json'], '', 60_000);
  assert.equal(conforming.code, 0, conforming.out + conforming.err);
  assert.match(conforming.out, /Scenarios: 20 passed, 0 failed, 0 errored, 0 skipped/);
  assert.match(conforming.out, /every FSP, both roles, ILP auto\); no broken lines/);
});
