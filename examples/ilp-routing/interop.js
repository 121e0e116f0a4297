#!/usr/bin/env node
// The interop run for ilp-routing: runs the liquidity-curve scenarios through examples/ilp-routing/adapter.js,
//   node bin/ilp-conformance.js run --profile codec --codec "node examples/ilp-routing/adapter.js"
//     --requirement QUOTE-002,QUOTE-003 --expect examples/ilp-routing/known-failures.json
// and exits with the run's code (0: nothing but the known results; 3: the harness could not judge).
// Only QUOTE-002 and QUOTE-003: ilp-routing has no packet codec, so the codec profile's other scenarios
// would judge an adapter that can only refuse. `--no-expect` runs without the known failures (the plain
// verdict); arguments after `--` go to `run`.
'use strict';
const { spawnSync } = require('node:child_process');
const { join, relative } = require('node:path');

const { interopOptions, ROOT } = require('../interop-options');

const { expect: withExpect, passOn } = interopOptions(process.argv.slice(2), __dirname, 'ilp-routing', 'interop:ilp-routing:install');
const adapter = `node ${relative(ROOT, join(__dirname, 'adapter.js'))}`;
const expect = withExpect ? ['--expect', relative(ROOT, join(__dirname, 'known-failures.json'))] : [];
const args = ['run', '--profile', 'codec', '--codec', adapter, '--requirement', 'QUOTE-002,QUOTE-003', ...expect, ...passOn];
process.stdout.write(`interop: node bin/ilp-conformance.js ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}\n`);
const started = Date.now();
const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...args], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
process.stdout.write(`interop: ${((Date.now() - started) / 1000).toFixed(1)} s; run exit code ${run.status ?? run.signal}\n`);
process.exit(run.status ?? 3);
