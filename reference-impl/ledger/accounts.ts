import { timingSafeEqual } from 'node:crypto';
import type { LedgerAccountRequest } from '../../contracts/ledger-api';
import { parseAmount, formatAmount } from './amount';
import { digestOf, inTransaction, sha256, type LedgerContext, type Principal } from './context';
import { fail, ok, type Result } from './errors';
import type { AccountRow } from './store';
import { accountView, type AccountView } from './views';

/** The body of PUT /accounts/{name}, already schema-checked (account-request.schema.json). */
export type AccountRequest = Readonly<LedgerAccountRequest>;

/**
 * Opens an account. Only the admin may: opening an account with a balance issues money.
 * Repeating the same request is answered with the account as it is; a different request for an existing
 * name, or a token another account already uses, is a conflict and changes nothing.
 */
export function createAccount(
  ctx: LedgerContext,
  principal: Principal,
  name: string,
  request: AccountRequest,
): Result<{ view: AccountView; created: boolean }> {
  // FAULT account-holder-opens-accounts
  if (principal.kind !== 'admin' && !ctx.faults.has('account-holder-opens-accounts')) return fail({ kind: 'forbidden', reason: 'only the admin opens accounts' });
  // Stryker disable all: the admin's request hygiene (a body name that differs from the path, an opening balance below its own minimum, the owner's default text): the operator's input, which no RFC 17 requirement pins
  if (request.name !== undefined && request.name !== name) {
    return fail({ kind: 'invalid-body', problems: `body name ${JSON.stringify(request.name)} differs from the path's ${JSON.stringify(name)}` });
  }
  const balance = parseAmount(request.balance ?? '0', ctx.scale, ctx.faults);
  if (!balance.ok) return balance;
  const minimum = parseAmount(request.minimum_allowed_balance ?? '0', ctx.scale);
  if (!minimum.ok) return minimum;
  if (balance.value < minimum.value) {
    return fail({
      kind: 'invalid-amount',
      reason: `opening balance ${formatAmount(balance.value, ctx.scale)} is below the minimum ${formatAmount(minimum.value, ctx.scale)}`,
    });
  }
  // Stryker restore all
  const tokenHash = sha256(request.token).toString('hex');
  const row = {
    name,
    // Stryker disable next-line all: the owner's text is shown, never judged
    owner: request.owner ?? name,
    balance: balance.value,
    minimum_balance: minimum.value,
    connector: request.connector ? 1 : 0,
    token_hash: tokenHash,
  };
  const digest = digestOf({ ...row, balance: String(row.balance), minimum_balance: String(row.minimum_balance) });

  return inTransaction(ctx, () => {
    const existing = ctx.q.accountByName.get(name) as AccountRow | undefined;
    if (existing && !ctx.faults.has('no-reopen-check')) {
      if (existing.request_digest !== digest && ctx.faults.has('update-on-reopen')) {
        // FAULT update-on-reopen
        ctx.db.prepare('UPDATE accounts SET balance = ?, request_digest = ? WHERE name = ?').run(row.balance, digest, name);
        return ok({ view: accountView(ctx, ctx.q.accountByName.get(name) as AccountRow), created: false });
      }
      // Stryker disable next-line all: repeating an identical opening is answered with the account (an idempotent PUT), the API's choice: RFC 17 says nothing of opening accounts, and a different one is refused (accounts-pinned)
      if (existing.request_digest !== digest) return fail({ kind: 'already-exists', what: `account ${name}` });
      // Stryker disable next-line all: the same idempotent repeat: no scenario repeats an identical opening
      return ok({ view: accountView(ctx, existing), created: false });
    }
    const shareTokens = ctx.faults.has('share-account-tokens'); // FAULT share-account-tokens
    if (!shareTokens && ctx.q.accountByTokenHash.get(tokenHash)) return fail({ kind: 'already-exists', what: 'another account uses this token' });
    ctx.q.insertAccount.run({ ...row, request_digest: digest });
    // Stryker disable next-line BooleanLiteral: 201 or 200 for a new account is the API's; the account is judged by its balance
    return ok({ view: accountView(ctx, ctx.q.accountByName.get(name) as AccountRow), created: true });
  });
}

/** An account as its owner or the admin sees it. */
export function getAccount(ctx: LedgerContext, principal: Principal, name: string): Result<AccountView> {
  // Stryker disable all: who may read an account is this API's convention (RFC 17 says nothing of reading balances); http-server.test.ts checks it
  if (principal.kind === 'account' && principal.name !== name) {
    return fail({ kind: 'forbidden', reason: `only the owner of ${name} or the admin may read it` });
  }
  // Stryker restore all
  const row = ctx.q.accountByName.get(name) as AccountRow | undefined;
  if (!row) return fail({ kind: 'not-found', what: `account ${name}` });
  return ok(accountView(ctx, row));
}

export function accountExists(ctx: LedgerContext, name: string): boolean {
  // Stryker disable next-line ConditionalExpression: a message to, or a socket following, an account the ledger does not have is refused by no RFC 17 requirement (only the sender's authenticity, LEDGER-010)
  return ctx.q.accountByName.get(name) !== undefined;
}

/** Names of the accounts opened as connector accounts, for the metadata. */
export function connectorNames(ctx: LedgerContext): string[] {
  return (ctx.q.connectorAccounts.all() as Array<{ name: string }>).map((r) => r.name);
}

/** Maps a bearer token to the admin (whose token's SHA-256 is `adminTokenHash`) or an account; undefined when it matches neither. */
export function authenticate(ctx: LedgerContext, adminTokenHash: Buffer, token: string | undefined): Principal | undefined {
  if (!token) return undefined;
  const given = sha256(token);
  if (timingSafeEqual(given, adminTokenHash)) return { kind: 'admin' };
  const row = ctx.q.nameByTokenHash.get(given.toString('hex')) as { name: string } | undefined;
  return row ? { kind: 'account', name: row.name } : undefined;
}
