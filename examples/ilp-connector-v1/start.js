#!/usr/bin/env node
// Starts two five-bells-ledger 21.2.5 ledgers and ilp-connector 21.1.10 between them (launch.js), prints one
// JSON line describing them (URLs, admin and account credentials, the connector's addresses), and stops
// everything on SIGINT, SIGTERM or when standard input closes.
//   node examples/ilp-connector-v1/start.js [--port-a 7885] [--port-b 7886] [--log-dir DIR]
'use strict';
const { parseArgs } = require('node:util');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startTopology } = require('./launch');

async function main() {
  const { values } = parseArgs({
    options: { 'port-a': { type: 'string', default: '7885' }, 'port-b': { type: 'string', default: '7886' }, 'log-dir': { type: 'string' } },
  });
  const logDir = values['log-dir'] ?? mkdtempSync(join(tmpdir(), 'ilp-connector-v1-'));
  const { description, stop } = await startTopology({ ports: [Number(values['port-a']), Number(values['port-b'])], logDir });
  let stopping;
  const shutdown = (why) => {
    stopping ??= (async () => {
      process.stderr.write(`stopping (${why})\n`);
      await stop();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.stdin.on('end', () => shutdown('standard input closed'));
  process.stdin.on('close', () => shutdown('standard input closed'));
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify(description)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
