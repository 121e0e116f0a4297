import type { LedgerTransferRequest } from '../../contracts/ledger-api';
import { parseAmount, formatAmount, MAX_UNITS, wrap64 } from './amount';
import { digestOf, emit, inTransaction, sha256, type LedgerContext, type Principal, type TransferEvent } from './context';
import { fail, ok, type Result } from './errors';
import type { AccountRow, NewTransfer, RejectionReason, TransferRow } from './store';
import { decodeBase64Url, fulfillmentView, transferView, type FulfillmentView, type TransferView } from './views';

/**
 * Conditional transfers (IL-RFC 17 basic and full support). Every operation is one SQLite transaction that
 * reads the rows it needs, decides, and writes; a refusal writes nothing. Money moves only between an
 * account's `balance` and `held` columns and the other account's `balance`:
 *
 *   prepare  debit.balance -= amount, debit.held += amount            (state prepared)
 *   execute  debit.held    -= amount, credit.balance += amount        (state executed)
 *   reject   debit.held    -= amount, debit.balance += amount         (state rejected: by receiver or expiry)
 *   direct   debit.balance -= amount, credit.balance += amount        (no condition: executed at once)
 *
 * What an account can still come to hold, balance + held + incoming (incoming: prepared transfers to it,
 * reserved at prepare and released at execute or reject), never exceeds MAX_UNITS: prepare refuses a
 * transfer that would take the credit account beyond it, so execute and reject never can.
 *
 * State changes are emitted into the context's outbox, published once the transaction has committed.
 */

/** The body of PUT /transfers/{id}, already schema-checked (transfer-request.schema.json). */
export type TransferRequest = Readonly<LedgerTransferRequest>;

export interface Changed<T> {
  readonly view: T;
  /** false when the request repeated one already applied (200 instead of 201). */
  readonly created: boolean;
}

const TRUNCATED_MEMO_BYTES = 1024;
/** fault fulfillment-before-execution only: what the lookups answer for a transfer that has no fulfillment yet. */
const MADE_UP_FULFILLMENT = Buffer.alloc(32).toString('base64url');

