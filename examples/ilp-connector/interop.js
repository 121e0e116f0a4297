#!/usr/bin/env node
// The interop run: starts ilp-connector, runs `ilp-conformance run --target <its URL> --expect known-failures.json`,
// stops it, prints the times. `node examples/ilp-connector/interop.js --help`; details in run-interop.ts.
'use strict';
require('./ts-entry').runMain(require('node:path').join(__dirname, 'run-interop.ts'), 'interop');
