/**
 * Steps of the Mojaloop participant features (features/mojaloop/participant-*): the harness as switch and
 * as the other FSP drives the participant (steps/support/mojaloop-participant.ts); Then-steps judge the
 * observed payment (lib/mojaloop/observed-payment.ts), each check under its own ML-* requirement.
 */
import { Then, When } from '@cucumber/cucumber';
import type { MojaloopCheck } from '../contracts/fspiop';
import { payerChecks, quoteCallbackChecks, refusalOf, transferCallbackChecks, undecoded } from '../lib/mojaloop/observed-payment';
import type { IlpWorld } from './world';
import { skipScenario } from './support/target-hooks';
import { anotherPayeeAddress, ParticipantScenario, readdressed } from './support/mojaloop-participant';

const QUOTE_EXPIRY_WAIT_MS = 10_000;

// ------------------------------------------------------------------------------------------- payee mode

When('the switch asks the participant for a quote for {string} {word}', async function (this: IlpWorld, amount: string, currency: string) {
  await ParticipantScenario.of(this).requestQuote(amount, currency);
});

When('the switch asks the participant for a quote for {string} {word} valid for {duration}', async function (this: IlpWorld, amount: string, currency: string, ms: number) {
  await ParticipantScenario.of(this).requestQuote(amount, currency, ms);
});

When('the switch sends the transfer that pays the quote', async function (this: IlpWorld) {
  await ParticipantScenario.of(this).sendTransfer();
});

When('the switch sends the transfer that pays the quote, expiring in {duration}', async function (this: IlpWorld, ms: number) {
  await ParticipantScenario.of(this).sendTransfer((t) => t, ms);
});

When('the switch sends the transfer that pays the quote, already expired', async function (this: IlpWorld) {
  await ParticipantScenario.of(this).sendTransfer((t) => t, -1_000);
});

When('the switch sends the transfer that pays the quote with the amount {string}', async function (this: IlpWorld, amount: string) {
  await ParticipantScenario.of(this).sendTransfer((t) => ({ ...t, amount: { ...(t.amount as object), amount } }));
});

When('the switch sends the transfer that pays the quote with another condition', async function (this: IlpWorld) {
  await ParticipantScenario.of(this).sendTransfer((t) => ({ ...t, condition: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url') }));
});

When('the switch sends the transfer that pays the quote with its packet addressed to another Payee', async function (this: IlpWorld) {
  const s = ParticipantScenario.of(this);
  await s.sendTransfer((t) => ({ ...t, ilpPacket: readdressed(String(t.ilpPacket), anotherPayeeAddress(s.endpoint!.fspId)) }));
});

When('the switch resends the same transfer', async function (this: IlpWorld) {
  await ParticipantScenario.of(this).resendTransfer();
});

When('the quote\'s expiration passes', async function (this: IlpWorld) {
  const { notObservable, problem } = await ParticipantScenario.of(this).letQuoteExpire(QUOTE_EXPIRY_WAIT_MS * this.timeoutMultiplier);
  if (problem) this.judgements.fail('primary', 'a quote expiration that is a date', problem);
  if (notObservable) return skipScenario(this, notObservable);
  return undefined;
});

// ------------------------------------------------------------------------------------------- payer mode

When('the participant is asked to pay {string} {word}', async function (this: IlpWorld, amount: string, currency: string) {
  await ParticipantScenario.of(this).pay(amount, currency);
});

// ------------------------------------------------------------------------------------------- verdicts

function checksOf(world: IlpWorld): MojaloopCheck[] {
  const o = ParticipantScenario.of(world).observed();
  return o.audited === 'payer' ? payerChecks(o) : [...quoteCallbackChecks(o), ...transferCallbackChecks(o)];
}

Then('the participant passes {word}', function (this: IlpWorld, requirement: string) {
  const s = ParticipantScenario.of(this);
  const o = s.observed();
  const bad = undecoded(o);
  if (bad) this.judgements.fail([requirement], `${bad.method} ${bad.path} in the ${o.api ?? 'fspiop'} body format, to judge ${requirement} by`, bad.decodeProblem!);
  const all = checksOf(this);
  const own = all.filter((c) => c.requirement === requirement);
  if (own.length === 0) this.judgements.fail([requirement], `something to judge ${requirement} by`, `the messages observed allow no ${requirement} check (they allow: ${[...new Set(all.map((c) => c.requirement))].join(', ') || 'none'}; callbacks seen: ${s.summary()})`);
  for (const c of own) this.judgements.judge([requirement], c.passed, c.expected, c.actual);
});

Then('the participant refuses the transfer with an error callback', function (this: IlpWorld) {
  const o = ParticipantScenario.of(this).observed();
  const bad = undecoded(o);
  if (bad) this.judgements.fail('primary', `${bad.method} ${bad.path} in the ${o.api ?? 'fspiop'} body format`, bad.decodeProblem!);
  const { refused, actual } = refusalOf(o);
  this.judgements.judge('primary', refused, 'PUT /transfers/{ID}/error with errorInformation, and no fulfilment', actual);
});
