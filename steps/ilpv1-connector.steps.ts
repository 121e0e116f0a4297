/**
 * A 2017 (ILPv1) connector between two ledgers (features/legacy/connector-ilpv1.feature): one-liners over
 * Ilpv1ConnectorScenario and ilpv1-connector-judge. Holders, balances and the transfer steps that do not name
 * a packet are the cross-ledger ones (cross-ledger.steps.ts, through support/ledger-pair.ts).
 */
import { randomBytes } from 'node:crypto';
import { Before, Given, Then, When } from '@cucumber/cucumber';
import { ERROR_CODES, encodeIlpV1Outcome } from '../lib/codec';
import type { IlpWorld } from './world';
import { ilpv1ConnectorScenario as scenario } from './support/ilpv1-connector-scenario';
import { ilpv1ConnectorSettings } from './support/ilpv1-connector-config';
import { outgoingOf } from './support/cross-ledger-judge';
import { describeLedgerReply } from '../lib/targets/ledger-http';
import { skipScenario } from './support/target-hooks';
import {
  errorAtLedgerA,
  expectForwardedByAppended,
  expectedForwarders,
  expectNothingForwarded,
  expectOtherwiseUnchanged,
  expectOwnError,
  expectSameError,
  expectSamePayment,
} from './support/ilpv1-connector-judge';

// A run against an ILP-over-HTTP connector (--target, ILP_CONNECTOR_URL) does not judge these scenarios: they
// need an ILPv1 connector between two ledgers, named by the settings of support/ilpv1-connector-config.ts.
Before({ tags: '@ilpv1-connector' }, function (this: IlpWorld) {
  const connectorUrl = this.parameters.connectorUrl ?? process.env.ILP_CONNECTOR_URL;
  if (!connectorUrl || ilpv1ConnectorSettings(this)) return undefined;
  return skipScenario(this, `the connector under test (${connectorUrl}) is reached over ILP-over-HTTP; these scenarios need an ILPv1 connector between two ledgers: name it with ILP_V1_LEDGER_A_URL, ILP_V1_CONNECTOR_ADDRESS and the rest (README.md, "A 2017 (ILPv1) connector between two ledgers")`);
});

// ---- setting up -----------------------------------------------------------------------------------------

Given('ledgers A and B with their own ILP prefixes, joined by {account holder}, a connector that speaks ILPv1', async function (this: IlpWorld, _who: string) {
  const x = await scenario(this);
  if (x.ledgers.A.metadata.ilp_prefix === x.ledgers.B.metadata.ilp_prefix) throw new Error(`setup: both ledgers have the prefix ${x.ledgers.A.metadata.ilp_prefix}; a connector needs two (ADDR-L07)`);
});

Given('{account holder} pays out at most {amount} on ledger B for each {amount} it receives on ledger A', async function (this: IlpWorld, _who: string, out: bigint, received: bigint) {
  if (received === 0n || out % received !== 0n) throw new Error(`write the rate as a whole number of units paid out for each 1 received, not ${out} for ${received}`);
  (await scenario(this)).assumeRate(String(out / received));
});

// ---- acting ---------------------------------------------------------------------------------------------

When('{account holder} sends {amount} on ledger A through {account holder}, for {account holder} to receive {amount} on ledger B, expiring in {duration}', async function (this: IlpWorld, from: string, amount: bigint, via: string, to: string, destination: bigint, ms: number) {
  await (await scenario(this)).pay(from, to, via, amount, destination, ms);
});

When("{account holder} rejects {account holder}'s transfer on ledger B with an ILPv1 Error {error code} triggered by {account holder}", async function (this: IlpWorld, who: string, _via: string, code: string, by: string) {
  const x = await scenario(this);
  return rejectOnB(this, x, who, code, `${x.ledgers.B.metadata.ilp_prefix}${x.ledgers.B.holder(by).account}`, []);
});

When("{account holder} rejects {account holder}'s transfer on ledger B with an ILPv1 Error {error code} triggered by {address} and forwarded by {account holder}", async function (this: IlpWorld, who: string, _via: string, code: string, by: string, forwarder: string) {
  const x = await scenario(this);
  return rejectOnB(this, x, who, code, by, [`${x.ledgers.B.metadata.ilp_prefix}${x.ledgers.B.holder(forwarder).account}`]);
});

/**
 * The receiver rejects the connector's transfer with an ILPv1 Error: a past triggeredAt and random data, so a
 * changed field shows. An error ledger B's API cannot carry makes the scenario not observable there.
 */
