import Database from 'better-sqlite3';
import { MAX_UNITS } from './amount';

/**
 * The reference ledger's storage: one SQLite database (a file, or ':memory:'), written only inside
 * transactions so a crash leaves every transfer either wholly applied or not at all. On a file the journal
 * is WAL with synchronous=FULL: a transaction the API answered for is on disk before the answer leaves.
 *
 * Money lives in two columns per account: `balance` (spendable) and `held` (set aside by prepared
 * transfers from it). The sum of balance + held over all accounts changes only when the admin opens an
 * account; every transfer operation moves units between those columns and nothing else. A third column,
 * `incoming`, is no money: it reserves room for what prepared transfers to the account will credit, so
 * that executing them can never take a balance beyond what the ledger holds. CHECK constraints repeat the
 * invariants so a bug fails the transaction instead of storing a wrong balance.
 *
 * Amounts reach 2^64 - 1 smallest units (the ILPv4 UInt64 maximum) and balances may be as negative as a
 * minimum balance allows, which no SQLite INTEGER (signed 64-bit) holds. So every amount column is TEXT
 * holding the canonical decimal integer (no leading zeros, no "+", no "-0"), and the arithmetic is BigInt
 * in this file, inside the caller's transaction (better-sqlite3 is synchronous: read, add, write with no
 * other writer in between). Rows are converted at one place, `rowsOf`; the rest of the ledger sees bigint.
 */
export type Db = Database.Database;

/** Bumped whenever the stored form changes: a database of another version is refused, not misread. */
const SCHEMA_VERSION = 2;

/** SQL true when `column` is canonical decimal integer text from `min` to `max` (bigints of any size). */
// Stryker disable all: defence in depth: the ledger's own checks (minimum balances, the amount limit: LEDGER-001 and LEDGER-002 scenarios) keep every stored figure within these bounds, so no request makes the store refuse one; ledger.test.ts writes past them directly
function unitsCheck(column: string, min: bigint, max: bigint): string {
  const magnitude = `(CASE WHEN ${column} GLOB '-*' THEN substr(${column}, 2) ELSE ${column} END)`;
  const atMost = (digits: string, bound: bigint) =>
    `(length(${digits}) < ${String(bound).length} OR (length(${digits}) = ${String(bound).length} AND ${digits} <= '${bound}'))`;
  const form = `typeof(${column}) = 'text' AND ${magnitude} <> '' AND ${magnitude} NOT GLOB '*[^0-9]*' AND (${magnitude} = '0' OR ${magnitude} NOT GLOB '0*')`;
  const sign = min < 0n ? `(${column} NOT GLOB '-*' OR (${column} <> '-0' AND ${atMost(magnitude, -min)}))` : `${column} NOT GLOB '-*'`;
  const low = min > 0n ? ` AND ${column} <> '0'` : '';
  return `CHECK (${form} AND ${sign}${low} AND (${column} GLOB '-*' OR ${atMost(magnitude, max)}))`;
}
// Stryker restore all

/** held and incoming may reach 2 * MAX_UNITS: a balance of MAX_UNITS with a minimum of -MAX_UNITS can hold both. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  name            TEXT PRIMARY KEY,
  owner           TEXT NOT NULL,
  balance         TEXT NOT NULL ${unitsCheck('balance', -MAX_UNITS, MAX_UNITS)},
  held            TEXT NOT NULL DEFAULT '0' ${unitsCheck('held', 0n, 2n * MAX_UNITS)},
  incoming        TEXT NOT NULL DEFAULT '0' ${unitsCheck('incoming', 0n, 2n * MAX_UNITS)},
  minimum_balance TEXT NOT NULL ${unitsCheck('minimum_balance', -MAX_UNITS, MAX_UNITS)},
  connector       INTEGER NOT NULL CHECK (connector IN (0, 1)),
  token_hash      TEXT NOT NULL UNIQUE,
  request_digest  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transfers (
  id                TEXT PRIMARY KEY,
  debit_account     TEXT NOT NULL REFERENCES accounts(name),
  credit_account    TEXT NOT NULL REFERENCES accounts(name),
  amount            TEXT NOT NULL ${unitsCheck('amount', 1n, MAX_UNITS)},
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
  /** What prepared transfers to this account will credit when executed (reserved room, not money). */
  readonly incoming: bigint;
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

