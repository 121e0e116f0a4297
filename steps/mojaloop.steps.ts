/**
 * Steps of the Mojaloop features (features/mojaloop): the FSPIOP v1.1 ILP fields of a quote callback and of
 * the transfer that pays it, judged by contracts/fspiop's checks, each under its own ML-* requirement.
 * When-steps audit and store the checks; Then-steps judge one requirement's checks.
 */
import { defineParameterType, Given, Then, When } from '@cucumber/cucumber';
import { binaryString32Problem, ilpPacketFormatProblem, toBinaryString, type TransferRequest } from '../contracts/fspiop';
import { specListings } from '../lib/mojaloop/spec-listings';
import type { IlpWorld } from './world';
import { auditQuoteCallback, auditTransfer, builtQuote, mojaloop } from './support/mojaloop-audit';

defineParameterType({ name: 'ilp version', regexp: /ILPv1|ILPv4/, transformer: (w: string) => (w === 'ILPv1' ? 'ilpv1' : 'ilpv4') as 'ilpv1' | 'ilpv4' });
defineParameterType({ name: 'binary field', regexp: /condition|fulfilment/, transformer: (w: string) => w });

const FIELD_REQUIREMENT: Readonly<Record<string, string>> = { condition: 'ML-002', fulfilment: 'ML-003' };

function judgeFormat(world: IlpWorld, requirement: string, what: string, problem: string | undefined, refusedBecause?: string): void {
  if (refusedBecause === undefined) {
    world.judgements.judge([requirement], problem === undefined, `${what} is well-formed`, problem ?? 'well-formed');
  } else {
    world.judgements.judge([requirement], problem !== undefined && problem.includes(refusedBecause), `${what} refused: ${refusedBecause}`, problem ?? 'accepted as well-formed');
  }
}

Then('the ilpPacket {string} is well-formed', function (this: IlpWorld, value: string) {
  judgeFormat(this, 'ML-001', `ilpPacket ${JSON.stringify(value)}`, ilpPacketFormatProblem(value));
});

Then('the ilpPacket {string} is refused because {string}', function (this: IlpWorld, value: string, reason: string) {
  judgeFormat(this, 'ML-001', `ilpPacket ${JSON.stringify(value)}`, ilpPacketFormatProblem(value), reason);
});

Then('an ilpPacket of {int} characters is well-formed', function (this: IlpWorld, n: number) {
  judgeFormat(this, 'ML-001', `an ilpPacket of ${n} characters`, ilpPacketFormatProblem('A'.repeat(n)));
});

Then('an ilpPacket of {int} characters is refused because {string}', function (this: IlpWorld, n: number, reason: string) {
  judgeFormat(this, 'ML-001', `an ilpPacket of ${n} characters`, ilpPacketFormatProblem('A'.repeat(n)), reason);
});

Then('the {binary field} {string} is well-formed', function (this: IlpWorld, field: string, value: string) {
  judgeFormat(this, FIELD_REQUIREMENT[field]!, `${field} ${JSON.stringify(value)}`, binaryString32Problem(value));
});

Then('the {binary field} {string} is refused because {string}', function (this: IlpWorld, field: string, value: string, reason: string) {
  judgeFormat(this, FIELD_REQUIREMENT[field]!, `${field} ${JSON.stringify(value)}`, binaryString32Problem(value), reason);
});

// ------------------------------------------------------------------------------------------- quote callbacks

Given('the quote callback of FSPIOP v1.1 section 10.4.8', function (this: IlpWorld) {
  const l = specListings();
  this.transcript.addSecret(l.secret);
  mojaloop(this).quote = {
    callback: { transferAmount: l.transferAmount, ilpPacket: l.ilpPacket, condition: l.condition },
    fulfilment: l.fulfilment, secret: Buffer.from(l.secret, 'base64url'), scale: l.currencyScale, payee: l.payee,
    quoteId: '7c23e80c-d078-4077-8263-2c047876fcf6', allowDraft3: l.packetLayout === 'ilpv1-draft3',
  };
});

