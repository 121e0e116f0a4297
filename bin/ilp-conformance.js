#!/usr/bin/env node
// CLI entry. The TypeScript sources are loaded through sucrase's require hook, which strips types without
// loading the TypeScript compiler: the CLI starts in a fraction of ts-node's time, and a long-running process
// (the reference connector, a benchmark) doesn't carry ts-node's REPL, which loads node's `domain` module and
// slows every event emitter. Types are checked separately by `npm run typecheck`.
'use strict';
require('sucrase/register/ts');
require('./cli').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`ilp-conformance: internal error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