/** PUT /transfers/{id}: only the debit account's owner; idempotent on an identical body. */
export function prepareTransfer(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  request: TransferRequest,
): Result<Changed<TransferView>> {
  // Stryker disable all: a body id that differs from the path: the API's request hygiene, which no RFC 17 requirement pins
  if (request.id !== undefined && request.id.toLowerCase() !== id) {
    return fail({ kind: 'invalid-body', problems: `body id ${request.id} differs from the path's ${id}` });
  }
  // Stryker restore all
  // Stryker disable next-line ConditionalExpression: equivalent: the admin's principal has no name, so it never equals the debit account
  const isOwner = principal.kind === 'account' && principal.name === request.debit_account;
  if (!isOwner && !(ctx.faults.has('allow-foreign-debit') && principal.kind === 'account')) {
    return fail({ kind: 'forbidden', reason: `only the owner of ${request.debit_account} may transfer from it` });
  }
  const amount = parseAmount(request.amount, ctx.scale, ctx.faults);
  if (!amount.ok) return amount;
  // Stryker disable next-line all: defence in depth: the request schema refuses zero and negative amounts first (minimal-support pins the refusal)
  if (amount.value <= 0n) return fail({ kind: 'invalid-amount', reason: 'a transfer moves more than zero' });
  let expiresAt = request.expires_at === undefined ? null : Date.parse(request.expires_at);
  if (expiresAt !== null && ctx.faults.has('expiry-to-whole-seconds')) expiresAt -= expiresAt % 1000; // FAULT expiry-to-whole-seconds
  // Stryker disable all: defence in depth: the request schema refuses a timestamp that is not one first
  if (expiresAt !== null && !Number.isFinite(expiresAt)) {
    return fail({ kind: 'invalid-body', problems: `expires_at ${request.expires_at} is not a valid instant` });
  }
  // Stryker restore all
  let memo = request.memo === undefined ? null : Buffer.from(request.memo, 'base64');
  if (ctx.faults.has('drop-memo')) memo = null; // FAULT drop-memo
  if (memo && ctx.faults.has('truncate-memo')) memo = memo.subarray(0, TRUNCATED_MEMO_BYTES);
  // FAULT same-id-other-condition: the condition and the memo are left out, so a changed one reads as a repeat
  const blind = ctx.faults.has('same-id-other-condition');
  const digest = digestOf({
    id,
    debit: request.debit_account,
    credit: request.credit_account,
    amount: String(amount.value),
    condition: blind ? null : request.execution_condition ?? null,
    expires_at: expiresAt,
    memo: blind ? null : request.memo ?? null,
  });

  return inTransaction(ctx, () => {
    const now = ctx.now();
    const existing = ctx.q.transferById.get(id) as TransferRow | undefined;
    if (existing && !ctx.faults.has('no-idempotency')) {
      if (existing.request_digest !== digest) return fail({ kind: 'already-exists', what: `transfer ${id}` });
      // Stryker disable next-line all: a second guard: ReferenceLedger.run expires everything due before each operation
      return ok({ view: transferView(ctx, expireIfDue(ctx, existing, now) ?? existing), created: false });
    }
    const debit = ctx.q.accountByName.get(request.debit_account) as AccountRow | undefined;
    // Stryker disable next-line all: the debit account is the caller's own (checked above), so it exists; reached only under fault allow-foreign-debit
    if (!debit) return fail({ kind: 'unknown-account', name: request.debit_account });
    const skipCreditCheck = ctx.faults.has('skip-credit-account-check'); // FAULT skip-credit-account-check
    const credit = ctx.q.accountByName.get(request.credit_account) as AccountRow | undefined;
    if (!skipCreditCheck && !credit) return fail({ kind: 'unknown-account', name: request.credit_account });
    const conditional = request.execution_condition !== undefined;
    // FAULT hold-past-timeout: the hold is placed and answered prepared; the next operation's sweep expires it
    if (expiresAt !== null && expiresAt <= now && !ctx.faults.has('no-expiry') && !ctx.faults.has('hold-past-timeout')) {
      return fail({ kind: 'expired', id, expiresAt: new Date(expiresAt).toISOString() });
    }
    const base = {
      id,
      debit_account: request.debit_account,
      credit_account: request.credit_account,
      amount: amount.value,
      condition: request.execution_condition ?? null,
      expires_at: expiresAt,
      memo,
      proposed_at: now,
      request_digest: digest,
    };
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a transfer without a condition has none to look up, and the lookup of an absent one finds nothing
    if (conditional && !ctx.faults.has('forget-fulfillments') && ctx.q.executedByCondition.get(request.execution_condition)) {
      // LEDGER-011: the condition's preimage is already public, so holding funds against it would let anyone take them.
      return created(ctx, { ...base, state: 'rejected', rejection_reason: 'cancelled', prepared_at: null, executed_at: null, rejected_at: now }, 'transfer.rejected');
    }
    let minimum = debit.minimum_balance;
    if (ctx.faults.has('ignore-negative-minimum') && minimum < 0n) minimum = 0n; // FAULT ignore-negative-minimum
    const below = ctx.faults.has('minimum-balance-off-by-one')
      ? debit.balance - amount.value <= minimum // FAULT minimum-balance-off-by-one
      : ctx.faults.has('compare-amounts-as-text')
        ? String(debit.balance - minimum) < String(amount.value) // FAULT compare-amounts-as-text
        : debit.balance - amount.value < minimum;
    if (below && !ctx.faults.has('ignore-minimum-balance')) {
      return fail({
        kind: 'insufficient-funds',
        account: debit.name,
        balance: formatAmount(debit.balance, ctx.scale),
        minimum: formatAmount(debit.minimum_balance, ctx.scale),
        amount: formatAmount(amount.value, ctx.scale),
      });
    }
    // What the credit account could come to hold; a debit to itself first takes the amount out of it.
    let credited = amount.value;
    // FAULT self-transfer-as-credit: a transfer to its own debit account counts as new money for it
    const selfAsCredit = ctx.faults.has('self-transfer-as-credit');
    // Stryker disable next-line ConditionalExpression: the credit account is missing only under the fault skip-credit-account-check
    if (credit) {
      const own = credit.name === debit.name && !conditional && !selfAsCredit;
      const reach = credit.balance + credit.held + credit.incoming + amount.value - (own ? amount.value : 0n);
      if (reach > MAX_UNITS) {
        if (!ctx.faults.has('wrap-at-64-bits')) {
          return fail({ kind: 'invalid-amount', reason: `${formatAmount(amount.value, ctx.scale)} would take ${credit.name} beyond what the ledger can hold (${formatAmount(MAX_UNITS, ctx.scale)})` });
        }
        // Stryker disable next-line all: runs only under the fault wrap-at-64-bits
        credited = wrap64(credit.balance + amount.value) - credit.balance; // FAULT wrap-at-64-bits: the balance wraps around
      }
    }
    // Stryker disable next-line all: runs only under the fault no-idempotency
    if (existing) ctx.db.prepare('DELETE FROM transfers WHERE id = ?').run(id); // fault no-idempotency only
    if (!conditional) {
      move(ctx, debit.name, -amount.value, 0n);
      if (!ctx.faults.has('lose-unconditional-credit')) move(ctx, request.credit_account, credited, 0n);
      return created(ctx, { ...base, state: 'executed', rejection_reason: null, prepared_at: now, executed_at: now, rejected_at: null }, 'transfer.executed');
    }
    if (ctx.faults.has('credit-on-prepare')) {
      move(ctx, debit.name, -amount.value, 0n);
      move(ctx, request.credit_account, credited, 0n);
    } else {
      move(ctx, debit.name, -amount.value, amount.value);
      move(ctx, request.credit_account, 0n, 0n, amount.value);
    }
    return created(ctx, { ...base, state: 'prepared', rejection_reason: null, prepared_at: now, executed_at: null, rejected_at: null }, 'transfer.prepared');
  });
}

