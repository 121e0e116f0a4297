// The interop run of a receiver example (examples/<dir>/interop.js): starts the example's serve.js, which prints
// one JSON line {spspUrl, ilpUrl, token}, runs
//   node bin/ilp-conformance.js run --receiver <spsp url> --receiver-ilp <ilp url> --expect <dir>/known-failures.json
// with ILP_RECEIVER_ILP_TOKEN set, stops the server and exits with the run's code.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join, relative } = require('node:path');
const { createInterface } = require('node:readline');
const { interopOptions, ROOT } = require('./interop-options');

function runReceiverInterop(exampleDir, packageName, installScript) {
  const { expect: withExpect, passOn } = interopOptions(process.argv.slice(2), exampleDir, packageName, installScript);
  const server = spawn(process.execPath, [join(exampleDir, 'serve.js')], { cwd: exampleDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.js printed no URLs within 15 s')), 15_000);
    createInterface({ input: server.stdout }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`serve.js printed ${JSON.stringify(line)} instead of its URLs`));
      }
    });
    server.once('exit', (code) => reject(new Error(`serve.js exited (${code}) before it was ready`)));
  });
  ready.then(
    ({ spspUrl, ilpUrl, token }) => {
      const expect = withExpect ? ['--expect', relative(ROOT, join(exampleDir, 'known-failures.json'))] : [];
      const args = ['run', '--receiver', spspUrl, '--receiver-ilp', ilpUrl, ...expect, ...passOn];
      process.stdout.write(`interop: node bin/ilp-conformance.js ${args.join(' ')}\n`);
      const started = Date.now();
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...args], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000, env: { ...process.env, ILP_RECEIVER_ILP_TOKEN: token } });
      server.kill('SIGTERM');
      process.stdout.write(`interop: ${((Date.now() - started) / 1000).toFixed(1)} s; run exit code ${run.status ?? run.signal}\n`);
      process.exit(run.status ?? 3);
    },
    (error) => {
      server.kill('SIGTERM');
      process.stderr.write(`interop: ${error.message}\n`);
      process.exit(3);
    },
  );
}

module.exports = { runReceiverInterop };
