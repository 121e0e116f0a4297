import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * scripts/ci-action.sh, the script behind action.yml, run here as the action runs it: inputs as INPUT_*,
 * the job summary and step outputs in temporary files, the caller's workspace a temporary directory.
 */
const SCRIPT = resolve(__dirname, 'ci-action.sh');

function action(inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), 'ci-action-'));
  const runner = mkdtempSync(join(tmpdir(), 'ci-runner-')); // the runner's own files, outside the workspace
  const files = { summary: join(runner, 'step-summary.md'), output: join(runner, 'output.txt') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const r = spawnSync('bash', [SCRIPT], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, CI: 'true', GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, ...inputs },
  });
  if (r.error) throw r.error;
  const outputs = Object.fromEntries(readFileSync(files.output, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { code: r.status, log: `${r.stdout}${r.stderr}`, workspace, summary: readFileSync(files.summary, 'utf8'), outputs };
}

test('the codec profile against the bundled reference: exit 0, the summary in the job summary, the report directory named', () => {
  const r = action({ INPUT_PROFILE: 'codec', INPUT_OUTPUT_DIR: 'conformance-reports' });
  assert.equal(r.code, 0, r.log.slice(-2000));
  assert.equal(r.outputs['exit-code'], '0');
  assert.equal(r.outputs.verdict, 'conformant');
  assert.ok(r.outputs['report-dir']!.startsWith(join(r.workspace, 'conformance-reports')), r.outputs['report-dir']);
  assert.ok(existsSync(join(r.outputs['report-dir']!, 'conformance.json')));
  assert.equal(r.summary, readFileSync(join(r.outputs['report-dir']!, 'summary.md'), 'utf8'), 'summary.md, once');
  assert.match(r.summary, /Conformant/);
});

test('an unreachable target with capabilities: the suite\'s exit 3 passes through, with its report', () => {
  const r = action({ INPUT_TARGET: 'http://127.0.0.1:1', INPUT_CAPABILITIES: 'http-sync' });
  assert.equal(r.code, 3, r.log.slice(-2000));
  assert.equal(r.outputs['exit-code'], '3');
  assert.equal(r.outputs.verdict, 'incomplete');
  assert.ok(existsSync(join(r.outputs['report-dir']!, 'conformance.json')));
});

test('a bad input: exit 2, no report directory, and the job summary says why there is no report', () => {
  const r = action({ INPUT_PROFILE: 'wallet' });
  assert.equal(r.code, 2);
  assert.match(r.log, /--profile must be one of codec, connector, ledger/);
  assert.equal(r.outputs['exit-code'], '2');
  assert.equal(r.outputs['report-dir'], undefined);
  assert.match(r.summary, /exited 2 without writing a report/);
});

test('action.yml hands every input to the script as INPUT_*, and its one run step calls scripts/ci-action.sh', () => {
  const yml = readFileSync(resolve(__dirname, '..', 'action.yml'), 'utf8');
  const script = readFileSync(SCRIPT, 'utf8');
  const inputs = [...yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:')).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
  assert.ok(inputs.includes('target') && inputs.includes('known-failures'), inputs.join(', '));
  for (const name of inputs.filter((n) => n !== 'node-version')) {
    const variable = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
    assert.ok(yml.includes(`${variable}: \${{ inputs.${name} }}`), `action.yml passes ${name} as ${variable}`);
    assert.ok(script.includes(variable), `ci-action.sh reads ${variable}`);
  }
  assert.equal((yml.match(/^\s+run: /gm) ?? []).length, 1);
  assert.match(yml, /run: bash "\$GITHUB_ACTION_PATH\/scripts\/ci-action.sh"/);
});
