#!/usr/bin/env node
// The interop run for ilp-packet: runs the codec features through examples/ilp-packet/adapter.js,
//   node bin/ilp-conformance.js run --profile codec --codec "node examples/ilp-packet/adapter.js" --expect examples/ilp-packet/known-failures.json
// and exits with the run's code (0: nothing but the known results; 3: the harness could not judge).
// `--no-expect` runs without the known failures (the plain verdict); arguments after `--` go to `run`.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const own = process.argv.slice(2);
const dash = own.indexOf('--');
const options = dash === -1 ? own : own.slice(0, dash);
const passOn = dash === -1 ? [] : own.slice(dash + 1);
for (const option of options) {
  if (option === '-h' || option === '--help') {
    process.stdout.write('usage: node examples/ilp-packet/interop.js [--no-expect] [-- <ilp-conformance run options>]\n');
    process.exit(0);
  }
  if (option !== '--no-expect') {
    process.stderr.write(`interop: unknown option ${option} (options for the run command go after --)\n`);
    process.exit(2);
  }
}
if (!existsSync(join(__dirname, 'node_modules', 'ilp-packet'))) {
  process.stderr.write('interop: ilp-packet is not installed here; run `npm run interop:ilp-packet:install` first\n');
  process.exit(2);
}
const adapter = `node ${relative(ROOT, join(__dirname, 'adapter.js'))}`;
const expect = options.includes('--no-expect') ? [] : ['--expect', relative(ROOT, join(__dirname, 'known-failures.json'))];
const args = ['run', '--profile', 'codec', '--codec', adapter, ...expect, ...passOn];
process.stdout.write(`interop: node bin/ilp-conformance.js ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
const started = Date.now();
const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...args], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
process.stdout.write(`interop: ${((Date.now() - started) / 1000).toFixed(1)} s; run exit code ${run.status ?? run.signal}\n`);
process.exit(run.status ?? 3);
