#!/usr/bin/env node
// Starts ilp-connector 23 configured from the suite's topology and prints its URL; Ctrl-C stops it.
// `node examples/ilp-connector/start.js --help` lists the options (serve.ts).
'use strict';
require('./ts-entry').runMain(require('node:path').join(__dirname, 'serve.ts'), 'start');