Given('the listing\'s packet is read only as the current ILPv1 Payment', function (this: IlpWorld) {
  mojaloop(this).quote = { ...mojaloop(this).need(), allowDraft3: false };
});

Given('a Payee FSP\'s quote callback for {string} {word} at scale {int} with an {ilp version} packet', function (this: IlpWorld, amount: string, currency: string, scale: number, version: 'ilpv1' | 'ilpv4') {
  mojaloop(this).quote = builtQuote(this, amount, currency, scale, version);
});

Given('a Payee FSP\'s quote callback for {string} {word} at scale {int} with an {ilp version} packet written at scale {int}', function (this: IlpWorld, amount: string, currency: string, scale: number, version: 'ilpv1' | 'ilpv4', packetScale: number) {
  mojaloop(this).quote = builtQuote(this, amount, currency, scale, version, packetScale);
});

Given('the Payee FSP gives the fulfilment of another secret', function (this: IlpWorld) {
  const q = mojaloop(this).need();
  const other = builtQuote(this, q.callback.transferAmount.amount, q.callback.transferAmount.currency, q.scale, 'ilpv1');
  mojaloop(this).quote = { ...q, fulfilment: other.fulfilment };
});

When('the auditor checks the quote callback', function (this: IlpWorld) {
  const s = mojaloop(this);
  s.store(this, auditQuoteCallback(this, s.need()));
});

// ------------------------------------------------------------------------------------------- transfers

function sendTransfer(world: IlpWorld, change: (t: TransferRequest) => TransferRequest): void {
  const s = mojaloop(world);
  const q = s.need();
  const transfer = change({ amount: q.callback.transferAmount, ilpPacket: q.callback.ilpPacket, condition: q.callback.condition, payeeFsp: q.payee.fspId });
  s.store(world, auditTransfer(world, q, transfer));
}

When('the Payer FSP sends the transfer for it', function (this: IlpWorld) {
  sendTransfer(this, (t) => t);
});

When('the Payer FSP sends the transfer for it with the amount {string}', function (this: IlpWorld, amount: string) {
  sendTransfer(this, (t) => ({ ...t, amount: { ...t.amount, amount } }));
});

When('the Payer FSP sends the transfer for it to the Payee FSP {string}', function (this: IlpWorld, payeeFsp: string) {
  sendTransfer(this, (t) => ({ ...t, payeeFsp }));
});

When('the Payer FSP sends the transfer for it with another condition', function (this: IlpWorld) {
  sendTransfer(this, (t) => ({ ...t, condition: toBinaryString(crypto.getRandomValues(new Uint8Array(32))) }));
});

When('the Payer FSP sends the transfer for it with the packet of a quote for {string}', function (this: IlpWorld, amount: string) {
  const q = mojaloop(this).need();
  const version = Buffer.from(q.callback.ilpPacket, 'base64url')[0] === 12 ? 'ilpv4' : 'ilpv1';
  const other = builtQuote(this, amount, q.callback.transferAmount.currency, q.scale, version);
  sendTransfer(this, (t) => ({ ...t, ilpPacket: other.callback.ilpPacket }));
});

// ------------------------------------------------------------------------------------------- verdicts

Then('the audit passes {word}', function (this: IlpWorld, requirement: string) {
  for (const c of mojaloop(this).take(this, requirement)) this.judgements.judge([requirement], c.passed, c.expected, c.actual);
});

Then('the audit finds {word} broken', function (this: IlpWorld, requirement: string) {
  const own = mojaloop(this).take(this, requirement);
  const broken = own.filter((c) => !c.passed);
  this.judgements.judge([requirement], broken.length > 0, `the audit refuses ${requirement}: ${own.map((c) => c.expected).join('; ')}`,
    broken.length > 0 ? broken.map((c) => c.actual).join('; ') : `it passed: ${own.map((c) => c.actual).join('; ')}`);
});