/** Opens (creating if needed) the database. Integers (times, flags) come back as bigint; amounts are text (see above). */
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
  const version = Number(db.pragma('user_version', { simple: true }));
  const fresh = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'accounts'").get() as { n: bigint };
  if (fresh.n !== 0n && version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`${path} was written by another version of the reference ledger (schema ${version}, this one reads ${SCHEMA_VERSION}); start on a new file`);
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}

/** The one place stored amounts become bigint: `rowsOf` gives the reading statements rows in these types. */
function toAccountRow(raw: Record<string, unknown>): AccountRow {
  return { ...raw, balance: BigInt(raw.balance as string), held: BigInt(raw.held as string), incoming: BigInt(raw.incoming as string), minimum_balance: BigInt(raw.minimum_balance as string) } as AccountRow;
}

function toTransferRow(raw: Record<string, unknown>): TransferRow {
  return { ...raw, amount: BigInt(raw.amount as string) } as TransferRow;
}

/**
 * A transfer to insert, times in milliseconds. The statements that write a transfer on the hot path give back
 * the row as stored from the values they wrote: RETURNING * costs about as much again as the write itself.
 */
export type NewTransfer = Omit<TransferRow, 'fulfillment' | 'rejection_message' | 'expires_at' | 'proposed_at' | 'prepared_at' | 'executed_at' | 'rejected_at'> & {
  readonly expires_at: number | null;
  readonly proposed_at: number;
  readonly prepared_at: number | null;
  readonly executed_at: number | null;
  readonly rejected_at: number | null;
};

const big = (ms: number | null): bigint | null => (ms === null ? null : BigInt(ms));

/** A reading statement whose rows come back converted; the statement stays prepared once. */
function rowsOf<R>(statement: Database.Statement, convert: (raw: Record<string, unknown>) => R) {
  return {
    get: (...params: unknown[]): R | undefined => {
      const raw = statement.get(...params) as Record<string, unknown> | undefined;
      return raw === undefined ? undefined : convert(raw);
    },
    all: (...params: unknown[]): R[] => (statement.all(...params) as Array<Record<string, unknown>>).map(convert),
  };
}

/** How an amount is stored: canonical decimal text (BigInt's toString is canonical). */
const stored = (units: bigint): string => units.toString();

const SMALL = 10n ** 18n;
const isSmall = (units: bigint): boolean => units < SMALL && units > -SMALL;

/**
 * Prepared statements over the two tables, made once; the operations in accounts.ts and transfers.ts use only
 * these. The statements that write a transfer return the row as stored (insert and execution from the values
 * they wrote, see NewTransfer; rejection by RETURNING *, converted like every read), so the answer and the
 * notification show what the database holds without reading it again.
 */
