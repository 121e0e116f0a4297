#!/usr/bin/env node
// The interop run: starts ilp-connector, runs `ilp-conformance run --target <its URL> --expect known-failures.json`,
// stops it, prints the times. `node examples/ilp-connector/interop.js --help`; details in run-interop.ts.
'use strict';
const { join } = require('node:path');
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY || 'true';
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || join(__dirname, '..', '..', 'tsconfig.json');
require('ts-node/register');
require('./run-interop').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`interop: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 3;
  },
);
