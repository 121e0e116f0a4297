#!/usr/bin/env node
// The interop run: starts five-bells-ledger 21.2.5 on 127.0.0.1 (launch.js), runs
//   node bin/ilp-conformance.js run --ledger <its URL> --ledger-api five-bells --profile ledger --expect known-failures.json
// stops it, and prints how long each part took. The exit code is the run command's, 2 for a usage error,
// 3 when the ledger would not start. `--no-expect` shows the raw verdicts; arguments after `--` go to the
// run command (e.g. `-- --requirement LEDGER-003`); `--port <n>` (default 7800; 7800-7819 are this example's).
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { mkdirSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { startFiveBells, missingInstall } = require('./launch');

const ROOT = resolve(__dirname, '..', '..');

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
  const missing = missingInstall();
  if (missing) {
    process.stderr.write(`interop: ${missing}\n`);
    return 2;
  }
  mkdirSync(join(ROOT, 'reports'), { recursive: true });
  const logFile = join(ROOT, 'reports', 'five-bells-ledger.log');
  const t0 = Date.now();
  let ledger;
  try {
    ledger = await startFiveBells({ port, logFile });
  } catch (error) {
    process.stderr.write(`interop: ${error.message}\n`);
    return 3;
  }
  const started = Date.now();
  process.stdout.write(`interop: five-bells-ledger up at ${ledger.url} in ${((started - t0) / 1000).toFixed(1)} s; log in ${relative(ROOT, logFile)}\n`);
  const expectFile = join(__dirname, 'known-failures.json');
  const runArgs = ['run', '--ledger', ledger.url, '--ledger-api', 'five-bells', '--profile', 'ledger', ...(expect ? ['--expect', relative(ROOT, expectFile)] : []), ...passOn];
  process.stdout.write(`interop: node bin/ilp-conformance.js ${runArgs.join(' ')}\n`);
  const suite = spawn(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...runArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ILP_LEDGER_ADMIN_TOKEN: ledger.adminPass, ILP_LEDGER_ADMIN_USER: ledger.adminUser },
  });
  const [code, signal] = await once(suite, 'exit');
  const ran = Date.now();
  const stopped = await ledger.stop();
  const end = Date.now();
  process.stdout.write(
    `interop: suite ${((ran - started) / 1000).toFixed(1)} s, ledger start ${((started - t0) / 1000).toFixed(1)} s, ` +
      `stop ${((end - ran) / 1000).toFixed(1)} s${stopped ? '' : ' (had to be killed)'}; total ${((end - t0) / 1000).toFixed(1)} s; run exit code ${code ?? signal}\n`,
  );
  return code ?? 3;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`interop: ${error && error.message ? error.message : error}\n`); process.exitCode = 3; },
);
