#!/usr/bin/env node
// The interop run: starts ilp-connector 21.1.10 between two five-bells-ledger 21.2.5 ledgers on 127.0.0.1
// (launch.js: ledger A :7885 prefix test.a., ledger B :7886 prefix test.b., connector account connie on both,
// one-to-one backend), runs
//   node bin/ilp-conformance.js run --tags @ilpv1-connector --expect examples/ilp-connector-v1/known-failures.json
// with the ILP_V1_* settings naming that connector (README.md, "A 2017 (ILPv1) connector between two ledgers"),
// stops all three processes (also when the run fails or this process is interrupted) and prints how long each
// part took. The exit code is the run command's, 2 for a usage error or a missing install, 3 when the topology
// would not start. `--no-expect` shows the raw verdicts; arguments after `--` go to the run command.
'use strict';
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { mkdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { interopOptions, ROOT } = require('../interop-options');
const { startTopology, missingInstall } = require('./launch');

const PORTS = [7885, 7886];
/**
 * What connie pays out on B per unit received on A: the one-to-one backend's rate less its default spread
 * (CONNECTOR_FX_SPREAD 0.002); 10 USD buy 9.98 (FINDINGS.md (c)). The feature's amounts hold up to 1.
 */
const RATE = '0.998';

async function main(argv) {
  const { expect, passOn } = interopOptions(argv, __dirname, 'ilp-connector', 'interop:ilp-connector-v1:install');
  const missing = missingInstall();
  if (missing) return process.stderr.write(`interop: ${missing}\n`), 2;
  const logDir = join(ROOT, 'reports', 'ilp-connector-v1');
  mkdirSync(logDir, { recursive: true });
  const t0 = Date.now();
  let topology;
  try {
    topology = await startTopology({ ports: PORTS, logDir });
  } catch (error) {
    process.stderr.write(`interop: ${error.message} (logs in ${relative(ROOT, logDir)})\n`);
    return 3;
  }
  const started = Date.now();
  const d = topology.description;
  const [a, b] = d.ledgers;
  let stopping;
  const stop = () => (stopping ??= topology.stop());
  const interrupted = (signal) => stop().then(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let code;
  let ran;
  try {
    process.stdout.write(
      `interop: ilp-connector ${d.versions['ilp-connector']} (ilp-plugin-bells ${d.versions['ilp-plugin-bells']}) between five-bells-ledger ${d.versions['five-bells-ledger']} ` +
        `at ${a.url} (${a.prefix}) and ${b.url} (${b.prefix}), up in ${((started - t0) / 1000).toFixed(1)} s; logs in ${relative(ROOT, logDir)}\n`,
    );
    const env = {
      ...process.env,
      ILP_V1_LEDGER_A_URL: a.url,
      ILP_V1_LEDGER_B_URL: b.url,
      ILP_V1_LEDGER_A_API: 'five-bells',
      ILP_V1_LEDGER_B_API: 'five-bells',
      ILP_V1_LEDGER_A_ADMIN_USER: d.admin.user,
      ILP_V1_LEDGER_B_ADMIN_USER: d.admin.user,
      ILP_V1_LEDGER_A_ADMIN_TOKEN: d.admin.password,
      ILP_V1_LEDGER_B_ADMIN_TOKEN: d.admin.password,
      ILP_V1_CONNECTOR_ACCOUNT_A: d.accounts.connector.name,
      ILP_V1_CONNECTOR_ACCOUNT_B: d.accounts.connector.name,
      // Its address on the source ledger, which it names in triggered_by and forwarded_by; the suite accepts its address on B too.
      ILP_V1_CONNECTOR_ADDRESS: d.accounts.connector.addresses[0],
      ILP_V1_CONNECTOR_RATE: RATE,
    };
    const expectFile = relative(ROOT, join(__dirname, 'known-failures.json'));
    const runArgs = ['run', '--tags', '@ilpv1-connector', '--secret-env', 'ILP_V1_LEDGER_A_ADMIN_TOKEN', ...(expect ? ['--expect', expectFile] : []), ...passOn];
    const shown = ['ILP_V1_LEDGER_A_URL', 'ILP_V1_LEDGER_B_URL', 'ILP_V1_CONNECTOR_ACCOUNT_A', 'ILP_V1_CONNECTOR_ADDRESS', 'ILP_V1_CONNECTOR_RATE'].map((k) => `${k}=${env[k]}`);
    process.stdout.write(`interop: node bin/ilp-conformance.js ${runArgs.join(' ')}  (${shown.join(' ')}, both ledgers five-bells)\n`);
    const suite = spawn(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...runArgs], { cwd: ROOT, stdio: 'inherit', env });
    const [exit, signal] = await once(suite, 'exit');
    code = exit ?? 3;
    process.stdout.write(`interop: run exit code ${exit ?? signal}\n`);
  } finally {
    ran = Date.now();
    await stop();
  }
  const end = Date.now();
  process.stdout.write(
    `interop: suite ${((ran - started) / 1000).toFixed(1)} s, topology start ${((started - t0) / 1000).toFixed(1)} s, ` +
      `stop ${((end - ran) / 1000).toFixed(1)} s; total ${((end - t0) / 1000).toFixed(1)} s\n`,
  );
  return code;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`interop: ${error && error.message ? error.message : error}\n`); process.exitCode = 3; },
);
