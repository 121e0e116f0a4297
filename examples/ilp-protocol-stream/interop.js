#!/usr/bin/env node
// The interop run for ilp-protocol-stream 2.7.1: starts serve.js (createServer behind ILP over HTTP and an SPSP
// endpoint), runs
//   node bin/ilp-conformance.js run --receiver <spsp url> --receiver-ilp <ilp url> --expect examples/ilp-protocol-stream/known-failures.json
// stops the server and exits with the run's code. `--no-expect` runs without the known failures (the plain
// verdict); arguments after `--` go to `run`.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join, relative } = require('node:path');
const { createInterface } = require('node:readline');

const { interopOptions, ROOT } = require('../interop-options');

const { expect: withExpect, passOn } = interopOptions(process.argv.slice(2), __dirname, 'ilp-protocol-stream', 'interop:stream:install');

const server = spawn(process.execPath, [join(__dirname, 'serve.js')], { cwd: __dirname, stdio: ['ignore', 'pipe', 'inherit'] });
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
    const expect = withExpect ? ['--expect', relative(ROOT, join(__dirname, 'known-failures.json'))] : [];
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
