import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../lib/testing/free-port';
import { near, readmeFigure } from './readme-figures';

/**
 * The package a vendor installs: `npm pack` (which builds dist/ with tsc), installed from the tarball into an
 * empty project the way a vendor would (runtime dependencies from the registry or npm's cache; better-sqlite3
 * compiles there, which is most of this test's two minutes), then run there: --version, the codec profile
 * with reports under the caller's ./reports, --out with a --target that is not listening (exit 3), and
 * --target against the package's own reference connector, started from the package on free ports.
 * The tarball's size is checked against the figure the README states.
 */
const ROOT = resolve(__dirname, '..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function sh(cmd: string, args: string[], cwd: string, timeoutMs: number): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}\n${out.slice(-2000)}`);
  return { code: r.status, out };
}

test('the packed tarball installs into an empty project and runs the codec profile there', { timeout: 8 * 60_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'ilp-package-'));
  try {
    const pack = sh(NPM, ['pack', '--pack-destination', work, '--no-fund'], ROOT, 4 * 60_000);
    assert.equal(pack.code, 0, pack.out.slice(-2000));
    const tarball = join(work, `${PKG.name}-${PKG.version}.tgz`);
    const kB = statSync(tarball).size / 1000;
    const stated = readmeFigure(/tarball of about (\d+) kB/);
    assert.ok(near(kB, stated, 0.15), `the README says the tarball is about ${stated} kB; it is ${kB.toFixed(0)} kB`);

    const project = join(work, 'vendor');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'vendor-ci', version: '1.0.0', private: true, allowScripts: { 'better-sqlite3': true } }));
    const install = sh(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project, 5 * 60_000);
    assert.equal(install.code, 0, install.out.slice(-2000));
    assert.doesNotMatch(install.out, /not yet covered by allowScripts/, 'better-sqlite3\'s build script runs, approved');
    const modules = readdirSync(join(project, 'node_modules'));
    for (const dev of ['sucrase', 'typescript', 'ts-node', 'playwright-core', 'fast-check', 'ilp-packet']) {
      assert.ok(!modules.includes(dev), `${dev} (a dev dependency) is not installed for a user`);
    }
    const installed = join(project, 'node_modules', PKG.name);
    const shipped = listFiles(installed);
    assert.deepEqual(shipped.filter((f) => f.endsWith('.ts')), [], 'the package carries compiled JavaScript, no TypeScript');
    for (const need of ['dist/bin/cli.js', 'dist/features/packets/ilp-prepare.feature', 'dist/fixtures/requirements.json', 'dist/fixtures/topology.json', 'dist/fixtures/schemas/report.schema.json']) {
      assert.ok(shipped.includes(need), `the package carries ${need}`);
    }

    const cli = join(project, 'node_modules', '.bin', 'ilp-conformance');
    assert.equal(sh(cli, ['--version'], project, 30_000).out.trim(), PKG.version);

    const run = sh(cli, ['run', '--profile', 'codec'], project, 3 * 60_000);
    assert.equal(run.code, 0, run.out.slice(-2000));
    const report = JSON.parse(readFileSync(join(project, 'reports', 'latest', 'conformance.json'), 'utf8'));
    assert.equal(report.verdict.result, 'conformant');
    assert.ok(report.summary.scenarios.passed > 100, 'the codec features ran');
    assert.ok(existsSync(join(project, 'reports', 'latest', 'summary.md')));

    const out = join(work, 'elsewhere');
    const unreachable = sh(cli, ['run', '--target', 'http://127.0.0.1:1', '--out', out], project, 60_000);
    assert.equal(unreachable.code, 3, unreachable.out.slice(-2000));
    assert.equal(JSON.parse(readFileSync(join(out, 'latest', 'conformance.json'), 'utf8')).target.identity, 'http://127.0.0.1:1');

    const topology = await topologyOnFreePorts(join(installed, 'dist', 'fixtures', 'topology.json'), join(work, 'topology.json'));
    const connector = spawn(cli, ['reference', '--topology', topology.path, '--quiet'], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await listening(connector, 30_000);
      const against = sh(cli, ['run', '--target', topology.sutUrl, '--topology', topology.path, '--profile', 'connector'], project, 3 * 60_000);
      assert.equal(against.code, 0, against.out.slice(-2000));
      assert.match(against.out, /Verdict: Conformant/);
    } finally {
      await stopped(connector, 5_000);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

/** The package's topology with the connector and every harness peer on a free 127.0.0.1 port. */
async function topologyOnFreePorts(source: string, dest: string): Promise<{ path: string; sutUrl: string }> {
  const topology = JSON.parse(readFileSync(source, 'utf8')) as { $schema?: string; sut: { url: string }; peers: Array<{ http: { outgoing: { url: string } } }> };
  delete topology.$schema;
  const moved = async (text: string) => {
    const url = new URL(text);
    url.port = String(await freePort());
    return url.toString().replace(/\/$/, '');
  };
  topology.sut.url = await moved(topology.sut.url);
  for (const peer of topology.peers) peer.http.outgoing.url = await moved(peer.http.outgoing.url);
  writeFileSync(dest, JSON.stringify(topology));
  return { path: dest, sutUrl: topology.sut.url };
}

/** Resolves when the reference connector prints that it listens; rejects when it exits first or after boundMs. */
function listening(child: ReturnType<typeof spawn>, boundMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`the reference connector did not listen within ${boundMs} ms: ${text}`)), boundMs);
    const onData = (d: Buffer) => {
      text += d.toString();
      if (/listening on http/.test(text)) {
        clearTimeout(timer);
        resolvePromise();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference connector exited ${code} before listening: ${text}`));
    });
  });
}

/** SIGTERM, and SIGKILL if it has not exited within boundMs. */
async function stopped(child: ReturnType<typeof spawn>, boundMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
  await exited;
  clearTimeout(timer);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}
