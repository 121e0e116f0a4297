import Database from 'better-sqlite3';

/**
 * The reference ledger's storage: one SQLite database (a file, or ':memory:'), written only inside
 * transactions so a crash leaves every transfer either wholly applied or not at all. On a file the journal
 * is WAL with synchronous=FULL: a transaction the API answered for is on disk before the answer leaves.
 *
 * Money lives in two columns per account: `balance` (spendable) and `held` (set aside by prepared
 * transfers from it). The sum of balance + held over all accounts changes only when the admin opens an
 * account; every transfer operation moves units between those columns and nothing else. CHECK constraints
 * repeat the invariants so a bug fails the transaction instead of storing a wrong balance.
 */
export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  name            TEXT PRIMARY KEY,
  owner           TEXT NOT NULL,
  balance         INTEGER NOT NULL,
  held            INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
  minimum_balance INTEGER NOT NULL,
  connector       INTEGER NOT NULL CHECK (connector IN (0, 1)),
  token_hash      TEXT NOT NULL UNIQUE,
  request_digest  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transfers (
  id                TEXT PRIMARY KEY,
  debit_account     TEXT NOT NULL REFERENCES accounts(name),
  credit_account    TEXT NOT NULL REFERENCES accounts(name),
  amount            INTEGER NOT NULL CHECK (amount > 0),
  condition         TEXT,
  expires_at        INTEGER,
  memo              BLOB,
  state             TEXT NOT NULL CHECK (state IN ('proposed', 'prepared', 'executed', 'rejected')),
  rejection_reason  TEXT CHECK (rejection_reason IN ('expired', 'rejected_by_receiver', 'cancelled')),
  rejection_message BLOB,
  fulfillment       TEXT,
  proposed_at       INTEGER NOT NULL,
  prepared_at       INTEGER,
  executed_at       INTEGER,
  rejected_at       INTEGER,
  request_digest    TEXT NOT NULL,
  CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL)),
  CHECK (state <> 'prepared' OR (condition IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS transfers_pending ON transfers (expires_at) WHERE state = 'prepared';
CREATE INDEX IF NOT EXISTS transfers_fulfilled ON transfers (condition) WHERE state = 'executed';
`;

export interface AccountRow {
  readonly name: string;
  readonly owner: string;
  readonly balance: bigint;
  readonly held: bigint;
  readonly minimum_balance: bigint;
  readonly connector: bigint;
  readonly token_hash: string;
  readonly request_digest: string;
}

export type TransferState = 'proposed' | 'prepared' | 'executed' | 'rejected';
export type RejectionReason = 'expired' | 'rejected_by_receiver' | 'cancelled';

export interface TransferRow {
  readonly id: string;
  readonly debit_account: string;
  readonly credit_account: string;
  readonly amount: bigint;
  readonly condition: string | null;
  readonly expires_at: bigint | null;
  readonly memo: Buffer | null;
  readonly state: TransferState;
  readonly rejection_reason: RejectionReason | null;
  readonly rejection_message: Buffer | null;
  readonly fulfillment: string | null;
  readonly proposed_at: bigint;
  readonly prepared_at: bigint | null;
  readonly executed_at: bigint | null;
  readonly rejected_at: bigint | null;
  readonly request_digest: string;
}

/** Opens (creating if needed) the database. Integers come back as bigint so no amount loses precision. */
export function openStore(path: string): Db {
  const db = new Database(path);
  // Stryker disable all: file-only durability pragmas: every scenario runs the ledger in memory; crash.test.ts checks them on a file
  if (path !== ':memory:') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  // Stryker restore all
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.defaultSafeIntegers(true);
  db.exec(SCHEMA);
  return db;
}

/**
 * Prepared statements over the two tables, made once; the operations in accounts.ts and transfers.ts use only
 * these. The statements that write a transfer return the row as stored (RETURNING *), so the answer and the
 * notification show what the database holds without reading it again.
 */
export function createQueries(db: Db) {
  const q = {
    accountByName: db.prepare('SELECT * FROM accounts WHERE name = ?'),
    accountByTokenHash: db.prepare('SELECT * FROM accounts WHERE token_hash = ?'),
    connectorAccounts: db.prepare('SELECT name FROM accounts WHERE connector = 1 ORDER BY name'),
    insertAccount: db.prepare(
      `INSERT INTO accounts (name, owner, balance, held, minimum_balance, connector, token_hash, request_digest)
       VALUES (@name, @owner, @balance, 0, @minimum_balance, @connector, @token_hash, @request_digest)`,
    ),
    addToAccount: db.prepare('UPDATE accounts SET balance = balance + @balance, held = held + @held WHERE name = @name'),
    transferById: db.prepare('SELECT * FROM transfers WHERE id = ?'),
    executedByCondition: db.prepare(
      "SELECT * FROM transfers WHERE condition = ? AND state = 'executed' ORDER BY executed_at LIMIT 1",
    ),
    insertTransfer: db.prepare(
      `INSERT INTO transfers (id, debit_account, credit_account, amount, condition, expires_at, memo, state,
         rejection_reason, proposed_at, prepared_at, executed_at, rejected_at, request_digest)
       VALUES (@id, @debit_account, @credit_account, @amount, @condition, @expires_at, @memo, @state,
         @rejection_reason, @proposed_at, @prepared_at, @executed_at, @rejected_at, @request_digest)
       RETURNING *`,
    ),
    markExecuted: db.prepare(
      "UPDATE transfers SET state = 'executed', fulfillment = @fulfillment, executed_at = @at WHERE id = @id AND state = 'prepared' RETURNING *",
    ),
    markRejected: db.prepare(
      `UPDATE transfers SET state = 'rejected', rejection_reason = @reason, rejection_message = @message, rejected_at = @at
       WHERE id = @id AND state = 'prepared' RETURNING *`,
    ),
    dueTransfers: db.prepare("SELECT * FROM transfers WHERE state = 'prepared' AND expires_at <= ? ORDER BY expires_at"),
    nextExpiry: db.prepare("SELECT MIN(expires_at) AS at FROM transfers WHERE state = 'prepared'"),
  };
  return q;
}

export type Queries = ReturnType<typeof createQueries>;
