// Starts the ILPv1 topology: two five-bells-ledger 21.2.5 ledgers (in-memory SQLite, loopback only) with
// alice on A, bob on B and the connector's account on both, and ilp-connector 21.1.10 trading between them
// through ilp-plugin-bells (one-to-one backend). Shared by start.js and smoke.js.
'use strict';
const { spawn } = require('node:child_process');
const { existsSync, openSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { stopChild } = require('../stop-child');
const { startFiveBells } = require('../five-bells-ledger/launch');

const MODULES = join(__dirname, 'node_modules');
const LEDGER_DIR = join(MODULES, 'five-bells-ledger');
const CONNECTOR_MAIN = join(MODULES, 'ilp-connector', 'src', 'index.js');
const LOOPBACK = join(__dirname, '..', 'five-bells-ledger', 'loopback.js');
const START_LIMIT_MS = 60_000; // the connector's
const CURRENCY = 'USD'; // the currency five-bells-ledger/launch.js gives every ledger
/** Opening balances, in the ledger's decimal notation (five-bells-ledger's scale is 9). */
const BALANCES = { alice: '100', bob: '0', connector: '1000' };

/** Why the topology cannot be started here, or undefined when everything is installed. */
function missingInstall() {
  const needed = [join(LEDGER_DIR, 'src', 'app.js'), CONNECTOR_MAIN, join(MODULES, 'sqlite3', 'build', 'Release', 'node_sqlite3.node')];
  const absent = needed.filter((p) => !existsSync(p));
  if (absent.length === 0) return undefined;
  return `not installed (${absent.join(', ')}); run \`npm run interop:ilp-connector-v1:install\` first`;
}

function versionOf(name) {
  return JSON.parse(readFileSync(join(MODULES, name, 'package.json'), 'utf8')).version;
}

function password() {
  return randomBytes(18).toString('base64url');
}

/** Opens (or resets) an account as the ledger's admin; throws with the ledger's answer when refused. */
async function openAccount(ledger, adminPass, name, pass, balance) {
  const response = await fetch(`${ledger.url}/accounts/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: basic(ledger.adminUser, adminPass) },
    body: JSON.stringify({ name, password: pass, balance }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`opening ${name} on ${ledger.url}: HTTP ${response.status} ${await response.text()}`);
  }
}

function basic(user, pass) {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

/** The connector's CONNECTOR_LEDGERS: one ilp-plugin-bells per ledger, keyed by the ledger's ILP prefix. */
function connectorLedgers(ledgers, account) {
  return Object.fromEntries(ledgers.map((l) => [l.prefix, {
    currency: CURRENCY,
    plugin: 'ilp-plugin-bells',
    options: { account: `${l.url}/accounts/${account.name}`, username: account.name, password: account.password },
  }]));
}

/** Starts ilp-connector 21.1.10; resolves once its log says "connector ready" (bounded). */
async function startConnector({ ledgers, account, logFile, logLevel = 'debug' }) {
  const log = openSync(logFile, 'w');
  // ilp-connector 21 is only a client of its ledgers (HTTP and WebSocket) and opens no listening socket;
  // loopback.js is preloaded anyway so that nothing it might start listens beyond 127.0.0.1.
  const child = spawn(process.execPath, ['-r', LOOPBACK, CONNECTOR_MAIN], {
    cwd: join(MODULES, 'ilp-connector'),
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      CONNECTOR_LEDGERS: JSON.stringify(connectorLedgers(ledgers, account)),
      CONNECTOR_BACKEND: 'one-to-one',
      CONNECTOR_LOG_LEVEL: logLevel,
      // ilp-plugin-bells logs every notification it gets and every rejection it sends through `debug`.
      DEBUG: 'ilp-plugin-bells*',
    },
  });
  const stop = () => stopChild(child);
  const ready = () => readFileSync(logFile, 'utf8').includes('connector ready');
  if (!(await polled(async () => ready(), child))) {
    await stop();
    throw new Error(`ilp-connector did not log "connector ready" within ${START_LIMIT_MS / 1000} s (log: ${logFile})`);
  }
  return { pid: child.pid, logFile, stop };
}

/** Polls `check` every 200 ms until it resolves true (bounded), or `child` exits. */
async function polled(check, child) {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if (await check()) return true;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Starts ledger A on `ports[0]`, ledger B on `ports[1]` and the connector, logs under `logDir`.
 * Resolves with { description, stop }: `description` is what start.js prints (URLs, credentials, addresses).
 */
async function startTopology({ ports = [7885, 7886], prefixes = ['test.a.', 'test.b.'], logDir }) {
  const missing = missingInstall();
  if (missing) throw new Error(missing);
  const adminPass = password();
  const started = [];
  const stop = async () => {
    for (const s of started.reverse()) await s.stop();
  };
  try {
    const ledgers = [];
    for (const [i, port] of ports.entries()) {
      const logFile = join(logDir, `ledger-${'ab'[i]}.log`);
      const ledger = await startFiveBells({ port, logFile, ledgerDir: LEDGER_DIR, prefix: prefixes[i], adminPass });
      started.push(ledger);
      ledgers.push({ ...ledger, prefix: prefixes[i], logFile });
    }
    const [a, b] = ledgers;
    const accounts = {
      alice: { ledger: a.url, name: 'alice', password: password(), address: `${a.prefix}alice` },
      bob: { ledger: b.url, name: 'bob', password: password(), address: `${b.prefix}bob` },
      connector: { name: 'connie', password: password() },
    };
    await openAccount(a, adminPass, 'alice', accounts.alice.password, BALANCES.alice);
    await openAccount(b, adminPass, 'bob', accounts.bob.password, BALANCES.bob);
    for (const l of ledgers) await openAccount(l, adminPass, accounts.connector.name, accounts.connector.password, BALANCES.connector);
    const connector = await startConnector({ ledgers, account: accounts.connector, logFile: join(logDir, 'connector.log') });
    started.push(connector);
    const description = {
      versions: { 'ilp-connector': versionOf('ilp-connector'), 'five-bells-ledger': versionOf('five-bells-ledger'), 'ilp-plugin-bells': versionOf('ilp-plugin-bells'), 'ilp-packet': versionOf('ilp-packet') },
      ledgers: ledgers.map((l) => ({ url: l.url, prefix: l.prefix, currency: CURRENCY, scale: 9, pid: l.pid, log: l.logFile })),
      admin: { user: a.adminUser, password: adminPass },
      accounts: { ...accounts, connector: { ...accounts.connector, addresses: ledgers.map((l) => `${l.prefix}${accounts.connector.name}`) } },
      balances: BALANCES,
      connector: { pid: connector.pid, backend: 'one-to-one', fxSpread: 0.002, slippage: 0.001, log: connector.logFile },
    };
    return { description, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

module.exports = { startTopology, missingInstall, basic };