/** PUT /transfers/{id}/fulfillment: any authenticated caller; the preimage is the authority. */
export function executeTransfer(ctx: LedgerContext, id: string, fulfillmentText: string): Result<Changed<FulfillmentView>> {
  const preimage = decodeBase64Url(fulfillmentText);
  // Stryker disable next-line all: defence in depth: the fulfillment-request schema refuses text that is not base64url first
  if (!preimage) return fail({ kind: 'invalid-body', problems: 'fulfillment is not canonical unpadded base64url' });
  return inTransaction(ctx, () => {
    const now = ctx.now();
    const row = ctx.q.transferById.get(id) as TransferRow | undefined;
    if (!row && ctx.faults.has('fulfill-unknown-transfers')) {
      // FAULT fulfill-unknown-transfers
      return ok({ view: { transfer_id: id, execution_condition: sha256(preimage).toString('base64url'), fulfillment: fulfillmentText }, created: true });
    }
    if (!row) return fail({ kind: 'not-found', what: `transfer ${id}` });
    // Stryker disable next-line all: which refusal: without this an unconditional (executed) transfer is refused as an unmet condition, also a 422
    if (row.condition === null) return fail({ kind: 'not-conditional', id });
    const reopen = ctx.faults.has('reopen-final-transfers');
    if (row.state === 'executed') {
      if (ctx.faults.has('execute-twice') && row.fulfillment === fulfillmentText) {
        // FAULT execute-twice: the hold is gone, so the repeat takes the amount from the sender's balance
        move(ctx, row.debit_account, -row.amount, 0n);
        move(ctx, row.credit_account, row.amount, 0n);
      }
      // FAULT skip-fulfillment-check: any 32-byte fulfillment also passes for a repeat
      // Stryker disable all: whether presenting an executed transfer's fulfillment again is accepted (and with 200 or 201) is the API's; RFC 17 asks only that the money moves once, which transfer-states pins
      const repeat = row.fulfillment === fulfillmentText || (ctx.faults.has('skip-fulfillment-check') && preimage.length === 32);
      return repeat
        ? ok({ view: fulfillmentView({ ...row, condition: row.condition, fulfillment: row.fulfillment as string }), created: false })
        : fail({ kind: 'unmet-condition', id });
    }
    // Stryker restore all
    if (row.state === 'rejected' && !reopen) {
      // Stryker disable next-line all: which refusal (expired or already rejected), both 422; the error id is the API's
      return row.rejection_reason === 'expired'
        ? fail({ kind: 'expired', id, expiresAt: new Date(Number(row.expires_at)).toISOString() })
        : fail({ kind: 'already-rejected', id, reason: row.rejection_reason ?? 'unknown' });
    }
    // Stryker disable next-line all: a second guard: ReferenceLedger.run expires everything due before each operation
    if (expireIfDue(ctx, row, now) !== undefined) return fail({ kind: 'expired', id, expiresAt: new Date(Number(row.expires_at)).toISOString() });
    if (preimage.length !== 32 && !ctx.faults.has('accept-any-preimage-length')) {
      return fail({ kind: 'invalid-fulfillment', lengthBytes: preimage.length });
    }
    if (sha256(preimage).toString('base64url') !== row.condition && !ctx.faults.has('skip-fulfillment-check')) {
      return fail({ kind: 'unmet-condition', id });
    }
    // Stryker disable all: runs only under the fault reopen-final-transfers
    let reopened: TransferRow | undefined;
    if (row.state === 'rejected') {
      // fault reopen-final-transfers: the funds already went back, so take them again from the sender
      move(ctx, row.debit_account, -row.amount, row.amount);
      move(ctx, row.credit_account, 0n, 0n, row.amount);
      ctx.db.prepare("UPDATE transfers SET state = 'prepared', rejection_reason = NULL, rejection_message = NULL WHERE id = ?").run(id);
      reopened = ctx.q.transferById.get(id);
    }
    // Stryker restore all
    if (!ctx.faults.has('credit-on-prepare')) {
      const toSender = ctx.faults.has('credit-sender-on-execute'); // FAULT credit-sender-on-execute: the sender is paid
      move(ctx, row.debit_account, toSender ? row.amount : 0n, -row.amount);
      move(ctx, row.credit_account, toSender ? 0n : row.amount, 0n, -row.amount);
    }
    const done = ctx.q.markExecuted(reopened ?? row, fulfillmentText, now);
    // Stryker disable next-line all: a broken invariant (the row was read as prepared in this transaction), no request reaches it
    if (!done) throw new Error(`transfer ${id} was not prepared when executing it`);
    emit(ctx, 'transfer.executed', done);
    // Stryker disable next-line BooleanLiteral: 201 rather than 200 is the API's convention; no RFC 17 requirement pins the status of a success
    return ok({ view: fulfillmentView({ ...done, condition: row.condition, fulfillment: fulfillmentText }), created: true });
  });
}

