import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from './context';
import type { LedgerErrorKind, Result } from './errors';
import { parseFaults, type LedgerFault } from './faults';
import Database from 'better-sqlite3';
import { ReferenceLedger } from './ledger';
import { openStore } from './store';

const ADMIN: Principal = { kind: 'admin' };
const as = (name: string): Principal => ({ kind: 'account', name });

/** A ledger on a controllable clock with alice (100), bob (0) and carol (0). */
function setup(options: { faults?: LedgerFault[]; dbPath?: string; clock?: { t: number } } = {}) {
  const clock = options.clock ?? { t: Date.parse('2030-01-01T00:00:00.000Z') };
  const ledger = new ReferenceLedger({
    dbPath: options.dbPath ?? ':memory:',
    adminToken: 'admin-token-0123456789',
    ilpPrefix: 'test1.unit.',
    currencyCode: 'USD',
    scale: 2,
    faults: parseFaults((options.faults ?? []).join(',')),
    now: () => clock.t,
  });
  for (const [name, balance] of [['alice', '100'], ['bob', '0'], ['carol', '0']] as const) {
    must(ledger.createAccount(ADMIN, name, { balance, token: `${name}-token-0123456789` }));
  }
  const preimage = randomBytes(32);
  const condition = createHash('sha256').update(preimage).digest('base64url');
  const prepare = (amount = '10', extra: { id?: string; expiresInMs?: number; condition?: string } = {}) =>
    ledger.prepareTransfer(as('alice'), extra.id ?? randomUUID(), {
      debit_account: 'alice',
      credit_account: 'bob',
      amount,
      execution_condition: extra.condition ?? condition,
      expires_at: new Date(clock.t + (extra.expiresInMs ?? 5000)).toISOString(),
    });
  const balances = () =>
    Object.fromEntries(['alice', 'bob', 'carol'].map((n) => {
      const a = must(ledger.getAccount(ADMIN, n));
      return [n, `${a.balance}/${a.held}`];
    }));
  return { ledger, clock, preimage, condition, prepare, balances };
}

