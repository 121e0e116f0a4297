import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startReferenceParticipant } from '../../lib/targets/bundled-references';
import { run } from './run';
import { spawnCli } from './spawn-cli';

// An external run needs a switch port the participant knows in advance: one from this profile's range.
const SWITCH_PORT = 7831;

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
    [['--profile', 'mojaloop', '--api', 'iso20022'], /--api iso20022 is not wired yet/],
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
