import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseRunArgs, run } from './run';

/** Runs the command with its output collected. */
async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const streams = { out: '', err: '' };
  const sink = (key: 'out' | 'err') => new Writable({ write: (c: Buffer, _e, done) => ((streams[key] += c.toString()), done()) });
  const code = await run(argv, { out: sink('out'), err: sink('err') });
  return { code, ...streams };
}

test('usage and configuration errors exit 2 with one line naming the problem', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'run-args-'));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ expectations: [{ scenario: 'x', status: 'failed' }] }));
  const cases: Array<[string[], RegExp]> = [
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--profile', 'wallet'], /--profile must be one of codec, connector, ledger/],
    [['--parallel', 'many'], /--parallel must be a whole number/],
    [['--target', 'not a url'], /--target "not a url" is not a URL/],
    [['--target', 'ftp://127.0.0.1/'], /must be an http\(s\) URL/],
    [['--requirement', 'PKT-7'], /"PKT-7" is not a requirement ID/],
    [['--requirement', 'PKT-999'], /no requirement PKT-999 in the catalog/],
    [['stray'], /unexpected argument "stray"/],
    [['--expect', join(dir, 'missing.json')], /cannot read expectations/],
    [['--expect', join(dir, 'bad.json')], /does not match expectations\.schema\.json: .*reason/],
    [['--topology', join(dir, 'missing.json')], /cannot read topology/],
    [['--format', 'json,pdf'], /--format: unknown format "pdf" \(known: json, html/],
  ];
  for (const [argv, message] of cases) {
    const { code, err, out } = await capture(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(err, message, argv.join(' '));
    assert.equal(err.trim().split('\n').length, 1, `one line for ${argv.join(' ')}`);
    assert.equal(out, '');
  }
});

test('options parse into a run: requirement lists, default profile by target, output root', () => {
  const p = parseRunArgs(['--target', 'http://127.0.0.1:7770', '--requirement', 'PKT-001', 'PKT-002', '--requirement', 'ADDR-L01,OER-003', '--parallel', '4', '--secret-env', 'A,B']);
  assert.deepEqual([...(p.options?.requirements ?? [])].sort(), ['ADDR-L01', 'OER-003', 'PKT-001', 'PKT-002']);
  assert.equal(p.options?.profile, 'connector');
  assert.equal(p.options?.parallel, 4);
  assert.deepEqual(p.options?.secretEnv, ['A', 'B']);
  assert.equal(parseRunArgs(['--ledger', 'http://127.0.0.1:9000']).options?.profile, 'ledger');
  assert.equal(parseRunArgs([]).options?.profile, 'all');
  assert.equal(parseRunArgs(['--help']).help, true);
});

test('--ledger-api names the ledger dialect; an unknown one is a usage error naming the known ones', () => {
  assert.equal(parseRunArgs(['--ledger', 'http://127.0.0.1:7800', '--ledger-api', 'five-bells']).options?.ledgerApi, 'five-bells');
  assert.equal(parseRunArgs(['--ledger', 'http://127.0.0.1:7800']).options?.ledgerApi, undefined);
  assert.throws(() => parseRunArgs(['--ledger-api', 'bells']), /--ledger-api: unknown ledger API "bells" \(known: native, five-bells\)/);
  if (!process.env.ILP_LEDGER_URL) assert.throws(() => parseRunArgs(['--ledger-api', 'five-bells']), /--ledger-api five-bells needs the ledger's URL/);
});

test('--receiver takes a URL or a payment pointer ($host/path -> https://host/path); --receiver-ca goes with it', () => {
  const pointer = parseRunArgs(['--receiver', '$wallet.example/alice', '--receiver-ilp', 'http://127.0.0.1:7861/ilp']).options;
  assert.equal(pointer?.receiverSpspUrl, 'https://wallet.example/alice');
  assert.equal(pointer?.profile, 'receiver');
  const withCa = parseRunArgs(['--receiver', 'https://127.0.0.1:7860/.well-known/pay', '--receiver-ilp', 'http://127.0.0.1:7861/ilp', '--receiver-ca', 'ca.pem']).options;
  assert.equal(withCa?.receiverCaFile, join(process.cwd(), 'ca.pem'));
  assert.throws(() => parseRunArgs(['--receiver-ca', 'ca.pem']), /--receiver-ca .* needs --receiver/);
  assert.throws(() => parseRunArgs(['--receiver', '$wallet.example:8443', '--receiver-ilp', 'http://127.0.0.1:7861/ilp']), /--receiver \$wallet\.example:8443: a payment pointer has no port/);
});

test('an unreachable target: exit 3 and a report marked incomplete, never "not conformant"', async () => {
  const out = mkdtempSync(join(tmpdir(), 'run-unreachable-'));
  const { code, out: stdout } = await capture(['--target', 'http://127.0.0.1:1', '--out', out]);
  assert.equal(code, 3);
  assert.match(stdout, /Verdict: Incomplete \(exit 3\)/);
  const report = JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));
  assert.equal(report.verdict.result, 'incomplete');
  assert.equal(report.verdict.incompleteCause, 'unreachable');
  assert.equal(report.target.reached, false);
  assert.match(report.target.reachability, /ECONNREFUSED/);
  assert.equal(report.target.identity, 'http://127.0.0.1:1');
  assert.equal(report.profile, 'connector');
  assert.ok(report.untested.length > 0, 'the connector requirements are listed as untested');
  // The default formats: our own files, no Allure or Cucumber outputs (no scenario ran, so no evidence/).
  const files = readdirSync(join(out, 'latest')).sort();
  assert.deepEqual(files, ['badge.json', 'badge.svg', 'conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  assert.equal(report.files.messages, null);
  assert.equal(report.files.allureResults, null);
});

test('--format adds the Cucumber and Allure outputs on request, and leaves out what is not named', async () => {
  const out = mkdtempSync(join(tmpdir(), 'run-formats-'));
  const { code } = await capture(['--target', 'http://127.0.0.1:1', '--out', out, '--format', 'junit,cucumber,allure', '--no-allure-html']);
  assert.equal(code, 3);
  const files = readdirSync(join(out, 'latest')).sort();
  assert.deepEqual(files, ['allure-results', 'conformance.json', 'cucumber.html', 'junit.xml', 'messages.ndjson']);
});
