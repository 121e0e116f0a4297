#!/usr/bin/env node
// The interop run: starts the Mojaloop Testing Toolkit 18.13.0 as a payee DFSP on 127.0.0.1 (launch.js; its callbacks
// go to the suite's switch at http://127.0.0.1:7830), runs
//   node bin/ilp-conformance.js run --profile mojaloop --mojaloop-role payee --target <its FSPIOP URL> \
//     --fsp-id <its FSP id> --ilp v1 --expect examples/mojaloop-ttk/known-failures.json
// stops it, and prints how long each part took. The exit code is the run command's, 2 for a usage error or a CLI
// without the payee audit mode, 3 when the toolkit would not start. `--no-expect` shows the raw verdicts;
// `--validation` starts it with its three transfer validation switches on; `--ilp v1|v4|auto` (default v1, what
// its FSPIOP mode speaks); arguments after `--` go to the run command. The run gets the toolkit's ILP secret
// (ILP_MOJALOOP_SECRET), so ML-006 is judged.
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { existsSync, mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { ROOT } = require('../interop-options');
const { startTestingToolkit, missingInstall } = require('./launch');

const USAGE = 'usage: node examples/mojaloop-ttk/interop.js [--no-expect] [--validation] [--ilp v1|v4|auto] [-- <ilp-conformance run options>]\n';

function options(argv) {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const o = { expect: true, validation: false, ilp: 'v1', passOn: dash === -1 ? [] : argv.slice(dash + 1) };
  for (let i = 0; i < own.length; i++) {
    const arg = own[i];
    if (arg === '--no-expect') o.expect = false;
    else if (arg === '--validation') o.validation = true;
    else if (arg === '--ilp' && ['v1', 'v4', 'auto'].includes(own[i + 1])) o.ilp = own[++i];
    else if (arg === '-h' || arg === '--help') return { help: true };
    else return { error: `unknown or bad option ${arg} (--ilp takes v1, v4 or auto; options for the run command go after --)` };
  }
  return o;
}

/** Runs the CLI with stdout passed through and stderr both passed through and kept, to explain a refusal. */
async function runSuite(args, env) {
  const suite = spawn(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  suite.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (stderr.length < 64_000) stderr += chunk;
  });
  const [code, signal] = await once(suite, 'exit');
  return { code, signal, stderr };
}

async function main(argv) {
  const o = options(argv);
  if (o.help) return process.stdout.write(USAGE), 0;
  if (o.error) return process.stderr.write(`interop: ${o.error}\n${USAGE}`), 2;
  const missing = missingInstall();
  if (missing) return process.stderr.write(`interop: ${missing}\n`), 2;
  const expectFile = join(__dirname, 'known-failures.json');
  if (o.expect && !existsSync(expectFile)) {
    process.stderr.write(`interop: ${relative(ROOT, expectFile)} does not exist yet; run with --no-expect to see the verdicts it should record\n`);
    return 2;
  }
  const reportDir = join(ROOT, 'reports', 'mojaloop-ttk');
  mkdirSync(reportDir, { recursive: true });
  const logFile = join(reportDir, 'toolkit.log');
  const validation = o.validation ? { previousQuotes: true, ilpPacket: true, condition: true } : {};
  const t0 = Date.now();
  let ttk;
  try {
    ttk = await startTestingToolkit({ logFile, validation });
  } catch (error) {
    process.stderr.write(`interop: ${error.message}\n`);
    return 3;
  }
  const started = Date.now();
  let result;
  let ran;
  let stopped;
  try {
    process.stdout.write(`interop: Testing Toolkit up at ${ttk.url} (admin ${ttk.adminUrl}, FSP id ${ttk.fspId}, callbacks to ${ttk.callbackUrl}${o.validation ? ', validation on' : ''}) in ${((started - t0) / 1000).toFixed(1)} s; log in ${relative(ROOT, logFile)}\n`);
    const runArgs = ['run', '--profile', 'mojaloop', '--mojaloop-role', 'payee', '--target', ttk.url, '--fsp-id', ttk.fspId, '--ilp', o.ilp,
      ...(o.expect ? ['--expect', relative(ROOT, expectFile)] : []), ...o.passOn];
    process.stdout.write(`interop: node bin/ilp-conformance.js ${runArgs.join(' ')}\n`);
    // The auditor holds the toolkit's ILP secret (its user config), as a scheme operator auditing a test
    // participant would: disclosing it makes ML-006 (fulfilment = HMAC-SHA256(secret, packet)) observable.
    const secret = Buffer.from(ttk.userConfig.ILP_SECRET, 'utf8').toString('base64url');
    process.stdout.write(`interop: ILP_MOJALOOP_SECRET is the toolkit's ILP_SECRET ("${ttk.userConfig.ILP_SECRET}") as base64url\n`);
    result = await runSuite(runArgs, { ...process.env, ILP_MOJALOOP_SECRET: secret });
  } finally {
    ran = Date.now();
    stopped = await ttk.stop();
  }
  const end = Date.now();
  process.stdout.write(`interop: suite ${((ran - started) / 1000).toFixed(1)} s, toolkit start ${((started - t0) / 1000).toFixed(1)} s, stop ${((end - ran) / 1000).toFixed(1)} s${stopped ? '' : ' (had to be killed)'}; total ${((end - t0) / 1000).toFixed(1)} s; run exit code ${result.code ?? result.signal}\n`);
  const refused = /Unknown option '--(mojaloop-role|fsp-id|ilp)'|[Uu]nknown profile.*mojaloop/.exec(result.stderr);
  if (refused) {
    process.stderr.write(`interop: this ilp-conformance has no Mojaloop payee audit mode yet (it refused ${refused[0].replace(/^Unknown option /, '')}); the Testing Toolkit itself started and stopped fine\n`);
    return 2;
  }
  return result.code ?? 3;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`interop: ${error && error.message ? error.message : error}\n`); process.exitCode = 3; },
);
