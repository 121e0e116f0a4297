#!/usr/bin/env node
// CLI entry: runs the TypeScript sources through ts-node (transpile only; `npm run typecheck` checks types).
'use strict';
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY || 'true';
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.json');
require('ts-node/register');
require('./cli').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`ilp-conformance: internal error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
