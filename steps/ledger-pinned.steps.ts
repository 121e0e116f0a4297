/**
 * Ledger steps for the *-pinned features and the edge cases of the others: requests at the edges of what RFC
 * 17 asks (accounts and transfers that do not exist, timeouts already past, tokens, account names and transfer
 * ids already taken, what a transfer shows of its hold, who may read it, messages nobody hears).
 * One-liners over LedgerScenario and ledger-judge, like steps/ledger.steps.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import { describeLedgerReply } from '../lib/targets/ledger-http';
import type { LedgerTransferRequest } from '../contracts/ledger-api';
import type { IlpWorld } from './world';
import { ledgerScenario as scenario } from './support/ledger-scenario';
import { fail } from './support/ledger-judge';
import { byteCount } from './support/ledger-vocabulary';

When('{account holder} transfers {amount} without a condition to {account holder}, who has no account', async function (this: IlpWorld, from: string, amount: bigint, nobody: string) {
  const s = await scenario(this);
  const holder = s.holder(from);
  const id = randomUUID();
  const request = { debit_account: holder.account, credit_account: s.accountNameOf(nobody), amount: String(amount) };
  s.store(`${from} transfers ${amount} to ${s.accountNameOf(nobody)}, an account never opened`, await s.client.prepareTransfer(holder.token, id, request));
});

When('{account holder} prepares a transfer of {amount} to {account holder} whose timeout passed a second ago', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  await (await scenario(this)).prepare(from, to, amount, { expiresInMs: -1000 });
});

When("the admin opens an account for {account holder} with {account holder}'s token", async function (this: IlpWorld, forWho: string, tokenOf: string) {
  const s = await scenario(this);
  const account = s.accountNameOf(forWho);
  const reply = await s.client.createAccount(s.target.adminToken, account, { balance: '0', token: s.holder(tokenOf).token });
  s.store(`the admin opens account ${account} with ${tokenOf}'s token`, reply);
});

async function reopenAccount(world: IlpWorld, who: string, balance: bigint, newToken: boolean): Promise<void> {
  const s = await scenario(world);
  const h = s.holder(who);
  const token = newToken ? randomBytes(24).toString('base64url') : h.token;
  const reply = await s.client.createAccount(s.target.adminToken, h.account, { owner: who, balance: String(balance), token });
  s.store(`the admin opens account ${h.account} again, holding ${balance}${newToken ? ', with a token no account uses' : ''}`, reply);
}

When("the admin opens {account holder}'s account again holding {amount}", async function (this: IlpWorld, who: string, balance: bigint) {
  await reopenAccount(this, who, balance, false);
});

When("the admin opens {account holder}'s account again holding {amount} with a new token", async function (this: IlpWorld, who: string, balance: bigint) {
  await reopenAccount(this, who, balance, true);
});

When('{account holder} executes a transfer the ledger does not have', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const id = randomUUID();
  s.store(`${who} presents a fulfillment for transfer ${id}, which was never prepared`, await s.client.fulfill(s.holder(who).token, id, randomBytes(32)));
});

Then('the transfer shows the amount, both accounts, the condition and the timeout it was prepared with', async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = await s.readTransfer();
  const want = s.transfer.request;
  if (reply.kind !== 'ok') fail(s, `transfer ${s.transfer.id} as prepared`, describeLedgerReply(reply));
  const t = reply.body;
  const sameInstant = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
  const condition = want.execution_condition;
  const problems = [
    t.debit_account === want.debit_account ? '' : `debit_account ${t.debit_account}`,
    t.credit_account === want.credit_account ? '' : `credit_account ${t.credit_account}`,
    t.amount === want.amount ? '' : `amount ${t.amount}`,
    t.execution_condition === condition ? '' : `execution_condition ${t.execution_condition}`,
    sameInstant(t.expires_at, want.expires_at) ? '' : `expires_at ${t.expires_at}`,
  ].filter(Boolean);
  if (condition === undefined || createHash('sha256').update(s.transfer.preimage ?? '').digest('base64url') !== condition) throw new Error('the scenario prepared no conditional transfer');
  if (problems.length > 0) {
    fail(s, `transfer ${s.transfer.id} of ${want.amount} from ${want.debit_account} to ${want.credit_account} under condition ${condition}, expiring ${want.expires_at}`, problems.join(', '));
  }
});

When('{account holder} rejects a transfer the ledger does not have', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const id = randomUUID();
  s.store(`${who} rejects transfer ${id}, which was never prepared`, await s.client.reject(s.holder(who).token, id));
});

When('{account holder} reads a transfer the ledger does not have', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const id = randomUUID();
  s.store(`${who} reads transfer ${id}, which was never prepared`, await s.client.getTransfer(s.holder(who).token, id));
});

When('{account holder} reads the transfer', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  s.store(`${who} reads transfer ${s.transfer.id}`, await s.client.getTransfer(s.holder(who).token, s.transfer.id));
});

When("{account holder} reads the transfer's fulfillment", async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  s.store(`${who} reads the fulfillment of transfer ${s.transfer.id}`, await s.client.getFulfillment(s.holder(who).token, s.transfer.id));
});

/** The current transfer's request again under its id, with one part changed (the amount stays). */
async function prepareChanged(world: IlpWorld, who: string, what: string, change: (request: LedgerTransferRequest) => LedgerTransferRequest): Promise<void> {
  const s = await scenario(world);
  const t = s.transfer;
  s.store(`${who} prepares transfer ${t.id} again with ${what}`, await s.client.prepareTransfer(s.holder(who).token, t.id, change(t.request)));
}

