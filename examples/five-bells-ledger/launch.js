// Starts five-bells-ledger 21.2.5 as a child process on 127.0.0.1 (in-memory SQLite, loopback.js preloaded)
// and stops it. Shared by interop.js and bench/ledger-vs-five-bells.ts.
'use strict';
const { stopChild } = require('../stop-child');
const { spawn } = require('node:child_process');
const { existsSync, openSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');

const LEDGER_DIR = join(__dirname, 'node_modules', 'five-bells-ledger');
const START_LIMIT_MS = 60_000;
const ADMIN_USER = 'admin';

/** Why five-bells-ledger cannot be started here, or undefined when it is installed. */
function missingInstall() {
  if (existsSync(join(LEDGER_DIR, 'src', 'app.js')) && existsSync(join(__dirname, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))) return undefined;
  return 'five-bells-ledger or its sqlite3 binding is not installed; run `npm run interop:five-bells:install` first';
}

/**
 * Starts the ledger on `port` (7800-7819) with its log in `logFile`; resolves once GET / answers 200 (bounded),
 * with { url, adminUser, adminPass, pid, stop }. Rejects, with the ledger stopped, when it does not come up.
 * `ledgerDir` (another example's install), `prefix` and `adminPass` default to this example's.
 */
async function startFiveBells({ port, logFile, ledgerDir, prefix = 'test1.fivebells.', adminPass = randomBytes(18).toString('base64url') }) {
  if (ledgerDir === undefined) {
    const missing = missingInstall();
    if (missing) throw new Error(missing);
  }
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['-r', join(__dirname, 'loopback.js'), 'src/app.js'], {
    cwd: ledgerDir ?? LEDGER_DIR,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      LEDGER_ADMIN_USER: ADMIN_USER,
      LEDGER_ADMIN_PASS: adminPass,
      LEDGER_DB_URI: 'sqlite://:memory:',
      LEDGER_PORT: String(port),
      LEDGER_BIND_IP: '127.0.0.1',
      LEDGER_PUBLIC_URI: url,
      LEDGER_ILP_PREFIX: prefix,
      LEDGER_CURRENCY_CODE: 'USD',
      LEDGER_CURRENCY_SYMBOL: '$',
    },
  });
  const stop = () => stopChild(child);
  if (!(await serving(url, child))) {
    await stop();
    throw new Error(`five-bells-ledger did not answer GET / at ${url} within ${START_LIMIT_MS / 1000} s (log: ${logFile})`);
  }
  return { url, adminUser: ADMIN_USER, adminPass, pid: child.pid, stop };
}

/** Polls GET / until the ledger answers 200 (bounded), or it exits. */
async function serving(url, child) {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

module.exports = { startFiveBells, missingInstall };