async function rejectOnB(world: IlpWorld, x: Awaited<ReturnType<typeof scenario>>, who: string, code: string, triggeredBy: string, forwardedBy: string[]): Promise<'skipped' | undefined> {
  const notObservable = x.notObservable(forwardedBy, ['B']);
  if (notObservable) return skipScenario(world, notObservable);
  const { B } = x.ledgers;
  const t = outgoingOf(x, who);
  x.sentError = { type: 8, code, name: ERROR_CODES[code]?.name ?? 'Application Error', triggeredBy, forwardedBy, triggeredAt: new Date(Date.now() - 1234), data: randomBytes(24) };
  const reply = await B.client.reject(B.holder(who).token, t.id, Buffer.from(encodeIlpV1Outcome(x.sentError)));
  B.store(`${who} rejects transfer ${t.id} on ledger B with an ILPv1 Error ${code}`, reply);
  if (reply.kind !== 'ok') throw new Error(`setup: ${who} could not reject transfer ${t.id} on ledger B: ${describeLedgerReply(reply)}`);
  return undefined;
}

// ---- judging --------------------------------------------------------------------------------------------

Then("its memo holds the ILPv1 Payment of {account holder}'s transfer, unchanged", async function (this: IlpWorld, _who: string) {
  expectSamePayment(await scenario(this), 'the receiver');
});

/** Ledger B's address of a holder the step names. */
const addressOnB = (x: Awaited<ReturnType<typeof scenario>>, word: string): string => `${x.ledgers.B.metadata.ilp_prefix}${x.ledgers.B.holder(word).account}`;

/** The names a Then-step states must be those the scenario set up, or the feature's text misleads its reader. */
function statedAs(what: string, stated: string, actual: string): void {
  if (stated !== actual) throw new Error(`the step says ${what} ${stated}, but the scenario set up ${actual}; correct the feature`);
}

Then('{account holder} sees their transfer on ledger A rejected with an ILPv1 Error of the same code, triggered by {account holder}', async function (this: IlpWorld, who: string, by: string) {
  const x = await scenario(this);
  statedAs('the error was triggered by', addressOnB(x, by), x.sentError?.triggeredBy ?? '(no error sent)');
  expectSameError(x, await errorAtLedgerA(x, who));
});

Then('{account holder} sees their transfer on ledger A rejected with that ILPv1 Error, forwarded by {account holder} and then by {account holder}', async function (this: IlpWorld, who: string, first: string, then: string) {
  const x = await scenario(this);
  statedAs('the error was first forwarded by', addressOnB(x, first), x.sentError?.forwardedBy.join(', ') ?? '(no error sent)');
  statedAs('it was then forwarded by', then, x.ledgers.A.transfer.to);
  return forwardedThrough(this, who);
});

Then('{account holder} sees their transfer on ledger A rejected with that ILPv1 Error, forwarded by {account holder}', async function (this: IlpWorld, who: string, by: string) {
  const x = await scenario(this);
  statedAs('the error was forwarded by', by, x.ledgers.A.transfer.to);
  return forwardedThrough(this, who);
});

/** ERR-L02 on ledger A: the error bob sent with the connector's address appended; not observable where A's API cannot hold the list. */
async function forwardedThrough(world: IlpWorld, who: string): Promise<'skipped' | undefined> {
  const x = await scenario(world);
  const notObservable = x.notObservable(expectedForwarders(x), ['A']);
  if (notObservable) return skipScenario(world, notObservable);
  expectForwardedByAppended(x, await errorAtLedgerA(x, who));
  return undefined;
}

Then('its code, name, triggeredBy, triggeredAt and data are those {account holder} sent', async function (this: IlpWorld, _who: string) {
  const x = await scenario(this);
  expectOtherwiseUnchanged(x, await errorAtLedgerA(x, x.ledgers.A.transfer.from));
});

Then('{account holder} sees their transfer on ledger A rejected by {account holder} with an ILPv1 Error {error code}', async function (this: IlpWorld, who: string, via: string, code: string) {
  const x = await scenario(this);
  statedAs('the transfer was rejected by', via, x.ledgers.A.transfer.to);
  expectOwnError(x, await errorAtLedgerA(x, who), code);
});

Then('{account holder} has prepared nothing for {account holder} on ledger B', async function (this: IlpWorld, _via: string, to: string) {
  await expectNothingForwarded(await scenario(this), to);
});
