import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import Database from 'better-sqlite3';
import { LedgerHttpClient } from '../../lib/targets/ledger-http';

/**
 * Crash safety of the reference ledger: run it as a child process on a file database, drive concurrent
 * prepare/execute load, kill -9 it mid-load, restart it on the same file and check that
 *  - the total of balances + holds is exactly what the admin issued (no money made or lost),
 *  - every account's held amount equals its prepared transfers and its balance equals its history
 *    (no transfer half applied), and every transfer the ledger confirmed before the kill is still there,
 *  - holds whose expiry passed while it was down were returned before it answered its first request.
 */

const ADMIN = 'crash-test-admin-token-01';
const ACCOUNTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
const OPENING = 1000n; // whole units at scale 2
const WORKERS = 12;
/** The kill comes once this many transfers were executed, or after LOAD_BOUND_MS, whichever is first. */
const EXECUTED_BEFORE_KILL = 20;
const LOAD_BOUND_MS = 2000;
const SHORT_EXPIRY_MS = 300;
const START_BOUND_MS = 8000;
const ROOT = resolve(__dirname, '..', '..');

interface Attempt {
  readonly id: string;
  readonly short: boolean;
  confirmed: boolean;
}

/**
 * Transpiles main.ts and everything it imports to plain JavaScript, so the child starts in well under a
 * second instead of loading the TypeScript compiler (many seconds on a busy machine). Same layout as the
 * source tree; fixtures are linked; packages come from NODE_PATH. The build is cached in the temp directory
 * under a hash of the sources, so only the first run after a change pays for it.
 */
function buildChild(): string {
  const sources: string[] = [];
  const pending = [join(__dirname, 'main.ts')];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (sources.includes(file)) continue;
    sources.push(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) pending.push(`${resolve(dirname(file), spec!)}.ts`);
  }
  const hash = createHash('sha256').update(ROOT);
  for (const file of sources.sort()) hash.update(file).update(readFileSync(file));
  const cacheRoot = join(tmpdir(), 'ilp-conformance-ledger-child');
  const built = join(cacheRoot, hash.digest('hex').slice(0, 16));
  const main = join(built, relative(ROOT, join(__dirname, 'main.js')));
  if (existsSync(main)) return main;
  mkdirSync(cacheRoot, { recursive: true });
  const staging = mkdtempSync(join(cacheRoot, 'staging-'));
  for (const file of sources) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText;
    const out = join(staging, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  symlinkSync(join(ROOT, 'fixtures'), join(staging, 'fixtures'));
  try {
    renameSync(staging, built);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // a parallel run finished the same build first
  }
  return main;
}

function startChild(main: string, dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [main, '--db', dbPath, '--port', '0'], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), ILP_LEDGER_ADMIN_TOKEN: ADMIN, ILP_REFERENCE_LEDGER_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, rejectStart) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`ledger child did not start within ${START_BOUND_MS} ms; stderr: ${err}`));
    }, START_BOUND_MS);
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1] });
      }
    });
    child.stderr!.on('data', (chunk) => (err += String(chunk)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`ledger child exited with ${code} before listening; stderr: ${err}`));
    });
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((gone) => {
    if (child.exitCode !== null || child.signalCode !== null) return gone();
    child.once('exit', () => gone());
    child.kill('SIGKILL');
  });
}

