#!/usr/bin/env node
// CLI entry. In the installed package this file sits in dist/bin/ beside the compiled cli.js (npm run build)
// and loads it directly. In the repository it loads the TypeScript sources through sucrase's require hook,
// which strips types without loading the TypeScript compiler: the CLI starts in a fraction of ts-node's time,
// and a long-running process (the reference connector, a benchmark) doesn't carry ts-node's REPL, which loads
// node's `domain` module and slows every event emitter. Types are checked separately by `npm run typecheck`.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

if (!existsSync(join(__dirname, 'cli.js'))) require('sucrase/register/ts');
require('./cli').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`ilp-conformance: internal error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