/** PUT /transfers/{id}/rejection: only the credit account's owner, and only while the transfer is prepared. */
export function rejectTransfer(
  ctx: LedgerContext,
  principal: Principal,
  id: string,
  message: string | undefined,
): Result<Changed<TransferView>> {
  return inTransaction(ctx, () => {
    const now = ctx.now();
    const row = ctx.q.transferById.get(id) as TransferRow | undefined;
    if (!row && ctx.faults.has('reject-unknown-transfers')) return ok({ view: madeUpRejection(ctx, principal, id), created: true }); // FAULT reject-unknown-transfers
    if (!row) return fail({ kind: 'not-found', what: `transfer ${id}` });
    // Stryker disable next-line ConditionalExpression: equivalent: the admin's principal has no name, so it never equals the credit account
    const isReceiver = principal.kind === 'account' && principal.name === row.credit_account;
    if (!isReceiver && !ctx.faults.has('allow-sender-reject')) {
      return fail({ kind: 'forbidden', reason: `only the owner of the credit account ${row.credit_account} may reject this transfer` });
    }
    const reopen = ctx.faults.has('reopen-final-transfers');
    if (row.state === 'executed' && !reopen) return fail({ kind: 'already-executed', id });
    if (row.state === 'rejected') {
      // FAULT reject-twice: the hold went back at the first rejection, so this pays the sender a second time
      if (ctx.faults.has('reject-twice') && row.rejection_reason === 'rejected_by_receiver') move(ctx, row.debit_account, row.amount, 0n);
      // Stryker disable all: repeating a rejection, or rejecting an expired transfer: RFC 17 says only that rejected is final, which transfer-states pins; whether the repeat is answered 200 or 422 is the API's
      if (row.rejection_reason === 'rejected_by_receiver') return ok({ view: transferView(ctx, row), created: false });
      return fail({ kind: 'already-rejected', id, reason: row.rejection_reason ?? 'unknown' });
    }
    // Stryker restore all
    // Stryker disable next-line all: a second guard: ReferenceLedger.run expires everything due before each operation
    if (expireIfDue(ctx, row, now) !== undefined) return fail({ kind: 'already-rejected', id, reason: 'expired' });
    // Stryker disable all: runs only under the fault reopen-final-transfers
    if (row.state === 'executed') {
      // fault reopen-final-transfers: take the credit back and put the amount on hold again, then reject as usual
      move(ctx, row.credit_account, -row.amount, 0n, row.amount);
      move(ctx, row.debit_account, 0n, row.amount);
      ctx.db.prepare("UPDATE transfers SET state = 'prepared', fulfillment = NULL, executed_at = NULL WHERE id = ?").run(id);
    }
    // Stryker restore all
    const kept = message === undefined || ctx.faults.has('drop-rejection-message') ? null : Buffer.from(message, 'base64');
    const done = releaseHold(ctx, row, 'rejected_by_receiver', kept, now);
    emit(ctx, 'transfer.rejected', done);
    // Stryker disable next-line BooleanLiteral: 201 rather than 200 is the API's convention; no RFC 17 requirement pins the status of a success
    return ok({ view: transferView(ctx, done), created: true });
  });
}

