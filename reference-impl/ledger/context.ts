import { createHash } from 'node:crypto';
import type { FaultSet } from './faults';
import { createQueries, type Db, type Queries, type TransferRow } from './store';

/** What every ledger operation needs: the database, its statements, the ledger's settings and its clock. */
export interface LedgerContext {
  readonly db: Db;
  readonly q: Queries;
  readonly scale: number;
  readonly ilpPrefix: string;
  readonly currencyCode: string;
  /** Milliseconds since the epoch; injectable so unit tests can move time. */
  readonly now: () => number;
  readonly faults: FaultSet;
  /** Events of committed transactions, waiting to be published; see inTransaction and takeEvents. */
  readonly outbox: LedgerEvent[];
  /** One transaction wrapper for the database, made once (better-sqlite3 builds a new one per `transaction()` call). */
  readonly transact: Transact;
}

type Transact = ReturnType<typeof makeTransact>;

const makeTransact = (db: Db) => db.transaction(<T>(fn: () => T): T => fn());

export function createContext(db: Db, settings: Omit<LedgerContext, 'db' | 'q' | 'outbox' | 'transact'>): LedgerContext {
  return { db, q: createQueries(db), outbox: [], transact: makeTransact(db), ...settings };
}

/** Who is calling, established from the bearer token before any operation runs. */
export type Principal = { readonly kind: 'admin' } | { readonly kind: 'account'; readonly name: string };

export type TransferEvent = 'transfer.prepared' | 'transfer.executed' | 'transfer.rejected';

/** A committed state change, to be published to the sockets following the transfer's accounts. */
export interface LedgerEvent {
  readonly event: TransferEvent;
  readonly transfer: TransferRow;
}

/**
 * Runs `fn` in an immediate (write-locking) transaction; a thrown error rolls everything back, including
 * the events `fn` emitted. Events of a committed transaction stay in the outbox until takeEvents.
 */
export function inTransaction<T>(ctx: LedgerContext, fn: () => T): T {
  const mark = ctx.outbox.length;
  try {
    // Stryker disable BlockStatement: the catch below: a transaction throws only on a broken invariant or under a fault; no conforming run reaches it
    return ctx.transact.immediate(fn) as T;
  } catch (error) {
    ctx.outbox.length = mark;
    throw error;
  }
  // Stryker restore BlockStatement
}

export function emit(ctx: LedgerContext, event: TransferEvent, transfer: TransferRow): void {
  ctx.outbox.push({ event, transfer });
}

/** Removes and returns the committed events, oldest first. */
export function takeEvents(ctx: LedgerContext): LedgerEvent[] {
  return ctx.outbox.splice(0, ctx.outbox.length);
}

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** A stable fingerprint of a normalised request, to tell a replay from a conflicting reuse of an id. */
export function digestOf(fields: Readonly<Record<string, string | number | boolean | null>>): string {
  // Stryker disable next-line MethodExpression: equivalent: every caller builds its fields in one fixed order, so sorting the keys changes no digest
  const keys = Object.keys(fields).sort();
  return sha256(JSON.stringify(keys.map((k) => [k, fields[k]]))).toString('hex');
}
