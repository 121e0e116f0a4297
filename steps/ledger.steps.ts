/**
 * Ledger steps (features/ledger): one-liners over LedgerScenario (state and actions) and ledger-judge
 * (verdicts). When-steps store the ledger's answer; Then-steps judge it or read the ledger again.
 */
import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { classifyLegacyAddress, decodePrepare, encodePrepare } from '../lib/codec';
import { describeLedgerReply } from '../lib/targets/ledger-http';
import { formatDecimalAmount } from '../contracts/decimal-amount';
import type { IlpWorld } from './world';
import { ledgerScenario as scenario, sleep } from './support/ledger-scenario';
import {
  expectAccepted,
  expectAcceptedOrRefused,
  expectBalance,
  expectBalanceInUnits,
  expectBytes,
  expectEachExpiryNotified,
  expectNothingHeard,
  expectNotified,
  expectRefused,
  expectTransfer,
  fail,
  type Refusal,
  type TransferEvent,
} from './support/ledger-judge';
import { ACCOUNT_HOLDERS, byteCount } from './support/ledger-vocabulary';

// ---- accounts and sockets -------------------------------------------------------------------------------

Given('{account holder} has a ledger account holding {amount}', async function (this: IlpWorld, who: string, balance: bigint) {
  await (await scenario(this)).openAccount(who, balance);
});

Given('{account holder} has a ledger account holding {amount} of its smallest units', async function (this: IlpWorld, who: string, units: bigint) {
  await (await scenario(this)).openAccount(who, units, { inUnits: true });
});

Given('{account holder} has a ledger account holding {amount} with minimum balance {int}', async function (this: IlpWorld, who: string, balance: bigint, minimum: number) {
  await (await scenario(this)).openAccount(who, balance, { minimum: BigInt(minimum) });
});

Given('{account holder} has a connector account on the ledger', async function (this: IlpWorld, who: string) {
  await (await scenario(this)).openAccount(who, 0n, { connector: true });
});

Given('{account holder} listens for ledger notifications', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  await s.listen(who);
  if (s.last?.reply.kind !== 'ok') throw new Error(`${who} could not follow their account: ${s.last ? describeLedgerReply(s.last.reply) : 'no answer'}`);
});

When("{account holder} listens for ledger notifications on {account holder}'s account", async function (this: IlpWorld, who: string, accountOf: string) {
  await (await scenario(this)).listen(who, accountOf);
});

When('{account holder} opens a ledger account for {account holder} holding {amount}', async function (this: IlpWorld, who: string, forWho: string, balance: bigint) {
  await (await scenario(this)).openAccountAs(who, forWho, balance);
});

// ---- preparing ------------------------------------------------------------------------------------------

/** Given-forms of the When-steps: the same action, but a refusal is a setup failure. */
async function given(world: IlpWorld, act: () => Promise<void>): Promise<void> {
  const s = await scenario(world);
  await act();
  if (s.last?.reply.kind !== 'ok') throw new Error(`setup failed: ${s.last?.action}: ${s.last ? describeLedgerReply(s.last.reply) : 'no answer'}`);
}

Given('{account holder} has prepared a transfer of {amount} to {account holder}', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  const s = await scenario(this);
  await given(this, () => s.prepare(from, to, amount));
});

Given('{account holder} has prepared a transfer of {amount} to {account holder} expiring in {duration}', async function (this: IlpWorld, from: string, amount: bigint, to: string, ms: number) {
  const s = await scenario(this);
  await given(this, () => s.prepare(from, to, amount, { expiresInMs: ms }));
});

Given('{account holder} has prepared a transfer of {amount} to {account holder} conditioned on a {int}-byte preimage', async function (this: IlpWorld, from: string, amount: bigint, to: string, length: number) {
  const s = await scenario(this);
  await given(this, () => s.prepare(from, to, amount, { preimageLength: byteCount(length) }));
});

