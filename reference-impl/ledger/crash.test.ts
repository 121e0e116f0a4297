import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import Database from 'better-sqlite3';

/**
 * Crash safety of the reference ledger: run it as a child process on a file database, drive concurrent
 * prepare/execute load, kill -9 it mid-load, restart it on the same file and check that
 *  - the total of balances + holds is exactly what the admin issued (no money made or lost),
 *  - every account's held amount equals its prepared transfers, the room reserved for what is coming to it
 *    (incoming) the prepared transfers to it, and its balance equals its history
 *    (no transfer half applied), and every transfer the ledger confirmed before the kill is still there,
 *  - holds whose expiry passed while it was down were returned before it answered its first request.
 */

const ADMIN = 'crash-test-admin-token-01';
const ACCOUNTS = ['a0', 'a1', 'a2', 'a3', 'a4'];
const OPENING = 1000n; // whole units at scale 2
const WORKERS = 10;
/** The kill comes once this many transfers were executed, or after LOAD_BOUND_MS, whichever is first. */
const EXECUTED_BEFORE_KILL = 15;
const LOAD_BOUND_MS = 2000;
/** Short holds outlive their prepare request even on a slow machine, and expire while the ledger is down. */
const SHORT_EXPIRY_MS = 1500;
const START_BOUND_MS = 8000;
/** Bound on one API call; the first compiles the ledger's schemas, which is slow on a busy machine. */
const CALL_BOUND_MS = 8000;
const ROOT = resolve(__dirname, '..', '..');

interface Attempt {
  readonly id: string;
  readonly short: boolean;
  readonly expiresAt: number;
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

/**
 * One API call, answered by its HTTP status or 'no-answer'. Plain fetch, not the harness client: this test
 * judges the database, and skipping response validation keeps it quick on a busy machine.
 */
async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<number | 'no-answer'> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_BOUND_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'no-answer';
  }
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
    const opened = await Promise.all(
      ACCOUNTS.map((name) => call(first.url, 'PUT', `/accounts/${name}`, ADMIN, { balance: String(OPENING), token: `${name}-crash-token-0123` })),
    );
    assert.deepEqual(opened, ACCOUNTS.map(() => 201), 'accounts opened');

    const attempts: Attempt[] = [];
    let stop = false;
    let inFlight = 0;
    let executed = 0;
    const worker = async (seed: number) => {
      for (let i = 0; !stop; i++) {
        const from = ACCOUNTS[(seed + i) % ACCOUNTS.length];
        const to = ACCOUNTS[(seed + i + 1 + (i % 4)) % ACCOUNTS.length];
        const preimage = randomBytes(32);
        const short = i % 3 === 0;
        const attempt: Attempt = { id: randomUUID(), short, expiresAt: Date.now() + (short ? SHORT_EXPIRY_MS : 60_000), confirmed: false };
        attempts.push(attempt);
        inFlight++;
        const prepared = await call(first.url, 'PUT', `/transfers/${attempt.id}`, `${from}-crash-token-0123`, {
          debit_account: from,
          credit_account: to,
          amount: `${1 + ((seed * 7 + i) % 9)}.${(i % 10)}5`,
          execution_condition: createHash('sha256').update(preimage).digest('base64url'),
          expires_at: new Date(attempt.expiresAt).toISOString(),
        });
        inFlight--;
        if (prepared === 'no-answer') return;
        attempt.confirmed = prepared === 201;
        if (prepared !== 201 || attempt.short || i % 5 === 4) continue;
        inFlight++;
        const fulfilled = await call(first.url, 'PUT', `/transfers/${attempt.id}/fulfillment`, `${to}-crash-token-0123`, { fulfillment: preimage.toString('base64url') });
        inFlight--;
        if (fulfilled === 'no-answer') return;
        if (fulfilled === 201) executed++;
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

    // Let every short hold pass its expiry while the ledger is down: the dead ledger now owes their funds back.
    const lastShort = Math.max(...attempts.filter((a) => a.short).map((a) => a.expiresAt));
    await new Promise((r) => setTimeout(r, Math.max(0, lastShort - Date.now()) + 100));
    const dueCount = (db: Database.Database) =>
      (db.prepare("SELECT COUNT(*) AS n FROM transfers WHERE state = 'prepared' AND expires_at <= ?").get(Date.now()) as { n: bigint }).n;
    const down = new Database(dbPath, { readonly: true, fileMustExist: true });
    down.defaultSafeIntegers(true);
    const owed = dueCount(down);
    down.close();
    assert.ok(owed > 0n, 'the killed ledger left holds that expired while it was down');

    const second = await startChild(main, dbPath);
    running = second.child;

    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.defaultSafeIntegers(true);
    try {
      assert.equal(dueCount(db), 0n, `the ${owed} holds past their expiry were returned before the ledger answered anything`);

      // Amounts are canonical decimal text (store.ts), so they are summed here as BigInt, never by SQL.
      const units = (rows: unknown[], column: string) => rows.reduce<bigint>((sum, row) => sum + BigInt((row as Record<string, string>)[column]!), 0n);
      const accounts = db.prepare('SELECT name, balance, held, incoming FROM accounts').all() as Array<{ name: string; balance: string; held: string; incoming: string }>;
      assert.equal(units(accounts, 'balance') + units(accounts, 'held'), OPENING * 100n * BigInt(ACCOUNTS.length), 'balances + holds equal what the admin issued');

      for (const name of ACCOUNTS) {
        const account = accounts.find((a) => a.name === name)!;
        const sum = (sql: string) => units(db.prepare(sql).all(name), 'amount');
        const held = sum("SELECT amount FROM transfers WHERE debit_account = ? AND state = 'prepared'");
        const incoming = sum("SELECT amount FROM transfers WHERE credit_account = ? AND state = 'prepared'");
        const debited = sum("SELECT amount FROM transfers WHERE debit_account = ? AND state IN ('prepared', 'executed')");
        const credited = sum("SELECT amount FROM transfers WHERE credit_account = ? AND state = 'executed'");
        assert.equal(BigInt(account.held), held, `${name}: held equals its prepared transfers`);
        assert.equal(BigInt(account.incoming), incoming, `${name}: incoming equals the prepared transfers to it`);
        assert.equal(BigInt(account.balance), OPENING * 100n - debited + credited, `${name}: balance equals its history`);
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

    assert.equal(await call(second.url, 'GET', `/accounts/${ACCOUNTS[0]}`, ADMIN), 200, 'the restarted ledger answers');
  } finally {
    if (running) await killHard(running);
    rmSync(dir, { recursive: true, force: true });
  }
});
