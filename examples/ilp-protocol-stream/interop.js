#!/usr/bin/env node
// The interop run for ilp-protocol-stream 2.7.1: serve.js (createServer behind ILP over HTTP and an SPSP endpoint)
// against the receiver features, with examples/ilp-protocol-stream/known-failures.json (examples/receiver-interop.js).
// `--no-expect` runs without the known failures (the plain verdict); arguments after `--` go to `run`.
'use strict';
require('../receiver-interop').runReceiverInterop(__dirname, 'ilp-protocol-stream', 'interop:stream:install');