function must<T>(result: Result<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function refusedAs(result: Result<unknown>, kind: LedgerErrorKind): void {
  assert.equal(result.ok, false, `expected ${kind}, got success`);
  if (!result.ok) assert.equal(result.error.kind, kind, JSON.stringify(result.error));
}

test('a prepared transfer holds the debit; the right preimage moves it to the receiver', async () => {
  const { ledger, prepare, preimage, balances } = setup();
  const t = must(prepare()).view;
  assert.equal(t.state, 'prepared');
  assert.deepEqual(balances(), { alice: '90/10', bob: '0/0', carol: '0/0' });
  const f = must(ledger.executeTransfer(t.id, preimage.toString('base64url')));
  assert.equal(f.created, true);
  assert.deepEqual(balances(), { alice: '90/0', bob: '10/0', carol: '0/0' });
  const again = must(ledger.executeTransfer(t.id, preimage.toString('base64url')));
  assert.equal(again.created, false, 'the same fulfillment again is a replay');
  assert.deepEqual(balances(), { alice: '90/0', bob: '10/0', carol: '0/0' }, 'and moves nothing');
  await ledger.close();
});

test('a wrong or wrong-length preimage is refused and changes nothing', async () => {
  const { ledger, prepare, balances } = setup();
  const t = must(prepare()).view;
  refusedAs(ledger.executeTransfer(t.id, randomBytes(32).toString('base64url')), 'unmet-condition');
  for (const length of [31, 33]) {
    const short = randomBytes(length);
    const other = must(prepare('1', { condition: createHash('sha256').update(short).digest('base64url') })).view;
    refusedAs(ledger.executeTransfer(other.id, short.toString('base64url')), 'invalid-fulfillment');
  }
  refusedAs(ledger.executeTransfer(t.id, 'not=base64url'), 'invalid-body');
  assert.deepEqual(balances(), { alice: '88/12', bob: '0/0', carol: '0/0' });
  await ledger.close();
});

test('holds never take a balance below its minimum: 100 of 100 is fine, 100.01 is not', async () => {
  const { ledger, prepare, balances } = setup();
  refusedAs(prepare('100.01'), 'insufficient-funds');
  refusedAs(prepare('0.001'), 'invalid-amount');
  must(prepare('100'));
  refusedAs(prepare('0.01'), 'insufficient-funds');
  assert.deepEqual(balances(), { alice: '0/100', bob: '0/0', carol: '0/0' });
  await ledger.close();
});

test('at expiry the hold returns to the sender and the preimage no longer executes', async () => {
  const { ledger, prepare, preimage, clock, balances } = setup();
  const t = must(prepare('10', { expiresInMs: 1000 })).view;
  clock.t += 999;
  assert.equal(must(ledger.getTransfer(ADMIN, t.id)).state, 'prepared');
  clock.t += 1;
  refusedAs(ledger.executeTransfer(t.id, preimage.toString('base64url')), 'expired');
  const after = must(ledger.getTransfer(ADMIN, t.id));
  assert.equal(after.state, 'rejected');
  assert.equal(after.rejection_reason, 'expired');
  assert.deepEqual(balances(), { alice: '100/0', bob: '0/0', carol: '0/0' });
  await ledger.close();
});

test('only the receiver rejects; executed and rejected are final', async () => {
  const { ledger, prepare, preimage, balances } = setup();
  const t = must(prepare()).view;
  refusedAs(ledger.rejectTransfer(as('alice'), t.id, undefined), 'forbidden');
  refusedAs(ledger.rejectTransfer(as('carol'), t.id, undefined), 'forbidden');
  refusedAs(ledger.rejectTransfer(ADMIN, t.id, undefined), 'forbidden');
  const rejected = must(ledger.rejectTransfer(as('bob'), t.id, Buffer.from('no thanks').toString('base64'))).view;
  assert.equal(rejected.rejection_reason, 'rejected_by_receiver');
  assert.equal(Buffer.from(rejected.rejection_message ?? '', 'base64').toString(), 'no thanks');
  refusedAs(ledger.executeTransfer(t.id, preimage.toString('base64url')), 'already-rejected');
  const done = must(prepare('5', { condition: createHash('sha256').update(preimage).digest('base64url') })).view;
  must(ledger.executeTransfer(done.id, preimage.toString('base64url')));
  refusedAs(ledger.rejectTransfer(as('bob'), done.id, undefined), 'already-executed');
  assert.deepEqual(balances(), { alice: '95/0', bob: '5/0', carol: '0/0' });
  await ledger.close();
});

test('only the debit account owner prepares; a repeated id is a replay or a conflict', async () => {
  const { ledger, prepare, condition, balances, clock } = setup();
  const body = { debit_account: 'alice', credit_account: 'bob', amount: '3', execution_condition: condition, expires_at: new Date(clock.t + 5000).toISOString() };
  refusedAs(ledger.prepareTransfer(as('bob'), randomUUID(), body), 'forbidden');
  refusedAs(ledger.prepareTransfer(ADMIN, randomUUID(), body), 'forbidden');
  const id = randomUUID();
  assert.equal(must(ledger.prepareTransfer(as('alice'), id, body)).created, true);
  assert.equal(must(ledger.prepareTransfer(as('alice'), id, body)).created, false);
  refusedAs(ledger.prepareTransfer(as('alice'), id, { ...body, amount: '4' }), 'already-exists');
  refusedAs(prepare('1', { id }), 'already-exists');
  assert.deepEqual(balances(), { alice: '97/3', bob: '0/0', carol: '0/0' });
  await ledger.close();
});

test('a condition whose fulfillment is known cancels new transfers and can be looked up', async () => {
  const { ledger, prepare, preimage, condition, balances } = setup();
  must(ledger.executeTransfer(must(prepare('1')).view.id, preimage.toString('base64url')));
  assert.equal(must(ledger.fulfillmentByCondition(condition)).fulfillment, preimage.toString('base64url'));
  const cancelled = must(prepare('7')).view;
  assert.equal(cancelled.state, 'rejected');
  assert.equal(cancelled.rejection_reason, 'cancelled');
  assert.deepEqual(balances(), { alice: '99/0', bob: '1/0', carol: '0/0' });
  await ledger.close();
});

test('holds that expired while the ledger was down are returned when it starts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-unit-'));
  try {
    const dbPath = join(dir, 'ledger.sqlite');
    const first = setup({ dbPath });
    must(first.prepare('10', { expiresInMs: 1000 }));
    await first.ledger.close();
    const clock = { t: first.clock.t + 60_000 };
    const second = new ReferenceLedger({
      dbPath,
      adminToken: 'admin-token-0123456789',
      ilpPrefix: 'test1.unit.',
      currencyCode: 'USD',
      scale: 2,
      faults: new Set(),
      now: () => clock.t,
    });
    const rows = second.ctx.db.prepare("SELECT state, rejection_reason FROM transfers").all();
    assert.deepEqual(rows, [{ state: 'rejected', rejection_reason: 'expired' }], 'the startup sweep ran before any request');
    const alice = second.ctx.db.prepare("SELECT balance, held FROM accounts WHERE name = 'alice'").get();
    assert.deepEqual(alice, { balance: '10000', held: '0' }, 'amounts are stored as canonical decimal text');
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A ledger at scale 0 (amounts are smallest units) with the given accounts and balances. */
function unitLedger(accounts: Record<string, string>, faults: LedgerFault[] = []) {
  const ledger = new ReferenceLedger({ dbPath: ':memory:', adminToken: 'admin-token-0123456789', ilpPrefix: 'test1.unit.', currencyCode: 'USD', scale: 0, faults: parseFaults(faults.join(',')) });
  for (const [name, balance] of Object.entries(accounts)) must(ledger.createAccount(ADMIN, name, { balance, token: `${name}-token-0123456789` }));
  const send = (from: string, to: string, amount: string, condition?: string) =>
    ledger.prepareTransfer(as(from), randomUUID(), {
      debit_account: from,
      credit_account: to,
      amount,
      ...(condition ? { execution_condition: condition, expires_at: new Date(Date.now() + 60_000).toISOString() } : {}),
    });
  const balance = (name: string) => must(ledger.getAccount(ADMIN, name)).balance;
  return { ledger, send, balance };
}

const MAX = '18446744073709551615'; // 2^64 - 1

test('amounts and balances up to 2^64 - 1 units are held to the unit, and the metadata says so', async () => {
  const { ledger, send, balance } = unitLedger({ alice: MAX, bob: '0', carol: '18446744073709551614', dave: '1' });
  assert.equal(ledger.metadata(undefined).max_amount, MAX);
  must(send('alice', 'bob', '18446744073709551614'));
  assert.deepEqual([balance('alice'), balance('bob')], ['1', '18446744073709551614']);
  must(send('dave', 'carol', '1'));
  assert.deepEqual([balance('dave'), balance('carol')], ['0', MAX]);
  must(send('carol', 'dave', MAX));
  assert.deepEqual([balance('carol'), balance('dave')], ['0', MAX]);
  const stored = ledger.ctx.db.prepare("SELECT balance, typeof(balance) AS type FROM accounts WHERE name = 'dave'").get();
  assert.deepEqual(stored, { balance: MAX, type: 'text' });
  await ledger.close();
});

test('amounts either side of 10^18 units (where the store stops adding in SQL and adds as BigInt) stay exact, held and executed', async () => {
  const below = '999999999999999999'; // 10^18 - 1: the largest figure the store adds in SQLite's integers
  const { ledger, send, balance } = unitLedger({ alice: below, bob: below, carol: '1000000000000000000', dave: '9223372036854775807' });
  const preimage = randomBytes(32);
  const held = must(send('alice', 'bob', below, createHash('sha256').update(preimage).digest('base64url'))).view;
  must(ledger.executeTransfer(held.id, preimage.toString('base64url')));
  assert.deepEqual([balance('alice'), balance('bob')], ['0', '1999999999999999998']);
  must(send('bob', 'carol', '1000000000000000000'));
  must(send('carol', 'alice', '1'));
  assert.deepEqual([balance('alice'), balance('bob'), balance('carol')], ['1', '999999999999999998', '1999999999999999999']);
  must(send('alice', 'dave', '1')); // past SQLite's largest integer, 2^63 - 1
  assert.equal(balance('dave'), '9223372036854775808');
  const rows = ledger.ctx.db.prepare('SELECT held, incoming FROM accounts').all() as Array<{ held: string; incoming: string }>;
  assert.ok(rows.every((r) => r.held === '0' && r.incoming === '0'), 'nothing left held or reserved');
  await ledger.close();
});

test('beyond 2^64 - 1 units is refused whole: an opening, a credit, and a hold that would credit beyond it on execution', async () => {
  const { ledger, send, balance } = unitLedger({ alice: '5', bob: '18446744073709551614' });
  refusedAs(ledger.createAccount(ADMIN, 'erin', { balance: '18446744073709551616', token: 'erin-token-0123456789' }), 'invalid-amount');
  refusedAs(ledger.getAccount(ADMIN, 'erin'), 'not-found');
  must(send('alice', 'bob', '1'));
  refusedAs(send('alice', 'bob', '1'), 'invalid-amount');
  assert.deepEqual([balance('alice'), balance('bob')], ['4', MAX]);
  // A prepared transfer to alice reserves room, so a later credit cannot take her beyond 2^64 - 1 first.
  must(send('bob', 'alice', '18446744073709551610'));
  const preimage = randomBytes(32);
  const condition = createHash('sha256').update(preimage).digest('base64url');
  const held = must(send('bob', 'alice', '1', condition)).view;
  refusedAs(send('bob', 'alice', '1'), 'invalid-amount');
  must(ledger.executeTransfer(held.id, preimage.toString('base64url')));
  assert.deepEqual([balance('alice'), balance('bob')], [MAX, '4']);
  const incoming = ledger.ctx.db.prepare("SELECT incoming FROM accounts WHERE name = 'alice'").get();
  assert.deepEqual(incoming, { incoming: '0' }, 'execution releases the reserved room');
  await ledger.close();
});

test('the CHECK constraints guard the stored form: canonical text, held never negative, amounts positive and at most 2^64 - 1', async () => {
  const { ledger, send } = unitLedger({ alice: '10', bob: '0' });
  must(send('alice', 'bob', '3'));
  const db = ledger.ctx.db;
  for (const value of ["'-1'", "'01'", "'1.0'", "''", "'+1'", "X'31'", `'${2n * (2n ** 64n - 1n) + 1n}'`]) {
    assert.throws(() => db.prepare(`UPDATE accounts SET held = ${value} WHERE name = 'alice'`).run(), /CHECK constraint failed/, `held ${value}`);
  }
  for (const value of ["'0'", "'-3'", "'18446744073709551616'", "'003'"]) {
    assert.throws(() => db.prepare(`UPDATE transfers SET amount = ${value}`).run(), /CHECK constraint failed/, `amount ${value}`);
  }
  for (const value of ["'-0'", "'-18446744073709551616'", "'18446744073709551616'"]) {
    assert.throws(() => db.prepare(`UPDATE accounts SET balance = ${value} WHERE name = 'alice'`).run(), /CHECK constraint failed/, `balance ${value}`);
  }
  db.prepare("UPDATE accounts SET balance = '-18446744073709551615', minimum_balance = '-18446744073709551615' WHERE name = 'bob'").run();
  db.prepare("UPDATE transfers SET amount = '18446744073709551615'").run();
  await ledger.close();
});

test('a database written with INTEGER amounts (schema 1) is refused at start, not misread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-unit-'));
  try {
    const dbPath = join(dir, 'old.sqlite');
    const old = new Database(dbPath);
    old.exec('CREATE TABLE accounts (name TEXT PRIMARY KEY, balance INTEGER NOT NULL)');
    old.close();
    assert.throws(() => openStore(dbPath), /written by another version of the reference ledger \(schema 0, this one reads 2\); start on a new file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fault wrap-at-64-bits: an opening of 2^64 units opens with 0, and a credit past 2^64 - 1 wraps the balance', async () => {
  const { ledger, send, balance } = unitLedger({ alice: '5', bob: MAX }, ['wrap-at-64-bits']);
  must(ledger.createAccount(ADMIN, 'erin', { balance: '18446744073709551616', token: 'erin-token-0123456789' }));
  assert.equal(balance('erin'), '0');
  must(send('alice', 'bob', '2'));
  assert.deepEqual([balance('alice'), balance('bob')], ['3', '1']);
  await ledger.close();
});

