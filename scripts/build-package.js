#!/usr/bin/env node
// `npm run build` (and `npm pack`'s prepack): the package a vendor installs. tsc compiles the runtime code
// (tsconfig.build.json) into dist/ with the repository's layout kept, so dist/ is a package root of its own:
// every `resolve(__dirname, '..', ...)` that finds fixtures/ or features/ from source finds them the same
// way from dist/. Beside the JavaScript go the features, the fixtures (catalog, topology, vectors, schemas,
// OpenAPI) and the CLI entry. In the repository nothing changes: TypeScript still runs through sucrase.
'use strict';
const { cpSync, existsSync, readdirSync, rmSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const ASSET_DIRS = ['features', 'fixtures'];
const ENTRY = join('bin', 'ilp-conformance.js');

function main() {
  rmSync(DIST, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
  if (tsc.status !== 0) {
    process.stderr.write(`build-package: tsc ${tsc.error ? `failed: ${tsc.error.message}` : `exited ${tsc.status ?? tsc.signal}`}\n`);
    return 1;
  }
  for (const dir of ASSET_DIRS) cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true, filter: (src) => !src.endsWith('.md') || statSync(src).isDirectory() });
  cpSync(join(ROOT, ENTRY), join(DIST, ENTRY));
  const missing = ['bin/cli.js', 'lib/report/conformance-run.js', 'steps', 'fixtures/requirements.json'].filter((p) => !existsSync(join(DIST, p)));
  if (missing.length) {
    process.stderr.write(`build-package: dist/ lacks ${missing.join(', ')}\n`);
    return 1;
  }
  process.stdout.write(`build-package: dist/ holds ${readdirSync(DIST).sort().join(', ')}\n`);
  return 0;
}

process.exitCode = main();