Given('{account holder} has executed the transfer', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  await given(this, () => s.execute(who, s.transfer.preimage));
});

Given('{account holder} has rejected the transfer', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  await given(this, () => s.reject(who));
});

When('{account holder} transfers {amount} to {account holder} without a condition', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  await (await scenario(this)).prepare(from, to, amount, { unconditional: true });
});

// Amounts the ledger must refuse: a negative one would pull money from the credit account; one finer than the
// ledger's scale can only be honoured by rounding, which creates or destroys money.
When('{account holder} transfers minus {int} to {account holder} without a condition', async function (this: IlpWorld, from: string, units: number, to: string) {
  await (await scenario(this)).prepare(from, to, `-${units}`, { unconditional: true });
});

When("{account holder} transfers {int} and a tenth of the ledger's smallest unit to {account holder} without a condition", async function (this: IlpWorld, from: string, units: number, to: string) {
  const s = await scenario(this);
  await s.prepare(from, to, `${units}.${'0'.repeat(s.scale)}1`, { unconditional: true });
});

When("{account holder} transfers {amount} of the ledger's smallest units to {account holder} without a condition", async function (this: IlpWorld, from: string, units: bigint, to: string) {
  const s = await scenario(this);
  await s.prepare(from, to, formatDecimalAmount(units, s.scale), { unconditional: true });
});

When('{account holder} prepares a transfer of {amount} to {account holder}', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  await (await scenario(this)).prepare(from, to, amount);
});

When('{account holder} prepares a transfer of {amount} to {account holder} with a memo of {int} bytes', async function (this: IlpWorld, from: string, amount: bigint, to: string, length: number) {
  await (await scenario(this)).prepare(from, to, amount, { memo: randomBytes(byteCount(length)) });
});

When('{account holder} prepares a transfer of {amount} to {account holder} carrying an ILP Prepare in its memo', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  const s = await scenario(this);
  const packet = encodePrepare({
    amount,
    expiresAt: new Date(Date.now() + 10_000),
    executionCondition: randomBytes(32),
    destination: `test1.elsewhere.${s.accountNameOf(to)}`,
    data: randomBytes(16),
  });
  await s.prepare(from, to, amount, { memo: packet });
});

When("{account holder} prepares a transfer of {amount} to {account holder} with the executed transfer's condition", async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  const s = await scenario(this);
  await s.prepare(from, to, amount, { preimage: s.transfer.preimage });
});

When('{account holder} prepares the same transfer again', async function (this: IlpWorld, _who: string) {
  await (await scenario(this)).prepareAgain();
});

When('{account holder} prepares a transfer with the same id for {amount}', async function (this: IlpWorld, _who: string, amount: bigint) {
  await (await scenario(this)).prepareAgain(amount);
});

When("{account holder} prepares a transfer of {amount} from {account holder}'s account to {account holder}", async function (this: IlpWorld, actor: string, amount: bigint, from: string, to: string) {
  await (await scenario(this)).prepare(from, to, amount, { actingAs: actor });
});

When("someone without credentials prepares a transfer of {amount} from {account holder}'s account to {account holder}", async function (this: IlpWorld, amount: bigint, from: string, to: string) {
  await (await scenario(this)).prepare(from, to, amount, { actingAs: null });
});

// ---- executing, rejecting, expiring ---------------------------------------------------------------------

When('{account holder} executes the transfer with its fulfillment', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  await s.execute(who, s.transfer.preimage);
});

When('{account holder} executes the transfer with a wrong fulfillment', async function (this: IlpWorld, who: string) {
  await (await scenario(this)).execute(who, randomBytes(32));
});

When('{account holder} rejects the transfer', async function (this: IlpWorld, who: string) {
  await (await scenario(this)).reject(who);
});

When('{account holder} rejects the transfer with a message of {int} bytes', async function (this: IlpWorld, who: string, length: number) {
  await (await scenario(this)).reject(who, randomBytes(byteCount(length)));
});

