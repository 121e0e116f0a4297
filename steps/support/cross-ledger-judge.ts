/**
 * How cross-ledger Then-steps judge: the transfers of one payment on both ledgers, and every balance.
 * Failures print Requirement / Expected / Actual through ledger-judge's `fail`.
 */
import type { DataTable } from '@cucumber/cucumber';
import { decodePrepare, decodeReject } from '../../lib/codec';
import { describeLedgerReply } from '../../lib/targets/ledger-http';
import { type LedgerTransfer, type RejectionReason } from '../../contracts/ledger-api';
import type { LedgerName, TwoLedgerPayment } from './cross-ledger-scenario';
import { expectBalance, fail, unitsOf } from './ledger-judge';

/** `| account | balance | on hold |` rows such as `| alice on ledger A | 90 | 10 |`; a bad cell names its row. */
export async function expectBalances(x: TwoLedgerPayment, table: DataTable): Promise<void> {
  for (const [index, row] of table.hashes().entries()) {
    const where = /^(\w+) on ledger (A|B)$/.exec(row.account ?? '');
    const balance = /^\d+$/.test(row.balance ?? '') ? BigInt(row.balance!) : undefined;
    const held = /^\d+$/.test(row['on hold'] ?? '') ? BigInt(row['on hold']!) : undefined;
    if (!where || balance === undefined || held === undefined) {
      throw new Error(`balance table row ${index + 1}: expected "<holder> on ledger A|B", a whole balance and a whole amount on hold; got ${JSON.stringify(row)}`);
    }
    await expectBalance(x.ledgers[where[2] as LedgerName], where[1]!, balance, held);
  }
}

/** The transfer connie prepared on ledger B; fails when the receiver was never told of one. */
export function outgoingOf(x: TwoLedgerPayment, receiver: string): LedgerTransfer {
  const p = x.current;
  if (!p.outgoing) {
    const incoming = x.ledgers.A.transfer.id;
    fail(x.ledgers.A, `${receiver} is told within ${x.ledgers.B.notificationWaitMs} ms of a transfer prepared for them on ledger B`, `none arrived (incoming transfer ${incoming}); connector log:\n${x.linkLog.join('\n') || '(empty)'}`);
  }
  return p.outgoing;
}

export function expectForwarded(x: TwoLedgerPayment, via: string, to: string, amount: bigint): void {
  const { A, B } = x.ledgers;
  const t = outgoingOf(x, to);
  const incoming = A.transfer.request;
  const wanted = `a transfer from ${via} to ${to} of ${amount} under condition ${incoming.execution_condition}`;
  const got = `from ${t.debit_account} to ${t.credit_account} of ${t.amount} under condition ${t.execution_condition}`;
  if (t.debit_account !== B.holder(via).account || t.credit_account !== B.holder(to).account) fail(B, wanted, got);
  if (unitsOf(t.amount, B.scale) !== amount * 10n ** BigInt(B.scale) || t.execution_condition !== incoming.execution_condition) fail(B, wanted, got);
}

/** The memo of connie's transfer holds the Prepare for the receiver's address under the payment's condition. */
export function expectForwardedMemo(x: TwoLedgerPayment, to: string): void {
  const { B } = x.ledgers;
  const t = outgoingOf(x, to);
  const destination = `${B.metadata.ilp_prefix}${B.holder(to).account}`;
  const wanted = `an ILP Prepare to ${destination} under condition ${t.execution_condition}, for the transfer's amount`;
  let prepare;
  try {
    prepare = decodePrepare(Buffer.from(t.memo ?? '', 'base64'));
  } catch (error) {
    fail(B, wanted, `memo of ${Buffer.from(t.memo ?? '', 'base64').length} bytes that is no ILP Prepare: ${(error as Error).message}`);
  }
  const condition = Buffer.from(prepare.executionCondition).toString('base64url');
  if (prepare.destination !== destination || condition !== t.execution_condition || prepare.amount !== unitsOf(t.amount, B.scale)) {
    fail(B, wanted, `Prepare to ${prepare.destination} under condition ${condition} for ${prepare.amount}`);
  }
}

