/**
 * Differential test of contracts/fspiop against @mojaloop/sdk-standard-components 19.19.1 (installed in this
 * folder), Mojaloop's own library for the ILP fields of quote callbacks and transfers, ILPv1 and ILPv4.
 * What agrees is asserted to agree; where the library departs from FSPIOP v1.1 section 6.5.2.3, the test
 * asserts the departure exactly (FINDINGS.md), so a change in either side fails it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  buildQuoteCallback, checkCondition, checkFulfilment, checkPacketAddress, checkPacketAmount, checkTransferAgainstQuote,
  readIlpPacketField, transactionOf,
} from '../../contracts/fspiop';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Ilp } = require('@mojaloop/sdk-standard-components') as { Ilp: { ilpFactory: (v: string, o: unknown) => any; ILP_VERSIONS: { v1: string; v4: string } } };

/** The library wants a logger; it gets one that writes nothing. */
const quiet = { child() { return this; }, isDebugEnabled: false, isVerboseEnabled: false, debug() {}, verbose() {}, info() {}, warn() {}, error() {} };
const SECRET_TEXT = 'a participant secret';

const payee = { partyIdType: 'MSISDN', partyIdentifier: '123456789', fspId: 'MobileMoney' };
const transactionFor = (amount: string, currency: string) => ({
  transactionId: 'b51ec534-ee48-4575-b6a9-ead2955b8069', quoteId: '7c23e80c-d078-4077-8263-2c047876fcf6',
  payee: { partyIdInfo: payee }, payer: { partyIdInfo: { partyIdType: 'IBAN', partyIdentifier: 'SE4550000000058398257466', fspId: 'BankNrOne' } },
  amount: { amount, currency }, transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
  expiration: '2030-01-01T00:00:00.000Z',
});
const CASES: ReadonlyArray<readonly [string, string, number]> = [['99', 'USD', 2], ['12.25', 'USD', 2], ['1500', 'JPY', 0], ['0.001', 'BHD', 3]];

describe('sdk-standard-components ILPv1 quote callbacks, read by the suite', () => {
  const sdk = Ilp.ilpFactory(Ilp.ILP_VERSIONS.v1, { secret: SECRET_TEXT, logger: quiet });
  for (const [amount, currency, scale] of CASES) {
    test(`${amount} ${currency}: same packet amount and address rule, the condition hashes the fulfilment`, () => {
      const r = sdk.getResponseIlp(transactionFor(amount, currency));
      const packet = readIlpPacketField(r.ilpPacket);
      assert.equal(packet.version, 'ilpv1');
      assert.ok(checkPacketAmount(packet, amount, scale).passed, checkPacketAmount(packet, amount, scale).actual);
      assert.ok(checkPacketAddress(packet, payee).passed);
      assert.equal(packet.address, 'g.MobileMoney.msisdn.123456789', 'the library keeps the fspId as written and lowers the rest');
      assert.ok(checkCondition(r.fulfilment, r.condition).passed);
      const quote = { transferAmount: { amount, currency }, ilpPacket: r.ilpPacket, condition: r.condition };
      const transfer = { amount: quote.transferAmount, ilpPacket: r.ilpPacket, condition: r.condition, payeeFsp: 'MobileMoney' };
      assert.deepEqual(checkTransferAgainstQuote(quote, transfer, scale).filter((c) => !c.passed), []);
    });
  }

  test('departure: the packet data is base64url text of the Transaction, not the Transaction', () => {
    const r = sdk.getResponseIlp(transactionFor('99', 'USD'));
    assert.equal(transactionOf(readIlpPacketField(r.ilpPacket).data).form, 'base64url-json');
  });

  test('departure: the fulfilment is an HMAC of the base64url text under the base64 text of the secret', () => {
    const r = sdk.getResponseIlp(transactionFor('99', 'USD'));
    const packet = readIlpPacketField(r.ilpPacket);
    assert.equal(checkFulfilment(Buffer.from(SECRET_TEXT), packet, r.fulfilment).passed, false, 'not HMAC-SHA256(secret, packet bytes) as Listing 12 says');
    const key = Buffer.from(Buffer.from(SECRET_TEXT).toString('base64'), 'ascii');
    assert.equal(createHmac('sha256', key).update(Buffer.from(r.ilpPacket, 'ascii')).digest('base64url'), r.fulfilment);
  });
});

describe('the suite\'s ILPv1 quote callbacks, read by sdk-standard-components', () => {
  const sdk = Ilp.ilpFactory(Ilp.ILP_VERSIONS.v1, { secret: SECRET_TEXT, logger: quiet });
  const ours = buildQuoteCallback({ secret: Buffer.from(SECRET_TEXT), transferAmount: { amount: '99', currency: 'USD' }, scale: 2, payee, transaction: transactionFor('99', 'USD'), version: 'ilpv1' });

  test('it decodes our packet to the same amount and address and accepts our fulfilment for our condition', () => {
    const decoded = sdk.decodeIlpPacket(ours.ilpPacket);
    assert.deepEqual([decoded.amount, decoded.account], ['9900', 'g.mobilemoney.msisdn.123456789']);
    assert.equal(sdk.validateFulfil(ours.fulfilment, ours.condition), true);
    assert.equal(sdk.validateFulfil(ours.condition, ours.condition), false);
  });

  test('departure: it cannot read the Transaction from a packet written as section 6.5.2.3 says', () => {
    assert.throws(() => sdk.getTransactionObject(ours.ilpPacket), SyntaxError);
  });
});

describe('sdk-standard-components ILPv4 quote callbacks, read by the suite', () => {
  const sdk = Ilp.ilpFactory(Ilp.ILP_VERSIONS.v4, { secret: SECRET_TEXT, logger: quiet });
  for (const [amount, currency, scale] of CASES) {
    test(`${amount} ${currency}: a Prepare whose executionCondition is the condition, for the scaled amount`, () => {
      const r = sdk.getResponseIlp(transactionFor(amount, currency));
      const packet = readIlpPacketField(r.ilpPacket);
      assert.equal(packet.version, 'ilpv4');
      assert.ok(checkPacketAmount(packet, amount, scale).passed);
      assert.ok(checkCondition(r.fulfilment, r.condition).passed);
      assert.equal(packet.expiresAt?.toISOString(), '2030-01-01T00:00:00.000Z');
      const quote = { transferAmount: { amount, currency }, ilpPacket: r.ilpPacket, condition: r.condition };
      const checks = checkTransferAgainstQuote(quote, { amount: quote.transferAmount, ilpPacket: r.ilpPacket, condition: r.condition, payeeFsp: 'MobileMoney' }, scale);
      assert.deepEqual(checks.filter((c) => !c.passed), []);
      assert.ok(checks.some((c) => c.requirement === 'ML-013'));
    });
  }

  test('its ILPv4 address is g.mojaloop, which names no Payee (ML-011 cannot hold)', () => {
    const packet = readIlpPacketField(Ilp.ilpFactory(Ilp.ILP_VERSIONS.v4, { secret: SECRET_TEXT, logger: quiet }).getResponseIlp(transactionFor('99', 'USD')).ilpPacket);
    assert.equal(packet.address, 'g.mojaloop');
    assert.equal(checkPacketAddress(packet, payee).passed, false);
  });
});
