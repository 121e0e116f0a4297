import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startReferenceParticipant } from '../../lib/targets/bundled-references';
import { run } from './run';
import { spawnCli } from './spawn-cli';

// An external run needs a switch port the participant knows in advance: one from this profile's range
// (ILP_MOJALOOP_SWITCH_PORT moves it, so two checkouts testing at once need not share one).
const SWITCH_PORT = Number(process.env.ILP_MOJALOOP_SWITCH_PORT || 7831);

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const streams = { out: '', err: '' };
  const sink = (key: 'out' | 'err') => new Writable({ write: (c: Buffer, _e, done) => ((streams[key] += c.toString()), done()) });
  const code = await run(argv, { out: sink('out'), err: sink('err') });
  return { code, ...streams };
}

test('the Mojaloop flags: an external participant needs its role, FSP ID and, as payer, its trigger; --ilp and --api are checked', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--profile', 'mojaloop', '--target', 'http://127.0.0.1:9', '--fsp-id', 'x'], /needs its role: --mojaloop-role payee\|payer/],
    [['--profile', 'mojaloop', '--target', 'http://127.0.0.1:9', '--mojaloop-role', 'payee'], /needs the participant's FSP ID: --fsp-id ID/],
    [['--profile', 'mojaloop', '--target', 'http://127.0.0.1:9', '--mojaloop-role', 'payer', '--fsp-id', 'x'], /--mojaloop-role payer needs --payer-trigger URL/],
    [['--profile', 'mojaloop', '--ilp', 'v2'], /--ilp must be one of v1, v4, auto, not "v2"/],
    [['--profile', 'mojaloop', '--api', 'iso20022', '--ilp', 'v1'], /--api iso20022 carries only ILPv4 Prepares .* so --ilp v1 cannot be audited in it: use --ilp v4, or leave --ilp out/],
    [['--profile', 'mojaloop', '--api', 'soap'], /unknown API "soap" \(known: fspiop, iso20022\)/],
    [['--profile', 'codec', '--fsp-id', 'x'], /belong to --profile mojaloop/],
  ];
  for (const [argv, message] of cases) {
    const { code, err } = await capture(argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(err, message, argv.join(' '));
  }
});

test('an external participant by URL: payee role judged, payer scenarios skipped with the reason, the switch URL printed', { timeout: 60_000 }, async () => {
  const participant = await startReferenceParticipant({ switchUrl: `http://127.0.0.1:${SWITCH_PORT}`, fspId: 'extfsp' });
  process.env.ILP_MOJALOOP_SWITCH_PORT = String(SWITCH_PORT);
  try {
    const out = mkdtempSync(join(tmpdir(), 'run-mojaloop-'));
    const { code, out: stdout } = await capture(['--profile', 'mojaloop', '--target', participant.url, '--mojaloop-role', 'payee', '--fsp-id', 'extfsp', '--tags', '@participant and (@ML-004 or @ML-008)', '--out', out, '--format', 'json']);
    assert.equal(code, 0, stdout);
    assert.match(stdout, new RegExp(`callbacks go to http://127\\.0\\.0\\.1:${SWITCH_PORT} \\(role payee, FSP extfsp, ILP v1\\)`));
    const report = JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));
    const scenarios = report.scenarios as Array<{ name: string; status: string; skipReason?: string }>;
    assert.ok(scenarios.filter((s) => /packet amount/.test(s.name)).every((s) => s.status === 'passed'));
    const skipped = scenarios.filter((s) => s.status === 'skipped');
    assert.ok(skipped.length >= 2 && skipped.every((s) => /audited in the payee role .* needs the payer role/.test(s.skipReason ?? '')), JSON.stringify(skipped));
  } finally {
    delete process.env.ILP_MOJALOOP_SWITCH_PORT;
    await participant.close();
  }
});

// A second Cucumber run in this process would find no step definitions (they register once per process): a child process.
test('an external participant in the payer role is paid through its trigger', { timeout: 90_000 }, async () => {
  const participant = await startReferenceParticipant({ switchUrl: `http://127.0.0.1:${SWITCH_PORT}`, fspId: 'extpayer' });
  process.env.ILP_MOJALOOP_SWITCH_PORT = String(SWITCH_PORT);
  try {
    const out = mkdtempSync(join(tmpdir(), 'run-mojaloop-'));
    const { code, out: stdout } = await spawnCli(['run', '--profile', 'mojaloop', '--target', participant.url, '--mojaloop-role', 'payer', '--fsp-id', 'extpayer', '--payer-trigger', participant.triggerUrl, '--tags', '@payer and not @ilpv4', '--out', out, '--format', 'json'], '', 80_000);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Scenarios: 5 passed, 0 failed, 0 errored, 0 skipped/);
  } finally {
    delete process.env.ILP_MOJALOOP_SWITCH_PORT;
    await participant.close();
  }
});