When("the transfer's expiry passes", async function (this: IlpWorld) {
  await (await scenario(this)).letExpire();
});

When("{account holder} looks up the fulfillment of the transfer's condition", async function (this: IlpWorld, who: string) {
  await (await scenario(this)).lookUpFulfillment(who);
});

// ---- messages and metadata ------------------------------------------------------------------------------

When('{account holder} sends {account holder} a ledger message of {int} bytes', async function (this: IlpWorld, from: string, to: string, length: number) {
  await (await scenario(this)).sendMessage(from, to, byteCount(length));
});

When('{account holder} sends {account holder} a ledger message claiming to come from {account holder}', async function (this: IlpWorld, from: string, to: string, claimed: string) {
  await (await scenario(this)).sendMessage(from, to, 32, claimed);
});

When("the harness reads the ledger's metadata", async function (this: IlpWorld) {
  const s = await scenario(this);
  s.store('the harness reads the metadata (GET /)', await s.client.metadata());
});

// ---- judging the answer ---------------------------------------------------------------------------------

Then('the ledger accepts it', async function (this: IlpWorld) {
  expectAccepted(await scenario(this));
});

Then(/^the ledger refuses it(?: as (unauthenticated|not permitted|not found|a conflict))?$/, async function (this: IlpWorld, refusal: Refusal | undefined) {
  expectRefused(await scenario(this), refusal ?? 'any');
});

Then('the ledger accepts or refuses it', async function (this: IlpWorld) {
  expectAcceptedOrRefused(await scenario(this));
});

Then(/^the ledger (accepts|refuses) the transfer$/, async function (this: IlpWorld, verdict: 'accepts' | 'refuses') {
  const s = await scenario(this);
  if (verdict === 'accepts') expectAccepted(s, 'the transfer');
  else expectRefused(s, 'any');
});

Then('the ledger refuses the transfer or reports it rejected', async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = s.last?.reply;
  s.markLastJudged();
  if (reply?.kind === 'refused' && reply.status < 500) return;
  if (reply?.kind === 'ok') {
    // The answer itself must not report a hold: one the ledger answers as prepared was placed, whatever it does next.
    const answered = (reply.body as { state?: unknown }).state;
    if (answered !== 'rejected') fail(s, 'a 4xx refusal, or the transfer answered as rejected', `${s.last?.action}: accepted with state ${String(answered)}`);
    await expectTransfer(s, 'rejected');
    return;
  }
  fail(s, 'a 4xx refusal, or the transfer recorded as rejected', `${s.last?.action}: ${reply ? describeLedgerReply(reply) : 'no answer'}`);
});

// ---- judging the ledger's state -------------------------------------------------------------------------

Then(/^the transfer is (prepared|executed)$/, async function (this: IlpWorld, state: 'prepared' | 'executed') {
  await expectTransfer(await scenario(this), state);
});

Then('the transfer is rejected because it expired', async function (this: IlpWorld) {
  const s = await scenario(this);
  s.markLastJudged();
  await expectTransfer(s, 'rejected', 'expired');
});

Then('the transfer is rejected by the receiver', async function (this: IlpWorld) {
  await expectTransfer(await scenario(this), 'rejected', 'rejected_by_receiver');
});

Then("{account holder}'s ledger balance is {int}", async function (this: IlpWorld, who: string, balance: number) {
  await expectBalance(await scenario(this), who, BigInt(balance));
});

Then("{account holder}'s ledger balance is {amount} of its smallest units", async function (this: IlpWorld, who: string, units: bigint) {
  await expectBalanceInUnits(await scenario(this), who, units);
});

Then("{account holder}'s ledger balance is {int} with {int} on hold", async function (this: IlpWorld, who: string, balance: number, held: number) {
  await expectBalance(await scenario(this), who, BigInt(balance), BigInt(held));
});

