#!/usr/bin/env node
// Starts ilp-connector 23 configured from the suite's topology and prints its URL; Ctrl-C stops it.
// `node examples/ilp-connector/start.js --help` lists the options. The TypeScript runs through ts-node from
// the repository root (transpile only), like bin/ilp-conformance.js.
'use strict';
const { join } = require('node:path');
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY || 'true';
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || join(__dirname, '..', '..', 'tsconfig.json');
require('ts-node/register');
require('./serve').main(process.argv.slice(2)).then(
  (code) => { if (code !== undefined) process.exitCode = code; },
  (error) => {
    process.stderr.write(`start: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
