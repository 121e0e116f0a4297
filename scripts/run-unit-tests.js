#!/usr/bin/env node
// Runs every *.test.ts beside the code (contracts, lib, steps, bin, reference-impl, bench, scripts) with node's test runner.
// Loading TypeScript costs each process about a second of CPU, so instead of one process per file the files are
// dealt into a few shards, each one node process that requires its files; the shards run side by side.
// `node scripts/run-unit-tests.js <substring>...` runs only the files whose path contains one of the substrings.
'use strict';
const { readdirSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { spawn } = require('node:child_process');

const SHARDS = Number(process.env.UNIT_TEST_SHARDS || 3);
const SHARD_LIMIT_MS = 15 * 60_000;
const LINGER_MS = 10_000;
const roots = ['contracts', 'lib', 'steps', 'bin', 'reference-impl', 'bench', 'scripts'];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

function listFiles(filter) {
  const files = [];
  for (const root of roots) {
    try { walk(root, files); } catch (e) { if (e.code !== 'ENOENT') throw e; }
  }
  const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;
  return selected.sort();
}

function runShard(files) {
  const entry = `for (const f of ${JSON.stringify(files.map((f) => resolve(f)))}) require(f);`;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--test-reporter=spec', '--require', 'sucrase/register/ts', '-e', entry], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let lingering;
    // Every wait is bounded: a shard gets SHARD_LIMIT_MS in all, and once its summary is printed it must exit
    // within LINGER_MS; one that doesn't left a server, socket or timer open, which is a defect in a test.
    const limit = setTimeout(() => { output += `\nrun-unit-tests: shard still running after ${SHARD_LIMIT_MS} ms, killed\n`; child.kill('SIGKILL'); }, SHARD_LIMIT_MS);
    const onData = (d) => {
      output += d;
      if (!lingering && /^ℹ duration_ms /m.test(output)) {
        lingering = setTimeout(() => { output += `\nrun-unit-tests: tests finished but the process kept running ${LINGER_MS} ms (an open handle), killed\n`; child.kill('SIGKILL'); }, LINGER_MS);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      clearTimeout(lingering);
      done({ files, output, code: code ?? 1, signal });
    });
  });
}

function count(output, label) {
  const m = output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : 0;
}

async function main() {
  const files = listFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('run-unit-tests: no *.test.ts files matched');
    return 1;
  }
  const shards = Array.from({ length: Math.min(SHARDS, files.length) }, () => []);
  files.forEach((f, i) => shards[i % shards.length].push(f));
  const results = await Promise.all(shards.map(runShard));
  let passed = 0;
  let failed = 0;
  let broken = 0;
  let skipped = 0;
  for (const r of results) {
    process.stdout.write(`\n=== unit tests: ${r.files.join(', ')}\n${r.output}`);
    passed += count(r.output, 'pass');
    failed += count(r.output, 'fail') + count(r.output, 'cancelled');
    skipped += count(r.output, 'skipped');
    if (r.code !== 0 && count(r.output, 'fail') + count(r.output, 'cancelled') === 0) {
      broken += 1;
      process.stdout.write(`\nrun-unit-tests: a shard exited with ${r.signal ?? `code ${r.code}`} without a failing test: a test file crashed its process\n`);
    }
  }
  process.stdout.write(`\nunit: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (each says why above)` : ''}\n`);
  return failed === 0 && broken === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; });