/** Rejects every prepared transfer whose expiry has passed, returning the held funds (LEDGER-006). */
export function expireDue(ctx: LedgerContext): number {
  if (ctx.faults.has('no-expiry')) return 0;
  const next = nextExpiry(ctx);
  // Stryker disable next-line all: a fast path: sweeping when nothing is due expires nothing
  if (next === undefined || next > ctx.now()) return 0; // the common case: nothing due, no write transaction
  return inTransaction(ctx, () => {
    const now = ctx.now();
    const due = ctx.q.dueTransfers.all(now) as TransferRow[];
    return due.filter((row) => expireIfDue(ctx, row, now) !== undefined).length;
  });
}

/** When the next prepared transfer expires (ms since the epoch), if any is pending. */
export function nextExpiry(ctx: LedgerContext): number | undefined {
  const row = ctx.q.nextExpiry.get() as { at: bigint | null };
  // Stryker disable next-line ConditionalExpression: with nothing pending, an expiry at 0 only wakes the sweep at once, which finds nothing due
  return row.at === null ? undefined : Number(row.at);
}

/** GET /transfers/{id}: its debit or credit account's owner, or the admin. */
export function getTransfer(ctx: LedgerContext, principal: Principal, id: string): Result<TransferView> {
  const row = readable(ctx, principal, id);
  return row.ok ? ok(transferView(ctx, row.value)) : row;
}

/** GET /transfers/{id}/fulfillment. */
export function getFulfillment(ctx: LedgerContext, principal: Principal, id: string): Result<FulfillmentView> {
  const row = readable(ctx, principal, id);
  if (!row.ok) return row;
  const { condition, fulfillment } = row.value;
  if (ctx.faults.has('fulfillment-before-execution') && row.value.state === 'prepared' && condition !== null) {
    return ok(fulfillmentView({ ...row.value, condition, fulfillment: MADE_UP_FULFILLMENT })); // FAULT fulfillment-before-execution
  }
  // Only an execution stores a fulfillment, and only a transfer with a condition executes by one.
  if (fulfillment === null) return fail({ kind: 'missing-fulfillment', what: `transfer ${id} (state ${row.value.state})` });
  return ok(fulfillmentView({ ...row.value, condition: condition as string, fulfillment }));
}

/** GET /fulfillments/{condition}: any authenticated caller (LEDGER-011). */
export function fulfillmentByCondition(ctx: LedgerContext, condition: string): Result<FulfillmentView> {
  const row = ctx.faults.has('forget-fulfillments') ? undefined : (ctx.q.executedByCondition.get(condition) as TransferRow | undefined);
  if (!row && ctx.faults.has('fulfillment-before-execution')) {
    // FAULT fulfillment-before-execution: a prepared transfer's condition is answered with a made-up fulfillment
    const held = ctx.db.prepare("SELECT * FROM transfers WHERE condition = ? AND state = 'prepared'").get(condition) as TransferRow | undefined;
    if (held) return ok(fulfillmentView({ ...held, condition, fulfillment: MADE_UP_FULFILLMENT }));
  }
  if (!row) return fail({ kind: 'missing-fulfillment', what: `condition ${condition}` });
  // Stryker disable next-line ConditionalExpression,LogicalOperator: an executed row always has its condition and fulfillment (the conditions only narrow the type)
  if (row.fulfillment === null || row.condition === null) throw new Error(`executed transfer ${row.id} has no fulfillment`);
  return ok(fulfillmentView({ ...row, condition: row.condition, fulfillment: row.fulfillment }));
}