// An external ISO 20022 participant by URL passes; an FSPIOP v1.1 participant audited with --api iso20022 fails
// every scenario, each failure naming the callback that never came.
test('an external participant in the ISO 20022 mode by URL; a v1.1 participant audited in it fails with the reason', { timeout: 90_000 }, async () => {
  for (const api of ['iso20022', 'fspiop'] as const) {
    const participant = await startReferenceParticipant({ switchUrl: `http://127.0.0.1:${SWITCH_PORT}`, fspId: 'isofsp', api });
    process.env.ILP_MOJALOOP_SWITCH_PORT = String(SWITCH_PORT);
    try {
      const out = mkdtempSync(join(tmpdir(), 'run-mojaloop-iso-ext-'));
      const { code, out: stdout } = await spawnCli(['run', '--profile', 'mojaloop', '--api', 'iso20022', '--target', participant.url, '--mojaloop-role', 'payee', '--fsp-id', 'isofsp', '--tags', api === 'iso20022' ? '@participant and @payee and (@ML-004 or @ML-005)' : '@participant and @payee and @ML-005', '--out', out, '--format', 'json'], '', 80_000);
      const report = JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));
      const scenarios = report.scenarios as Array<{ name: string; status: string }>;
      assert.ok(scenarios.length >= 1, stdout);
      if (api === 'iso20022') {
        assert.equal(code, 0, stdout);
        assert.ok(scenarios.every((s) => s.status === 'passed'), stdout);
      } else {
        assert.equal(code, 1, stdout);
        assert.ok(scenarios.every((s) => s.status !== 'passed'), stdout);
        // It cannot read the ISO body, so it never calls back: the failure says so (judged on the scenario's ML tag).
        for (const sc of scenarios as Array<{ message?: string }>) assert.match(sc.message ?? '', /no PUT \/quotes\/\S+ \(or \/error\) callback reached the switch within/);
      }
    } finally {
      delete process.env.ILP_MOJALOOP_SWITCH_PORT;
      await participant.close();
    }
  }
});

// The ISO 20022 mode end to end, once per `npm test`: the bundled participants (both roles, ILPv4) speak it,
// the harness encodes and decodes through it; the scenarios that need a condition field are skipped with why.
test('--api iso20022: the bundled participant passes the participant scenarios in the ISO 20022 mode, ISO bodies on the wire', { timeout: 120_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'run-mojaloop-iso-'));
  const { code, out: stdout } = await spawnCli(['run', '--profile', 'mojaloop', '--api', 'iso20022', '--tags', '@participant', '--out', out, '--no-allure-html'], '', 110_000);
  assert.equal(code, 0, stdout);
  const report = JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8'));
  const scenarios = report.scenarios as Array<{ name: string; status: string; tags: string[]; skipReason?: string; evidence?: unknown }>;
  const skipped = scenarios.filter((s) => s.status === 'skipped');
  assert.deepEqual(skipped.map((s) => s.tags.includes('@condition-field')), [true, true, true], JSON.stringify(skipped.map((s) => s.name)));
  assert.ok(skipped.every((s) => /not applicable in the ISO 20022 mode .* no condition field/.test(s.skipReason ?? '')));
  const passed = scenarios.filter((s) => s.status === 'passed');
  assert.equal(passed.length, scenarios.length - 3, stdout);
  assert.ok(passed.some((s) => s.tags.includes('@ilpv4') && s.tags.includes('@payer')) && passed.some((s) => s.tags.includes('@ilpv4') && s.tags.includes('@payee')));
  assert.match(JSON.stringify(report), /"API":"iso20022"/);
  const quote = passed.find((s) => /packet's data is the quote's Transaction/.test(s.name)) as { evidence?: Array<{ path: string }> } | undefined;
  const evidence = readFileSync(join(out, 'latest', (quote?.evidence ?? []).find((e) => e.path.endsWith('.json'))?.path ?? 'missing'), 'utf8');
  for (const seen of ['"wireBody"', '"IlpV4PrepPacket"', '"ChrgBr"', 'application/vnd.interoperability.iso20022.quotes+json;version=2.0', '"ilpPacketDecoded"']) assert.ok(evidence.includes(seen), seen);
});
