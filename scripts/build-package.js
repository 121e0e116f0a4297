#!/usr/bin/env node
// `npm run build` (and `npm pack`'s prepack): the package a vendor installs. tsc compiles the runtime code
// (tsconfig.build.json) into dist/ with the repository's layout kept, so dist/ is a package root of its own:
// every `resolve(__dirname, '..', ...)` that finds fixtures/ or features/ from source finds them the same
// way from dist/. Beside the JavaScript go the features, the fixtures (catalog, topology, vectors, schemas,
// OpenAPI) and every other non-TypeScript file of the compiled folders (the CLI entry, any schema or SQL file
// a module reads beside itself), whichever folders tsconfig.build.json names and exist. Documentation (*.md)
// stays out. In the repository nothing changes: TypeScript still runs through sucrase.
'use strict';
const { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const DATA_DIRS = ['features', 'fixtures'];
const CODE_DIRS = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')).include;

function main() {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (tsc.status !== 0) {
    process.stderr.write(`build-package: tsc ${tsc.error ? `failed: ${tsc.error.message}` : `exited ${tsc.status ?? tsc.signal}`}\n`);
    return 1;
  }
  const copy = (dir, keep) => cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true, filter: (src) => statSync(src).isDirectory() || keep(src) });
  for (const dir of DATA_DIRS) copy(dir, (src) => !src.endsWith('.md'));
  for (const dir of CODE_DIRS.filter((d) => existsSync(join(ROOT, d)))) copy(dir, (src) => !/\.(ts|md)$/.test(src));
  const missing = ['bin/cli.js', 'lib/report/conformance-run.js', 'steps', 'fixtures/requirements.json'].filter((p) => !existsSync(join(DIST, p)));
  if (missing.length) {
    process.stderr.write(`build-package: dist/ lacks ${missing.join(', ')}\n`);
    return 1;
  }
  process.stdout.write(`build-package: dist/ holds ${readdirSync(DIST).sort().join(', ')}\n`);
  return 0;
}

process.exitCode = main();
