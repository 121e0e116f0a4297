import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENTRY, spawnCli } from './spawn-cli';

const FAKE = join(__dirname, '..', '..', 'fixtures', 'test', 'codec-adapters', 'fake-adapter.js');
const OWN = `"${process.execPath}" "${CLI_ENTRY}" codec-adapter`;

function report(out: string): { verdict: { result: string; incompleteCause?: string }; summary: { scenarios: Record<string, number> }; target: { identity: string } } {
  return JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));
}

test('the whole codec profile passes through ilp-conformance codec-adapter: exit 0, nothing skipped', async () => {
  const out = mkdtempSync(join(tmpdir(), 'codec-adapter-run-'));
  try {
    const { code, out: stdout } = await spawnCli(['run', '--codec', OWN, '--out', out, '--no-allure-html'], '', 180_000);
    assert.equal(code, 0, stdout.slice(-2000));
    const r = report(out);
    assert.equal(r.verdict.result, 'conformant');
    assert.equal(r.summary.scenarios.passed, 382);
    assert.equal(r.summary.scenarios.skipped, 0);
    assert.match(r.target.identity, /codec adapter: .*codec-adapter/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('an adapter that hangs mid-run: exit 3 within bounds, even with known failures, and the reason in the verdict', async () => {
  const out = mkdtempSync(join(tmpdir(), 'codec-adapter-hang-'));
  const before = process.env.ILP_TIMEOUT_MULTIPLIER;
  process.env.ILP_TIMEOUT_MULTIPLIER = '0.2';
  try {
    const started = Date.now();
    const expect = join(__dirname, '..', '..', 'examples', 'ilp-packet', 'known-failures.json');
    const { code, out: stdout } = await spawnCli(['run', '--codec', `"${process.execPath}" "${FAKE}" hang`, '--expect', expect, '--out', out, '--no-allure-html'], '', 120_000);
    assert.equal(code, 3, stdout.slice(-2000));
    assert.ok(Date.now() - started < 60_000, `bounded: ${Date.now() - started} ms`);
    assert.match(stdout, /did not answer request 1 \(decode\) within 1000 ms/);
    const r = report(out);
    assert.equal(r.verdict.result, 'incomplete');
    assert.equal(r.verdict.incompleteCause, 'adapter-unusable');
  } finally {
    if (before === undefined) delete process.env.ILP_TIMEOUT_MULTIPLIER;
    else process.env.ILP_TIMEOUT_MULTIPLIER = before;
    rmSync(out, { recursive: true, force: true });
  }
});

test('codec-adapter speaks the protocol on stdin and stdout, and takes no arguments', async () => {
  const lines = [
    '{"cmd":"start","version":1}',
    '{"id":1,"cmd":"encode","packet":{"type":"fulfill","fulfillment":"00","data":""}}',
    'not json',
    '{"id":2,"cmd":"decode"}',
    '{"id":3,"cmd":"oer-write","what":"uint8","value":"abc"}',
    '',
  ].join('\n');
  const { code, out, err } = await spawnCli(['codec-adapter'], lines);
  assert.equal(code, 0);
  const [hello, reply, malformed, unusable] = out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(hello.version, 1);
  assert.deepEqual(reply, { id: 1, ok: false, refusal: { kind: 'invalid-field', field: 'fulfillment', message: 'WrongFixedLength length=1 expected=32 field=fulfillment' } });
  assert.match(malformed.refusal.message, /^not a request: .*required property 'hex'/);
  assert.deepEqual([unusable.id, unusable.refusal.kind], [3, 'other']);
  assert.match(err, /ignoring a line that is not JSON: not json/);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
  const bad = await spawnCli(['codec-adapter', '--port', '1']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unexpected argument "--port"/);
});