function readable(ctx: LedgerContext, principal: Principal, id: string): Result<TransferRow> {
  const row = ctx.q.transferById.get(id) as TransferRow | undefined;
  if (!row && ctx.faults.has('unknown-transfers-crash')) throw new Error(`transfer ${id} vanished`); // FAULT unknown-transfers-crash
  if (!row) return fail({ kind: 'not-found', what: `transfer ${id}` });
  if (principal.kind === 'account' && !ctx.faults.has('show-transfers-to-anyone') && principal.name !== row.debit_account && principal.name !== row.credit_account) {
    return fail({ kind: 'forbidden', reason: `only the owners of ${row.debit_account} and ${row.credit_account} or the admin may read transfer ${id}` });
  }
  return ok(row);
}

/** Expires the transfer if it is prepared and its time has come; the expired row if it did. */
function expireIfDue(ctx: LedgerContext, row: TransferRow, now: number): TransferRow | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a second guard: ReferenceLedger.run expires everything due before each operation, so every caller but an idempotent repeat passes a prepared row that is not due
  if (row.state !== 'prepared' || row.expires_at === null || Number(row.expires_at) > now || ctx.faults.has('no-expiry')) return undefined;
  const expired = releaseHold(ctx, row, 'expired', null, now);
  emit(ctx, 'transfer.rejected', expired);
  return expired;
}

/** Returns a prepared transfer's hold to the sender and marks it rejected; the row as stored. */
function releaseHold(ctx: LedgerContext, row: TransferRow, reason: RejectionReason, message: Buffer | null, now: number): TransferRow {
  // fault credit-on-prepare: the money already went to the receiver at prepare time and stays there
  if (!ctx.faults.has('credit-on-prepare')) {
    move(ctx, row.debit_account, row.amount, -row.amount);
    move(ctx, row.credit_account, 0n, 0n, -row.amount);
  }
  const rejected = ctx.q.markRejected.get({ id: row.id, reason, message, at: now }) as TransferRow | undefined;
  // Stryker disable next-line all: a broken invariant (the row was read as prepared in this transaction), no request reaches it
  if (!rejected) throw new Error(`transfer ${row.id} was not prepared when releasing its hold`);
  return rejected;
}

function move(ctx: LedgerContext, account: string, balance: bigint, held: bigint, incoming = 0n): void {
  const changed = ctx.q.addToAccount.run({ name: account, balance, held, incoming });
  // Stryker disable next-line ConditionalExpression: a broken invariant (the account was read in this transaction), no request reaches it
  if (changed.changes !== 1) throw new Error(`account ${account} vanished during a transfer`);
}

/** Stores a new transfer and emits its event; the view of the row as stored. */
function created(ctx: LedgerContext, values: NewTransfer, event: TransferEvent): Result<Changed<TransferView>> {
  const row = ctx.q.insertTransfer(values);
  emit(ctx, event, row);
  // Stryker disable next-line BooleanLiteral: 201 rather than 200 is the API's convention; no RFC 17 requirement pins the status of a success
  return ok({ view: transferView(ctx, row), created: true });
}

/** fault reject-unknown-transfers only: the view it answers for a transfer it does not have. */
// Stryker disable all: runs only under the fault reject-unknown-transfers
function madeUpRejection(ctx: LedgerContext, principal: Principal, id: string): TransferView {
  const name = principal.kind === 'account' ? principal.name : 'admin';
  const at = new Date(ctx.now()).toISOString();
  return { id, debit_account: name, credit_account: name, amount: formatAmount(1n, ctx.scale), state: 'rejected', rejection_reason: 'rejected_by_receiver', timeline: { proposed_at: at } };
}
// Stryker restore all
