import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { run } from './compare';

function report(runId: string, requirements: Record<string, string>, scenarios: Record<string, string>) {
  return {
    reportFormat: '1.0', runId, suite: { name: 'ilp-conformance', version: '0.1.0' }, catalog: { version: '1.0.0', rfcRevisions: {} },
    target: { identity: 'http://127.0.0.1:7770' }, verdict: { result: 'not-conformant' },
    requirements: Object.entries(requirements).map(([id, status]) => ({ id, status })),
    scenarios: Object.entries(scenarios).map(([key, status]) => ({ key, status })),
  };
}

function runsDir(a: object, b: object): string {
  const root = mkdtempSync(join(tmpdir(), 'compare-'));
  for (const [name, r] of [['A', a], ['B', b]] as const) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'conformance.json'), JSON.stringify(r));
  }
  return root;
}

async function compare(argv: string[]) {
  const streams = { out: '', err: '' };
  const sink = (key: 'out' | 'err') => new Writable({ write: (c: Buffer, _e, done) => ((streams[key] += c.toString()), done()) });
  const code = await run(argv, { out: sink('out'), err: sink('err') });
  return { code, ...streams };
}

test('classifies fixed, regressed, new, removed and changed, and exits 1 on a regression', async () => {
  const root = runsDir(
    report('A', { 'PKT-001': 'failed', 'PKT-002': 'passed', 'PKT-003': 'passed', 'PKT-004': 'passed', 'PKT-005': 'untested', 'PKT-006': 'failed' },
      { 'f: one': 'failed', 'f: two': 'passed', 'f: gone': 'passed' }),
    report('B', { 'PKT-001': 'passed', 'PKT-002': 'errored', 'PKT-004': 'skipped', 'PKT-005': 'passed', 'PKT-006': 'failed', 'PKT-007': 'failed' },
      { 'f: one': 'passed', 'f: two': 'failed', 'f: new': 'passed' }),
  );
  const { code, out } = await compare([join(root, 'A'), join(root, 'B', 'conformance.json'), '--json']);
  assert.equal(code, 1);
  const d = JSON.parse(out);
  const ids = (kind: string) => d.requirements[kind].map((c: { id: string }) => c.id);
  assert.deepEqual(ids('fixed'), ['PKT-001']);
  assert.deepEqual(ids('regressed'), ['PKT-002']);
  assert.deepEqual(ids('new'), ['PKT-005', 'PKT-007']);
  assert.deepEqual(ids('removed'), ['PKT-003']);
  assert.deepEqual(ids('changed'), ['PKT-004']);
  assert.equal(d.requirements.unchanged, 1);
  assert.deepEqual(d.scenarios.regressed.map((c: { id: string }) => c.id), ['f: two']);
  assert.deepEqual(d.scenarios.removed.map((c: { id: string }) => c.id), ['f: gone']);
});

test('no regression exits 0 and prints a readable summary; run IDs resolve under --reports', async () => {
  const root = runsDir(report('A', { 'PKT-001': 'failed' }, {}), report('B', { 'PKT-001': 'passed' }, {}));
  const { code, out } = await compare(['A', 'B', '--reports', root]);
  assert.equal(code, 0);
  assert.match(out, /Requirements: 0 regressed, 1 fixed/);
  assert.match(out, /fixed {5}PKT-001: failed -> passed/);
  assert.match(out, /No regressions\./);
});

test('bad arguments and unreadable runs exit 2 with one line', async () => {
  const root = runsDir(report('A', {}, {}), { hello: 'world' });
  for (const [argv, message] of [
    [['only-one'], /expected two runs, got 1/],
    [['--nope', 'a', 'b'], /Unknown option '--nope'/],
    [[join(root, 'A'), join(root, 'missing')], /no run ".*missing"/],
    [[join(root, 'A'), join(root, 'B')], /is not an ilp-conformance report/],
  ] as const) {
    const { code, err } = await compare([...argv]);
    assert.equal(code, 2, argv.join(' '));
    assert.match(err, message);
    assert.equal(err.trim().split('\n').length, 1);
  }
});