export function expectEarlierExpiry(x: TwoLedgerPayment, to: string): void {
  const t = outgoingOf(x, to);
  const incoming = x.ledgers.A.transfer.request.expires_at ?? '';
  if (!(Date.parse(t.expires_at ?? '') < Date.parse(incoming))) {
    fail(x.ledgers.B, `the transfer on ledger B expires before ${incoming}, the expiry of the transfer on ledger A`, `it expires at ${t.expires_at ?? '(none)'}`);
  }
}

/** The receiver's fulfillment on ledger B was accepted (inspects the stored answer). */
export function expectReceiverPaid(x: TwoLedgerPayment): void {
  const { B } = x.ledgers;
  const last = B.last;
  B.markLastJudged();
  if (!last || last.reply.kind !== 'ok' || (last.reply.body as { fulfillment?: string }).fulfillment === undefined) {
    fail(B, "ledger B executes connie's transfer with the receiver's fulfillment", last ? `${last.action}: ${describeLedgerReply(last.reply)}` : 'the receiver presented nothing');
  }
}

export async function expectIncomingExecuted(x: TwoLedgerPayment): Promise<void> {
  const { A } = x.ledgers;
  const p = x.current;
  const read = await x.finalTransfer('A', p.incomingId, A.transfer.request.expires_at);
  const wanted = `transfer ${p.incomingId} on ledger A executed with fulfillment ${p.preimage.toString('base64url')}`;
  if (read.kind !== 'ok') fail(A, wanted, `reading it: ${describeLedgerReply(read)}`);
  if (read.body.state !== 'executed') fail(A, wanted, `state ${read.body.state}${read.body.rejection_reason ? ` (${read.body.rejection_reason})` : ''}; connector log:\n${x.linkLog.join('\n')}`);
  const f = await A.client.getFulfillment(A.target.adminToken, p.incomingId);
  if (f.kind !== 'ok' || f.body.fulfillment !== p.preimage.toString('base64url')) fail(A, wanted, `fulfillment: ${describeLedgerReply(f)}`);
}

/** The final state of the payment's transfer on one ledger (read as `reader`, the admin by default). */
export async function expectPaymentTransferRejected(x: TwoLedgerPayment, ledger: LedgerName, reason: RejectionReason, reader?: string): Promise<LedgerTransfer> {
  const s = x.ledgers[ledger];
  const p = x.current;
  const t = ledger === 'A' ? { id: p.incomingId, expires_at: s.transfer.request.expires_at } : outgoingOf(x, 'the receiver');
  const read = await x.finalTransfer(ledger, t.id, t.expires_at, reader === undefined ? undefined : s.holder(reader).token);
  const wanted = `transfer ${t.id} on ledger ${ledger} rejected (rejection_reason ${reason})`;
  if (read.kind !== 'ok') fail(s, wanted, `reading it: ${describeLedgerReply(read)}`);
  if (read.body.state !== 'rejected' || read.body.rejection_reason !== reason) {
    fail(s, wanted, `state ${read.body.state}${read.body.rejection_reason ? ` (${read.body.rejection_reason})` : ''}; connector log:\n${x.linkLog.join('\n') || '(empty)'}`);
  }
  return read.body;
}

/** The rejection message of the sender's transfer is an ILP Reject with `code`, raised by the connector. */
export function expectRejectMessage(x: TwoLedgerPayment, t: LedgerTransfer, code: string): void {
  const { A } = x.ledgers;
  const wanted = `rejection message: an ILP Reject ${code} triggered by the connector (${x.connectorAddress})`;
  const bytes = Buffer.from(t.rejection_message ?? '', 'base64');
  let reject;
  try {
    reject = decodeReject(bytes);
  } catch (error) {
    fail(A, wanted, `${bytes.length} bytes that are no ILP Reject: ${(error as Error).message}`);
  }
  if (reject.code !== code || reject.triggeredBy !== x.connectorAddress) fail(A, wanted, `Reject ${reject.code} triggered by ${reject.triggeredBy}: ${reject.message}`);
}