When('{account holder} prepares a transfer with the same id but another condition', async function (this: IlpWorld, who: string) {
  const condition = createHash('sha256').update(randomBytes(32)).digest('base64url');
  await prepareChanged(this, who, `another condition, ${condition}`, (request) => ({ ...request, execution_condition: condition }));
});

When('{account holder} prepares a transfer with the same id but with a memo', async function (this: IlpWorld, who: string) {
  const memo = randomBytes(16).toString('base64');
  await prepareChanged(this, who, `a memo the first request did not have, ${memo}`, (request) => ({ ...request, memo }));
});

When('{account holder} sends {account holder}, who has no account, a ledger message of {int} bytes', async function (this: IlpWorld, from: string, nobody: string, length: number) {
  const s = await scenario(this);
  const to = s.accountNameOf(nobody);
  const data = randomBytes(byteCount(length)).toString('base64');
  s.store(`${from} sends ${to}, an account never opened, a ${length}-byte message`, await s.client.sendMessage(s.holder(from).token, { from: s.holder(from).account, to, data }));
});

// A ledger may keep a message until its recipient listens, or refuse it; accepting it and giving it to
// nobody loses it while the sender takes it for sent.
Then('the ledger refuses it, or {account holder} receives the message from {account holder} once listening', async function (this: IlpWorld, who: string, from: string) {
  const s = await scenario(this);
  const last = s.last;
  const sent = s.sentMessage;
  if (!last || !sent) throw new Error('no When-step sent a message to judge');
  s.markLastJudged();
  if (last.reply.kind === 'refused' && last.reply.status < 500) return;
  if (last.reply.kind !== 'ok') fail(s, 'a 4xx refusal, or the message accepted and delivered', `${last.action}: ${describeLedgerReply(last.reply)}`);
  await s.listen(who);
  if (s.last?.reply.kind !== 'ok') throw new Error(`${who} could not follow their account: ${describeLedgerReply(s.last!.reply)}`);
  const data = sent.data.toString('base64');
  const found = await s.stream(who).waitFor((n) => n.event === 'message.send' && n.resource.data === data, s.notificationWaitMs);
  if (!found || found.event !== 'message.send' || found.resource.from !== s.holder(from).account) {
    const heard = found && found.event === 'message.send' ? `heard it from ${found.resource.from}` : `heard no such message in ${s.notificationWaitMs} ms`;
    fail(s, `the accepted message delivered to ${who}, from ${s.holder(from).account}, once ${who} listens (within ${s.notificationWaitMs} ms)`, `${last.action}: accepted; ${who} then ${heard}`);
  }
});