test('money is conserved and no transfer is half applied across kill -9 mid-load', { timeout: 20_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const dbPath = join(dir, 'ledger.sqlite');
  let running: ChildProcess | undefined;
  try {
    const main = buildChild();
    const first = await startChild(main, dbPath);
    running = first.child;
    const client = new LedgerHttpClient({ baseUrl: first.url, timeoutMs: 3000 });
    for (const name of ACCOUNTS) {
      const r = await client.createAccount(ADMIN, name, { balance: String(OPENING), token: `${name}-crash-token-0123` });
      assert.equal(r.kind, 'ok', `opening ${name}`);
    }

    const attempts: Attempt[] = [];
    let stop = false;
    let inFlight = 0;
    let executed = 0;
    const worker = async (seed: number) => {
      for (let i = 0; !stop; i++) {
        const from = ACCOUNTS[(seed + i) % ACCOUNTS.length];
        const to = ACCOUNTS[(seed + i + 1 + (i % 4)) % ACCOUNTS.length];
        const preimage = randomBytes(32);
        const attempt: Attempt = { id: randomUUID(), short: i % 3 === 0, confirmed: false };
        attempts.push(attempt);
        inFlight++;
        const prepared = await client.prepareTransfer(`${from}-crash-token-0123`, attempt.id, {
          debit_account: from,
          credit_account: to,
          amount: `${1 + ((seed * 7 + i) % 9)}.${(i % 10)}5`,
          execution_condition: createHash('sha256').update(preimage).digest('base64url'),
          expires_at: new Date(Date.now() + (attempt.short ? SHORT_EXPIRY_MS : 60_000)).toISOString(),
        });
        inFlight--;
        if (prepared.kind === 'transport-failure') return;
        attempt.confirmed = prepared.kind === 'ok';
        if (prepared.kind !== 'ok' || attempt.short || i % 5 === 4) continue;
        inFlight++;
        const fulfilled = await client.fulfill(`${to}-crash-token-0123`, attempt.id, preimage);
        inFlight--;
        if (fulfilled.kind === 'transport-failure') return;
        if (fulfilled.kind === 'ok') executed++;
      }
    };
    const load = Array.from({ length: WORKERS }, (_, n) => worker(n));
    const loadStarted = Date.now();
    while (executed < EXECUTED_BEFORE_KILL && Date.now() - loadStarted < LOAD_BOUND_MS) await new Promise((r) => setTimeout(r, 5));
    const inFlightAtKill = inFlight;
    await killHard(first.child);
    stop = true;
    await Promise.all(load);
    t.diagnostic(`killed with ${inFlightAtKill} requests in flight after ${attempts.length} prepares and ${executed} executions`);
    assert.ok(inFlightAtKill > 0, 'the kill came while requests were in flight');
    assert.ok(executed > 0, `load executed ${executed} transfers before the kill`);

    // Let every short hold pass its expiry while the ledger is down, then restart on the same file.
    await new Promise((r) => setTimeout(r, SHORT_EXPIRY_MS + 100));
    const second = await startChild(main, dbPath);
    running = second.child;

    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.defaultSafeIntegers(true);
    try {
      const due = db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE state = 'prepared' AND expires_at <= ?").get(Date.now()) as { n: bigint };
      assert.equal(due.n, 0n, 'holds past their expiry were returned before the ledger answered anything');
      const expired = db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE rejection_reason = 'expired'").get() as { n: bigint };
      assert.ok(expired.n > 0n, 'some holds expired');

      const total = db.prepare('SELECT SUM(balance + held) AS total FROM accounts').get() as { total: bigint };
      assert.equal(total.total, OPENING * 100n * BigInt(ACCOUNTS.length), 'balances + holds equal what the admin issued');

      for (const name of ACCOUNTS) {
        const account = db.prepare('SELECT balance, held FROM accounts WHERE name = ?').get(name) as { balance: bigint; held: bigint };
        const sum = (sql: string) => (db.prepare(sql).get(name) as { s: bigint | null }).s ?? 0n;
        const held = sum("SELECT SUM(amount) AS s FROM transfers WHERE debit_account = ? AND state = 'prepared'");
        const debited = sum("SELECT SUM(amount) AS s FROM transfers WHERE debit_account = ? AND state IN ('prepared', 'executed')");
        const credited = sum("SELECT SUM(amount) AS s FROM transfers WHERE credit_account = ? AND state = 'executed'");
        assert.equal(account.held, held, `${name}: held equals its prepared transfers`);
        assert.equal(account.balance, OPENING * 100n - debited + credited, `${name}: balance equals its history`);
      }
      const stored = new Set((db.prepare('SELECT id FROM transfers').all() as Array<{ id: string }>).map((t) => t.id));
      const lost = attempts.filter((a) => a.confirmed && !stored.has(a.id)).map((a) => a.id);
      assert.deepEqual(lost, [], 'every transfer the ledger confirmed before the kill is still stored');
      const badExecutions = (db.prepare("SELECT condition, fulfillment FROM transfers WHERE state = 'executed'").all() as Array<{ condition: string; fulfillment: string }>)
        .filter((t) => createHash('sha256').update(Buffer.from(t.fulfillment, 'base64url')).digest('base64url') !== t.condition);
      assert.deepEqual(badExecutions, [], 'every executed transfer carries a fulfillment matching its condition');
    } finally {
      db.close();
    }

    const after = await new LedgerHttpClient({ baseUrl: second.url, timeoutMs: 3000 }).getAccount(ADMIN, ACCOUNTS[0]);
    assert.equal(after.kind, 'ok', 'the restarted ledger answers');
  } finally {
    if (running) await killHard(running);
    rmSync(dir, { recursive: true, force: true });
  }
});
