// Starts the Mojaloop Testing Toolkit (ml-testing-toolkit 18.13.0, from this folder's node_modules) as a payee DFSP
// mock on 127.0.0.1, and stops it. Shared by interop.js and payee-smoke.test.js.
//
// The toolkit reads its configuration from spec_files/ under its working directory and writes there, so each start
// gets a fresh copy of the package's spec_files in a temporary folder, with user_config.json changed only where
// this file says (callback endpoint, FSP id, ILP secret, the three transfer validation switches); the package in
// node_modules is never written. System settings go in through the toolkit's own TTK_SYSTEM_CONFIG variable:
// FSPIOP API port, no hosting mode (so no MongoDB), no server logs (the default points at a remote log server), no
// connection manager. loopback.js (preloaded) keeps every listener on 127.0.0.1 and moves the admin API off 5050.
'use strict';
const { stopChild } = require('../stop-child');
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const { cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const TTK_DIR = join(__dirname, 'node_modules', 'ml-testing-toolkit');
const START_LIMIT_MS = 60_000;
const DEFAULTS = { apiPort: 7840, adminPort: 7841, callbackUrl: 'http://127.0.0.1:7830', fspId: 'ttkpayee', ilpSecret: 'secret' };

/** Why the toolkit cannot be started here, or undefined when it is installed. */
function missingInstall() {
  if (existsSync(join(TTK_DIR, 'src', 'index.js')) && existsSync(join(TTK_DIR, 'spec_files', 'user_config.json'))) return undefined;
  return 'ml-testing-toolkit is not installed here; run `npm run interop:mojaloop-ttk:install` first';
}

/** The toolkit's own user_config.json with this run's changes (and nothing else changed). */
function userConfig({ callbackUrl, fspId, ilpSecret, validation }) {
  const config = JSON.parse(readFileSync(join(TTK_DIR, 'spec_files', 'user_config.json'), 'utf8'));
  return {
    ...config,
    CALLBACK_ENDPOINT: callbackUrl,
    CALLBACK_RESOURCE_ENDPOINTS: { ...config.CALLBACK_RESOURCE_ENDPOINTS, enabled: false },
    HUB_ONLY_MODE: false,
    SEND_CALLBACK_ENABLE: true,
    FSPID: fspId,
    ILP_SECRET: ilpSecret,
    TRANSFERS_VALIDATION_WITH_PREVIOUS_QUOTES: Boolean(validation.previousQuotes),
    TRANSFERS_VALIDATION_ILP_PACKET: Boolean(validation.ilpPacket),
    TRANSFERS_VALIDATION_CONDITION: Boolean(validation.condition),
  };
}

/** What TTK_SYSTEM_CONFIG merges over the toolkit's system_config.json. */
function systemConfig({ apiPort }) {
  return {
    API_PORT: apiPort,
    HOSTING_ENABLED: false,
    SERVER_LOGS: { ENABLED: false },
    CONNECTION_MANAGER: { ENABLED: false },
    OAUTH: { AUTH_ENABLED: false },
    KEYCLOAK: { ENABLED: false },
  };
}

/**
 * Starts the toolkit with its log in `logFile`; resolves once both APIs answer and the admin API reports this run's
 * callback endpoint (bounded), with { url, adminUrl, fspId, callbackUrl, userConfig, pid, stop }. `validation`:
 * { ilpPacket, condition, previousQuotes } switch on TRANSFERS_VALIDATION_ILP_PACKET, _CONDITION and
 * _WITH_PREVIOUS_QUOTES (all off by default, as the toolkit ships). Rejects, with the toolkit stopped, when it does
 * not come up.
 */
async function startTestingToolkit(options = {}) {
  const missing = missingInstall();
  if (missing) throw new Error(missing);
  const o = { ...DEFAULTS, validation: {}, ...options };
  for (const port of [o.apiPort, o.adminPort]) {
    if (!Number.isInteger(port) || port < 7840 || port > 7849) throw new Error(`port ${port} is outside this example's 7840-7849`);
  }
  const runDir = mkdtempSync(join(tmpdir(), 'ttk-'));
  cpSync(join(TTK_DIR, 'spec_files'), join(runDir, 'spec_files'), { recursive: true });
  const user = userConfig(o);
  writeFileSync(join(runDir, 'spec_files', 'user_config.json'), `${JSON.stringify(user, null, 2)}\n`);
  const log = openSync(o.logFile ?? join(runDir, 'toolkit.log'), 'w');
  const child = spawn(process.execPath, ['-r', join(__dirname, 'loopback.js'), join(TTK_DIR, 'src', 'index.js')], {
    cwd: runDir,
    stdio: ['ignore', log, log],
    env: { PATH: process.env.PATH, NODE_ENV: 'production', TTK_ADMIN_PORT: String(o.adminPort), TTK_SYSTEM_CONFIG: JSON.stringify(systemConfig(o)) },
  });
  // Safety net: a test process that dies without calling stop() does not leave the toolkit running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stopping;
  const stop = () => {
    stopping ??= stopChild(child).finally(() => {
      process.removeListener('exit', killOnExit);
      rmSync(runDir, { recursive: true, force: true });
    });
    return stopping;
  };
  const url = `http://127.0.0.1:${o.apiPort}`;
  const adminUrl = `http://127.0.0.1:${o.adminPort}`;
  const why = await serving(url, adminUrl, o.callbackUrl, child);
  if (why) {
    await stop();
    throw new Error(`the Testing Toolkit did not come up within ${START_LIMIT_MS / 1000} s: ${why}${o.logFile ? ` (log: ${o.logFile})` : ''}`);
  }
  return { url, adminUrl, fspId: o.fspId, callbackUrl: o.callbackUrl, userConfig: user, pid: child.pid, stop };
}

/** Polls both APIs until they answer (bounded); undefined when up, else why not. */
async function serving(url, adminUrl, callbackUrl, child) {
  const deadline = Date.now() + START_LIMIT_MS;
  let why = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return `it exited (${child.exitCode ?? child.signalCode})`;
    try {
      const admin = await fetch(`${adminUrl}/api/config/user`, { signal: AbortSignal.timeout(1000) });
      const body = admin.ok ? await admin.json() : undefined;
      if (!body) why = `admin API answered ${admin.status}`;
      else if (body.runtime?.CALLBACK_ENDPOINT !== callbackUrl) why = `admin API reports callback endpoint ${body.runtime?.CALLBACK_ENDPOINT}`;
      else {
        // Any HTTP answer means the FSPIOP API's server is listening (it is the last thing the toolkit starts).
        await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
        return undefined;
      }
    } catch (error) {
      why = `not answering (${error.cause?.code ?? error.message})`;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return why;
}

module.exports = { startTestingToolkit, missingInstall, DEFAULTS };
