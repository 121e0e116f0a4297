#!/usr/bin/env node
// The interop run for @interledger/stream-receiver 0.2.2: serve.js (StreamServer behind ILP over HTTP and an SPSP
// endpoint) against the receiver features, with examples/stream-receiver/known-failures.json
// (examples/receiver-interop.js). `--no-expect` runs without the known failures; arguments after `--` go to `run`.
'use strict';
require('../receiver-interop').runReceiverInterop(__dirname, '@interledger/stream-receiver', 'interop:stream-receiver:install');
