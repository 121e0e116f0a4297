#!/usr/bin/env node
// The interop run: starts five-bells-ledger 21.2.5 on 127.0.0.1 (in-memory SQLite), runs
//   node bin/ilp-conformance.js run --ledger <its URL> --ledger-api five-bells --profile ledger --expect known-failures.json
// stops it, and prints how long each part took. The exit code is the run command's, 2 for a usage error,
// 3 when the ledger would not start. `--no-expect` shows the raw verdicts; arguments after `--` go to the
// run command (e.g. `-- --requirement LEDGER-003`); `--port <n>` (default 7800; 7800-7819 are this example's).
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { existsSync, mkdirSync, openSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { randomBytes } = require('node:crypto');

const ROOT = resolve(__dirname, '..', '..');
const LEDGER_DIR = join(__dirname, 'node_modules', 'five-bells-ledger');
const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 10_000;

async function main(argv) {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const passOn = dash === -1 ? [] : argv.slice(dash + 1);
  let expect = true;
  let port = 7800;
  for (let i = 0; i < own.length; i++) {
    const arg = own[i];
    if (arg === '--no-expect') expect = false;
    else if (arg === '--port' && /^\d+$/.test(own[i + 1] ?? '') && Number(own[i + 1]) >= 7800 && Number(own[i + 1]) <= 7819) port = Number(own[++i]);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('usage: node examples/five-bells-ledger/interop.js [--no-expect] [--port 7800-7819] [-- <ilp-conformance run options>]\n');
      return 0;
    } else {
      process.stderr.write(`interop: unknown or bad option ${arg} (--port takes 7800-7819; options for the run command go after --)\n`);
      return 2;
    }
  }
  if (!existsSync(join(LEDGER_DIR, 'src', 'app.js')) || !existsSync(join(__dirname, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) {
    process.stderr.write('interop: five-bells-ledger or its sqlite3 binding is not installed; run `npm run interop:five-bells:install` first\n');
    return 2;
  }
  const url = `http://127.0.0.1:${port}`;
  const adminPass = randomBytes(18).toString('base64url');
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  const logFile = join(ROOT, 'reports', 'five-bells-ledger.log');
  const log = openSync(logFile, 'w');
  const t0 = Date.now();
  const ledger = spawn(process.execPath, ['-r', join(__dirname, 'loopback.js'), 'src/app.js'], {
    cwd: LEDGER_DIR,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      NODE_PATH: join(__dirname, 'node_modules'),
      LEDGER_ADMIN_USER: 'admin',
      LEDGER_ADMIN_PASS: adminPass,
      LEDGER_DB_URI: 'sqlite://:memory:',
      LEDGER_PORT: String(port),
      LEDGER_BIND_IP: '127.0.0.1',
      LEDGER_PUBLIC_URI: url,
      LEDGER_ILP_PREFIX: 'test1.fivebells.',
      LEDGER_CURRENCY_CODE: 'USD',
      LEDGER_CURRENCY_SYMBOL: '$',
    },
  });
  if (!(await serving(url, ledger))) {
    process.stderr.write(`interop: five-bells-ledger did not answer GET / at ${url} within ${START_LIMIT_MS / 1000} s (log: ${relative(ROOT, logFile)})\n`);
    await stop(ledger);
    return 3;
  }
  const started = Date.now();
  process.stdout.write(`interop: five-bells-ledger up at ${url} in ${((started - t0) / 1000).toFixed(1)} s; log in ${relative(ROOT, logFile)}\n`);
  const expectFile = join(__dirname, 'known-failures.json');
  const runArgs = ['run', '--ledger', url, '--ledger-api', 'five-bells', '--profile', 'ledger', ...(expect ? ['--expect', relative(ROOT, expectFile)] : []), ...passOn];
  process.stdout.write(`interop: node bin/ilp-conformance.js ${runArgs.join(' ')}\n`);
  const suite = spawn(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...runArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ILP_LEDGER_ADMIN_TOKEN: adminPass, ILP_LEDGER_ADMIN_USER: 'admin' },
  });
  const [code, signal] = await once(suite, 'exit');
  const ran = Date.now();
  const stopped = await stop(ledger);
  const end = Date.now();
  process.stdout.write(
    `interop: suite ${((ran - started) / 1000).toFixed(1)} s, ledger start ${((started - t0) / 1000).toFixed(1)} s, ` +
      `stop ${((end - ran) / 1000).toFixed(1)} s${stopped ? '' : ' (had to be killed)'}; total ${((end - t0) / 1000).toFixed(1)} s; run exit code ${code ?? signal}\n`,
  );
  return code ?? 3;
}

/** Polls GET / until the ledger answers 200 (bounded), or it exits. */
async function serving(url, child) {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** SIGTERM, then SIGKILL after a bound. */
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const late = new Promise((r) => setTimeout(() => r('late'), STOP_LIMIT_MS).unref());
  if ((await Promise.race([exited.then(() => 'ok'), late])) === 'ok') return true;
  child.kill('SIGKILL');
  await exited;
  return false;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`interop: ${error && error.message ? error.message : error}\n`); process.exitCode = 3; },
);