test('the fault switches break what they name', async () => {
  const broken = setup({ faults: ['skip-fulfillment-check'] });
  const t = must(broken.prepare()).view;
  assert.equal(broken.ledger.executeTransfer(t.id, randomBytes(32).toString('base64url')).ok, true);
  await broken.ledger.close();
  assert.throws(() => parseFaults('no-such-fault'), /unknown fault "no-such-fault" of the reference ledger/);
});

test('settings a ledger cannot run with are refused at start, naming the setting', () => {
  const valid = { dbPath: ':memory:', adminToken: 'admin-token-0123456789', ilpPrefix: 'test1.unit.', currencyCode: 'USD', scale: 2, faults: parseFaults('') };
  const cases: [Partial<typeof valid>, RegExp][] = [
    [{ ilpPrefix: 'test1.unit' }, /ilpPrefix "test1.unit" is not an ILP address prefix/],
    [{ ilpPrefix: 'nowhere.unit.' }, /ilpPrefix "nowhere.unit."/],
    [{ ilpPrefix: 'x.test1.unit.' }, /ilpPrefix "x.test1.unit."/],
    [{ ilpPrefix: 'test1.u nit.' }, /ilpPrefix "test1.u nit."/],
    [{ scale: -1 }, /scale -1 must be an integer from 0 to 18/],
    [{ scale: 19 }, /scale 19/],
    [{ scale: 2.5 }, /scale 2.5/],
    [{ adminToken: 'short-token-1234'.slice(0, 15) }, /adminToken must be at least 16 characters/],
  ];
  for (const [change, message] of cases) assert.throws(() => new ReferenceLedger({ ...valid, ...change }), message, JSON.stringify(change));
  for (const change of [{ scale: 0 }, { scale: 18 }, { adminToken: 'a'.repeat(16) }, { ilpPrefix: 'g.a.' }, { ilpPrefix: 'test.' }]) {
    const ledger = new ReferenceLedger({ ...valid, ...change });
    void ledger.close();
  }
});