Then('the ledger has no account for {account holder}', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const reply = await s.client.getAccount(s.target.adminToken, s.accountNameOf(who));
  if (!(reply.kind === 'refused' && reply.status === 404)) fail(s, `no account ${s.accountNameOf(who)} (HTTP 404)`, describeLedgerReply(reply));
});

Then("the ledger gives the transfer's preimage as its fulfillment", async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = await s.client.getFulfillment(s.target.adminToken, s.transfer.id);
  if (reply.kind !== 'ok') fail(s, "the transfer's fulfillment", describeLedgerReply(reply));
  expectBytes(s, "the transfer's fulfillment", Buffer.from(reply.body.fulfillment, 'base64url').toString('base64'), s.transfer.preimage);
});

Then('the ledger gives no fulfillment for the transfer', async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = await s.client.getFulfillment(s.target.adminToken, s.transfer.id);
  if (!(reply.kind === 'refused' && reply.status === 404)) fail(s, `no fulfillment for transfer ${s.transfer.id} (HTTP 404)`, `the admin reads its fulfillment: ${describeLedgerReply(reply)}`);
});

Then("the lookup gives the transfer's preimage", async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = s.last?.reply;
  if (reply?.kind !== 'ok') fail(s, 'a fulfillment', reply ? describeLedgerReply(reply) : 'no answer');
  const body = reply.body as { fulfillment: string };
  expectBytes(s, 'the looked-up fulfillment', Buffer.from(body.fulfillment, 'base64url').toString('base64'), s.transfer.preimage);
});

Then("the ledger returns the transfer's memo unchanged", async function (this: IlpWorld) {
  const s = await scenario(this);
  const reply = await s.readTransfer();
  if (reply.kind !== 'ok') fail(s, 'the transfer with its memo', describeLedgerReply(reply));
  expectBytes(s, "the transfer's memo", reply.body.memo, s.transfer.memo);
});

Then("{account holder} reads the ILP Prepare from the transfer's memo", async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const reply = await s.client.getTransfer(s.holder(who).token, s.transfer.id);
  if (reply.kind !== 'ok') fail(s, `${who} reads the transfer`, describeLedgerReply(reply));
  expectBytes(s, "the transfer's memo (an ILP Prepare)", reply.body.memo, s.transfer.memo);
  decodePrepare(Buffer.from(reply.body.memo ?? '', 'base64'));
});

// ---- judging notifications and messages -----------------------------------------------------------------

Then(new RegExp(`^(${ACCOUNT_HOLDERS.join('|')}) is notified that the transfer was (prepared|executed|rejected)$`), async function (this: IlpWorld, who: string, event: TransferEvent) {
  await expectNotified(await scenario(this), who, event);
});

Then('{account holder} is notified that the transfer was prepared, with its memo', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const n = await expectNotified(s, who, 'prepared');
  expectBytes(s, 'the memo in the notification', n.resource.memo, s.transfer.memo);
});

Then('{account holder} is notified that the transfer was executed, with its fulfillment', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const n = await expectNotified(s, who, 'executed');
  const f = n.related_resources?.fulfillment?.fulfillment;
  expectBytes(s, 'the fulfillment in the notification', f === undefined ? undefined : Buffer.from(f, 'base64url').toString('base64'), s.transfer.preimage);
});

Then("{account holder} is notified that the transfer was rejected, with {account holder}'s message", async function (this: IlpWorld, who: string, _receiver: string) {
  const s = await scenario(this);
  const n = await expectNotified(s, who, 'rejected');
  expectBytes(s, 'the rejection message in the notification', n.resource.rejection_message, s.rejectionMessage);
});

Then('{account holder} is notified that the transfer was rejected because it expired', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const expiresAt = Date.parse(s.transfer.request.expires_at ?? '');
  await sleep(Math.max(0, expiresAt - Date.now()));
  const n = await expectNotified(s, who, 'rejected');
  if (n.resource.rejection_reason !== 'expired') fail(s, 'a rejection because the transfer expired', `rejection_reason ${n.resource.rejection_reason}`);
});

