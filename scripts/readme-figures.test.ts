import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from '../bin/commands/spawn-cli';
import { javaAvailable } from '../lib/report/allure-html';
import { DEFAULT_MAX_UNREACHABLE } from '../lib/targets/circuit-breaker';
import { DEFAULT_TOPOLOGY_PATH } from '../contracts/topology';
import { allFaults } from './selftest';
import { bytesUnder, near, readmeFigure } from './readme-figures';

/**
 * The README's figures against the real ones: the fault switches, topology and defaults, and one run of every feature against the
 * bundled reference with every format (scenario count; bytes of the default files, of everything but the
 * Allure HTML, and, where Java is present, of everything). The tarball's size is checked by package.test.ts.
 */
test('the README states the number of fault switches the self-test runs', () => {
  assert.equal(readmeFigure(/\((\d+) named misbehaviours\)/), allFaults().length);
});

test('the README states the topology\'s peer ports and lena\'s limit, the circuit breaker\'s and the fuzzer\'s defaults', () => {
  const topology = JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')) as { peers: Array<{ name: string; balance: { maximum: string }; http: { outgoing: { url: string } } }> };
  const ports = topology.peers.map((p) => Number(new URL(p.http.outgoing.url).port));
  assert.equal(readmeFigure(/127\.0\.0\.1:(\d+)–\d+/), Math.min(...ports));
  assert.equal(readmeFigure(/127\.0\.0\.1:\d+–(\d+)/), Math.max(...ports));
  assert.equal(readmeFigure(/she may owe at most (\d+)/), Number(topology.peers.find((p) => p.name === 'lena')!.balance.maximum));
  assert.equal(readmeFigure(/After (\d+) consecutive connection failures/), DEFAULT_MAX_UNREACHABLE);
  // The fuzzer runs on import, so its default is read from its source.
  const fuzzDefault = /requests: ([\d_]+)/.exec(readFileSync(join(__dirname, 'fuzz-connector.ts'), 'utf8'))![1]!.replace(/_/g, '');
  assert.equal(readmeFigure(/npm run fuzz:connector\s+# ([\d,]+) random/), Number(fuzzDefault));
});

test('the ilp-connector example\'s README states as many failures as its known-failures file holds', () => {
  const dir = join(__dirname, '..', 'examples', 'ilp-connector');
  const known = JSON.parse(readFileSync(join(dir, 'known-failures.json'), 'utf8')) as { expectations: Array<{ status: string }> };
  const failures = known.expectations.filter((e) => e.status === 'failed').length;
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  assert.equal(readmeFigure(/passed, (\d+) failed/, text), failures);
  assert.equal(readmeFigure(/no unexpected results; (\d+) as expected/, text), known.expectations.length, 'every entry, failed, warning or not implemented, is met as expected');
});

test('the README states a full run\'s scenario count and report sizes, default and --format all', { timeout: 6 * 60_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'readme-figures-'));
  try {
    const java = javaAvailable();
    const run = await spawnCli(['run', '--format', 'all', '--out', out, ...(java ? [] : ['--no-allure-html'])], '', 5 * 60_000);
    assert.equal(run.code, 0, `${run.out.slice(-1500)}${run.err.slice(-1500)}`);
    const dir = realpathSync(join(out, 'latest'));
    const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
    assert.equal(report.summary.scenarios.total, readmeFigure(/bundled reference \((\d+) scenarios\)/));

    const mb = (files: readonly (string | null)[]) => files.filter((f): f is string => Boolean(f)).reduce((sum, f) => sum + bytesUnder(join(dir, f)), 0) / 1e6;
    const f = report.files;
    const byDefault = mb([f.json, f.html, f.junit, f.summary, f.badge, f.shieldsEndpoint, f.evidence]);
    const all = mb([f.json, f.html, f.junit, f.summary, f.badge, f.shieldsEndpoint, f.evidence, f.messages, f.cucumberHtml, f.allureResults]);
    t.diagnostic(`measured: ${report.summary.scenarios.total} scenarios, ${byDefault.toFixed(1)} MB by default, ${all.toFixed(1)} MB with --format all before the Allure HTML, ${(bytesUnder(dir) / 1e6).toFixed(1)} MB in all`);
    const stated = { byDefault: readmeFigure(/writes about ([\d.]+) MB by default/), all: readmeFigure(/--format all` writes about ([\d.]+) MB before/) };
    assert.ok(near(byDefault, stated.byDefault, 0.2), `default formats: README ${stated.byDefault} MB, measured ${byDefault.toFixed(1)} MB`);
    assert.ok(near(all, stated.all, 0.2), `--format all without the Allure HTML: README ${stated.all} MB, measured ${all.toFixed(1)} MB`);
    await t.test('with the Allure HTML', { skip: java ? false : 'java is not on PATH, so no Allure HTML to measure' }, () => {
      const withHtml = bytesUnder(dir) / 1e6; // everything the run wrote
      const statedHtml = readmeFigure(/MB before the Allure HTML and about ([\d.]+) MB with it/);
      assert.ok(near(withHtml, statedHtml, 0.2), `--format all with the Allure HTML: README ${statedHtml} MB, measured ${withHtml.toFixed(1)} MB`);
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