export function createQueries(db: Db) {
  const accountByName = rowsOf(db.prepare('SELECT * FROM accounts WHERE name = ?'), toAccountRow);
  const insertAccount = db.prepare(
    `INSERT INTO accounts (name, owner, balance, held, minimum_balance, connector, token_hash, request_digest)
     VALUES (@name, @owner, @balance, '0', @minimum_balance, @connector, @token_hash, @request_digest)`,
  );
  const setAmounts = db.prepare('UPDATE accounts SET balance = @balance, held = @held, incoming = @incoming WHERE name = @name');
  // SQLite adds in signed 64-bit integers; with every stored amount and every delta below 10^18 in magnitude
  // (18 characters at most) no sum can leave that range, so the addition is exact and costs no read.
  const addSmall = db.prepare(
    `UPDATE accounts SET balance = CAST(balance + @balance AS TEXT), held = CAST(held + @held AS TEXT), incoming = CAST(incoming + @incoming AS TEXT)
     WHERE name = @name AND length(balance) <= 18 AND length(held) <= 18 AND length(incoming) <= 18`,
  );
  const insertTransfer = db.prepare(
    `INSERT INTO transfers (id, debit_account, credit_account, amount, condition, expires_at, memo, state,
       rejection_reason, proposed_at, prepared_at, executed_at, rejected_at, request_digest)
     VALUES (@id, @debit_account, @credit_account, @amount, @condition, @expires_at, @memo, @state,
       @rejection_reason, @proposed_at, @prepared_at, @executed_at, @rejected_at, @request_digest)`,
  );
  const setExecuted = db.prepare("UPDATE transfers SET state = 'executed', fulfillment = @fulfillment, executed_at = @at WHERE id = @id AND state = 'prepared'");
  const q = {
    accountByName,
    accountByTokenHash: rowsOf(db.prepare('SELECT * FROM accounts WHERE token_hash = ?'), toAccountRow),
    /** Authentication's lookup on every request: the name alone, no amounts to convert. */
    nameByTokenHash: db.prepare('SELECT name FROM accounts WHERE token_hash = ?'),
    connectorAccounts: db.prepare('SELECT name FROM accounts WHERE connector = 1 ORDER BY name'),
    insertAccount: {
      run: (row: { balance: bigint; minimum_balance: bigint } & Record<string, unknown>) =>
        insertAccount.run({ ...row, balance: stored(row.balance), minimum_balance: stored(row.minimum_balance) }),
    },
    /**
     * Adds to an account's amounts in the caller's transaction; changes 0 if it is gone. In SQL while every
     * figure is below 10^18 in magnitude; beyond, read, added as BigInt and written.
     */
    addToAccount: {
      run: (delta: { name: string; balance: bigint; held: bigint; incoming?: bigint }): { changes: number } => {
        const incoming = delta.incoming ?? 0n;
        if (isSmall(delta.balance) && isSmall(delta.held) && isSmall(incoming)) {
          const added = addSmall.run({ name: delta.name, balance: delta.balance, held: delta.held, incoming });
          if (added.changes === 1) return added;
        }
        const row = accountByName.get(delta.name);
        if (!row) return { changes: 0 };
        return setAmounts.run({
          name: delta.name,
          balance: stored(row.balance + delta.balance),
          held: stored(row.held + delta.held),
          incoming: stored(row.incoming + incoming),
        });
      },
    },
    transferById: rowsOf(db.prepare('SELECT * FROM transfers WHERE id = ?'), toTransferRow),
    executedByCondition: rowsOf(
      db.prepare("SELECT * FROM transfers WHERE condition = ? AND state = 'executed' ORDER BY executed_at LIMIT 1"),
      toTransferRow,
    ),
    /** Stores a new transfer; the row as stored. */
    insertTransfer: (row: NewTransfer): TransferRow => {
      insertTransfer.run({ ...row, amount: stored(row.amount) });
      const { expires_at, proposed_at, prepared_at, executed_at, rejected_at } = row;
      return { ...row, fulfillment: null, rejection_message: null, expires_at: big(expires_at), proposed_at: BigInt(proposed_at), prepared_at: big(prepared_at), executed_at: big(executed_at), rejected_at: big(rejected_at) };
    },
    /** Marks a prepared transfer executed; the row as now stored, or undefined if it was not prepared. */
    markExecuted: (row: TransferRow, fulfillment: string, at: number): TransferRow | undefined =>
      setExecuted.run({ id: row.id, fulfillment, at }).changes === 1
        ? { ...row, state: 'executed', fulfillment, executed_at: BigInt(at) }
        : undefined,
    markRejected: rowsOf(db.prepare(
      `UPDATE transfers SET state = 'rejected', rejection_reason = @reason, rejection_message = @message, rejected_at = @at
       WHERE id = @id AND state = 'prepared' RETURNING *`,
    ), toTransferRow),
    dueTransfers: rowsOf(db.prepare("SELECT * FROM transfers WHERE state = 'prepared' AND expires_at <= ? ORDER BY expires_at"), toTransferRow),
    nextExpiry: db.prepare("SELECT MIN(expires_at) AS at FROM transfers WHERE state = 'prepared'"),
  };
  return q;
}

export type Queries = ReturnType<typeof createQueries>;