Then("{account holder} is notified of each hold's expiry in turn, with no request to the ledger in between", async function (this: IlpWorld, who: string) {
  await expectEachExpiryNotified(await scenario(this), who);
});

Then('{account holder} hears nothing about the transfer', async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  await expectNothingHeard(s, who, s.silenceWaitMs);
});

Then('{account holder} receives the message, from {account holder}', async function (this: IlpWorld, who: string, from: string) {
  const s = await scenario(this);
  const sent = s.sentMessage;
  if (!sent) throw new Error('the scenario sent no message');
  const stream = s.stream(who);
  const data = sent.data.toString('base64');
  const found = await stream.waitFor((n) => n.event === 'message.send' && n.resource.data === data, s.notificationWaitMs);
  if (stream.problems.length > 0) fail(s, 'notification frames that match notification.schema.json', stream.problems.join('\n'));
  if (!found || found.event !== 'message.send') fail(s, `${who} receives the ${sent.data.length}-byte message within ${s.notificationWaitMs} ms`, `${stream.notifications.length} notification(s), none with that message`);
  if (found.resource.from !== s.holder(from).account) fail(s, `the message marked as from ${s.holder(from).account}`, `from ${found.resource.from}`);
});

// ---- judging metadata and addresses ---------------------------------------------------------------------

Then('the ledger names one currency and its scale', async function (this: IlpWorld) {
  // The client checked the answer against metadata.schema.json: one currency_code (a string, not a list),
  // an integer scale and an ILP prefix. Accepted means all three are there.
  expectAccepted(await scenario(this), 'GET / with metadata that matches metadata.schema.json');
});

Then("the ledger's ILP prefix is a 2017 address prefix", async function (this: IlpWorld) {
  const s = await scenario(this);
  expectAccepted(s, 'the metadata request');
  const prefix = s.last?.reply.kind === 'ok' ? (s.last.reply.body as { ilp_prefix: string }).ilp_prefix : '';
  if (!classifyLegacyAddress(prefix).prefix) fail(s, 'an ILP address prefix under the 2017 rules (ending in ".")', JSON.stringify(prefix));
});

Then("{account holder}'s ledger account has the ILP address of the ledger prefix followed by its name", async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const reply = await s.account(who);
  if (reply.kind !== 'ok') fail(s, `${who}'s account`, describeLedgerReply(reply));
  const expected = `${s.metadata.ilp_prefix}${s.holder(who).account}`;
  if (reply.body.ilp_address === undefined) throw new Error('Harness error: this ledger API shows no account address; tag the scenario @needs-account-address');
  if (reply.body.ilp_address !== expected) fail(s, `ilp_address ${expected}`, `ilp_address ${reply.body.ilp_address}`);
  s.notedAddress = reply.body.ilp_address;
});

Then('that address is a 2017 destination address', async function (this: IlpWorld) {
  const s = await scenario(this);
  const address = s.notedAddress;
  if (address === undefined) throw new Error('no earlier step read an account address');
  if (!classifyLegacyAddress(address).destination) fail(s, 'a destination address under the 2017 rules (two or more segments after the scheme)', address);
});

Then("the ledger lists {account holder} as a connector with her account's ILP address", async function (this: IlpWorld, who: string) {
  const s = await scenario(this);
  const reply = s.last?.reply;
  expectAccepted(s, 'the metadata request');
  const connectors = (reply?.kind === 'ok' ? (reply.body as { connectors: Array<{ name: string; ilp_address: string }> }).connectors : []) ?? [];
  const account = s.holder(who).account;
  const entry = connectors.find((c) => c.name === account);
  const expected = `${s.metadata.ilp_prefix}${account}`;
  if (!entry || entry.ilp_address !== expected) fail(s, `connectors lists ${account} at ${expected}`, JSON.stringify(connectors));
});
