/**
 * Payments across ledgers (features/ledger/payments-across-ledgers.feature): one-liners over
 * CrossLedgerScenario (two ledgers and the connector's ledger link) and cross-ledger-judge. The steps that
 * do not name the ILPv4 link also serve features/legacy/connector-ilpv1.feature (support/ledger-pair.ts).
 */
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { IlpWorld } from './world';
import { crossLedgerScenario as scenario } from './support/cross-ledger-scenario';
import { ledgerPair as pair } from './support/ledger-pair';
import {
  expectBalances,
  expectEarlierExpiry,
  expectForwarded,
  expectForwardedMemo,
  expectIncomingExecuted,
  expectPaymentTransferRejected,
  expectReceiverPaid,
  expectRejectMessage,
  outgoingOf,
} from './support/cross-ledger-judge';

// ---- setting up -----------------------------------------------------------------------------------------

Given('ledger A and a second ledger B with a different ILP prefix', async function (this: IlpWorld) {
  const x = await scenario(this);
  if (x.ledgers.A.metadata.ilp_prefix === x.ledgers.B.metadata.ilp_prefix) throw new Error('setup: ledger B was given ledger A\'s prefix');
});

Given('{account holder} has an account on ledger {ledger name} holding {amount}', async function (this: IlpWorld, who: string, ledger: 'A' | 'B', balance: bigint) {
  await (await pair(this)).ledgers[ledger].openAccount(who, balance);
});

Given('{account holder} has a connector account on ledger A and on ledger B, holding {amount} on each', async function (this: IlpWorld, who: string, balance: bigint) {
  await (await pair(this)).openConnector(who, balance);
});

Given('{account holder} passes fulfillments back only after the incoming transfer has expired', async function (this: IlpWorld, _who: string) {
  const x = await scenario(this);
  if (x.link) throw new Error('setup: the connector is already running; say this before the first payment');
  x.linkFaults.push('late-incoming-fulfillment');
});

// ---- acting ---------------------------------------------------------------------------------------------

When('{account holder} pays {account holder} {amount} through {account holder}, expiring in {duration}', async function (this: IlpWorld, from: string, to: string, amount: bigint, via: string, ms: number) {
  await (await scenario(this)).pay(from, to, via, amount, ms);
});

When("{account holder} executes {account holder}'s transfer on ledger B with the fulfillment", async function (this: IlpWorld, who: string, via: string) {
  const x = await pair(this);
  const { B } = x.ledgers;
  const t = outgoingOf(x, who);
  B.store(`${who} presents the fulfillment for ${via}'s transfer ${t.id} on ledger B`, await B.client.fulfill(B.holder(who).token, t.id, x.current.preimage));
});

When("{account holder}'s connector stops", async function (this: IlpWorld, _who: string) {
  await (await scenario(this)).link?.close();
});

When("the payment's holds end", async function (this: IlpWorld) {
  await (await pair(this)).letHoldsEnd();
});

// ---- judging --------------------------------------------------------------------------------------------

Then('the balances are:', async function (this: IlpWorld, table: DataTable) {
  await expectBalances(await pair(this), table);
});

Then('{account holder} has prepared a transfer of {amount} to {account holder} on ledger B under the same condition', async function (this: IlpWorld, via: string, amount: bigint, to: string) {
  expectForwarded(await pair(this), via, to, amount);
});

Then("its memo holds the ILP Prepare for {account holder}'s address under that condition", async function (this: IlpWorld, to: string) {
  expectForwardedMemo(await scenario(this), to);
});

Then("it expires before {account holder}'s transfer on ledger A", async function (this: IlpWorld, _who: string) {
  expectEarlierExpiry(await pair(this), 'the receiver');
});

Then("ledger B has executed {account holder}'s transfer to {account holder}", async function (this: IlpWorld, _via: string, _to: string) {
  expectReceiverPaid(await pair(this));
});

Then("{account holder}'s transfer on ledger A is executed with {account holder}'s fulfillment", async function (this: IlpWorld, _who: string, _receiver: string) {
  await expectIncomingExecuted(await pair(this));
});

Then("{account holder}'s transfer on ledger A is rejected because it expired", async function (this: IlpWorld, _who: string) {
  await expectPaymentTransferRejected(await pair(this), 'A', 'expired');
});

Then("{account holder}'s transfer to {account holder} on ledger B is rejected because it expired", async function (this: IlpWorld, _via: string, _to: string) {
  await expectPaymentTransferRejected(await pair(this), 'B', 'expired');
});

Then("{account holder} sees their transfer on ledger A rejected by {account holder} with an ILP Reject {error code}", async function (this: IlpWorld, who: string, _via: string, code: string) {
  const x = await scenario(this);
  expectRejectMessage(x, await expectPaymentTransferRejected(x, 'A', 'rejected_by_receiver', who), code);
});
