#!/usr/bin/env node
// Runs every *.test.ts beside the code (lib, steps, bin, reference-impl, bench) with node's test runner.
// Node 20's --test takes no globs, so the files are listed here.
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const roots = ['lib', 'steps', 'bin', 'reference-impl', 'bench', 'scripts'];
const files = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
}
for (const root of roots) {
  try { walk(root); } catch (e) { if (e.code !== 'ENOENT') throw e; }
}
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('run-unit-tests: no *.test.ts files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--require', 'ts-node/register', '--test', '--test-reporter=spec', ...selected.sort()], {
  stdio: 'inherit',
  env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
});
process.exit(result.status ?? 1);
