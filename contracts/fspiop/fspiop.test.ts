/**
 * contracts/fspiop against the FSPIOP v1.1 section 10.4.8 listings and boundary cases: formats (ML-001..003),
 * the payment request rules (ML-004..007, ML-011), and transfer against quote (ML-008..010, ML-012, ML-013).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binaryString32Problem, buildQuoteCallback, checkCondition, checkFulfilment, checkPacketAddress, checkPacketAmount,
  checkTransferAgainstQuote, ilpAmountFor, ilpPacketFormatProblem, readIlpPacketField, transactionOf, FspiopFormatError,
} from '.';
import { listingsProblems, specListings } from '../../lib/mojaloop/spec-listings';

const L = specListings();
const secret = Buffer.from(L.secret, 'base64url');

describe('the spec listings (FSPIOP v1.1 10.4.8)', () => {
  test('the listings file matches its schema, and the schema refuses a short condition', () => {
    assert.deepEqual(listingsProblems(JSON.parse(require('node:fs').readFileSync(require.resolve('../../fixtures/mojaloop/fspiop-v1.1-listings.json'), 'utf8'))), []);
    assert.ok(listingsProblems({ description: 'x', source: {}, listings: { ...L, condition: 'abc' }, notes: [] }).some((p) => p.includes('condition')));
  });

  test('Listing 43 is HMAC-SHA256(Listing 42, the packet of Listing 45) and Listing 44 its SHA-256', () => {
    const packet = readIlpPacketField(L.ilpPacket, { allowDraft3: true });
    assert.equal(packet.version, 'ilpv1-draft3');
    assert.deepEqual(checkFulfilment(secret, packet, L.fulfilment).passed, true);
    assert.deepEqual(checkCondition(L.fulfilment, L.condition).passed, true);
    assert.equal(checkFulfilment(secret, packet, L.condition).passed, false);
    assert.equal(checkCondition(L.fulfilment, L.fulfilment).passed, false);
  });

  test('the packet is the August 2017 layout: 9900 to Henrik, refused as the current ILPv1 Payment', () => {
    assert.throws(() => readIlpPacketField(L.ilpPacket), (e) => e instanceof FspiopFormatError && /Truncated|contents/.test(e.message));
    const packet = readIlpPacketField(L.ilpPacket, { allowDraft3: true });
    assert.equal(packet.amount, 9900n);
    assert.equal(packet.address, L.payeeAddress);
    assert.ok(checkPacketAmount(packet, '99', 2).passed);
    assert.equal(checkPacketAmount(packet, '99', 0).passed, false);
    assert.ok(checkPacketAddress(packet, L.payee).passed);
    const { transaction, form } = transactionOf(packet.data);
    assert.equal(form, 'json');
    assert.equal(transaction.quoteId, '7c23e80c-d078-4077-8263-2c047876fcf6');
    assert.deepEqual(transaction.amount, { amount: '100', currency: 'USD' }, 'the packet says 100 where Listing 41 prints 99');
  });
});

describe('formats', () => {
  test('ilpPacket: 1..32768 base64url characters, padding only at the end', () => {
    assert.equal(ilpPacketFormatProblem('AQ'), undefined);
    assert.equal(ilpPacketFormatProblem('AQ=='), undefined);
    assert.equal(ilpPacketFormatProblem('A'.repeat(32768)), undefined);
    assert.match(ilpPacketFormatProblem('A'.repeat(32769)) ?? '', /32769 characters/);
    assert.match(ilpPacketFormatProblem('') ?? '', /empty/);
    assert.match(ilpPacketFormatProblem('AQ+/') ?? '', /"\+" at index 2/);
    assert.match(ilpPacketFormatProblem('A=Q') ?? '', /padding/);
    assert.match(ilpPacketFormatProblem('AQABA') ?? '', /whole bytes/);
    assert.match(ilpPacketFormatProblem(12) ?? '', /not a string/);
  });

  test('condition and fulfilment: exactly 43 base64url characters', () => {
    assert.equal(binaryString32Problem(L.condition), undefined);
    assert.match(binaryString32Problem(`${L.condition}=`) ?? '', /44 characters/);
    assert.match(binaryString32Problem(L.condition.slice(1)) ?? '', /42 characters/);
    assert.match(binaryString32Problem(`${L.condition.slice(1)}/`) ?? '', /"\/" at index 42/);
  });

  test('amounts at a scale, refusing more decimals than the scale has', () => {
    assert.equal(ilpAmountFor('99', 2), 9900n);
    assert.equal(ilpAmountFor('0.5', 2), 50n);
    assert.equal(ilpAmountFor('12.25', 2), 1225n);
    assert.throws(() => ilpAmountFor('1.234', 2), /3 decimals/);
    assert.throws(() => ilpAmountFor('-1', 2), /not an FSPIOP Amount/);
  });
});

const payee = { partyIdType: 'MSISDN', partyIdentifier: '123456789', fspId: 'MobileMoney' };
const transaction = { transactionId: 't-1', quoteId: 'q-1', payee: { partyIdInfo: payee }, amount: { amount: '99', currency: 'USD' } };

for (const version of ['ilpv1', 'ilpv4'] as const) {
  describe(`a transfer against its quote (${version})`, () => {
    const quote = buildQuoteCallback({ secret, transferAmount: { amount: '99', currency: 'USD' }, scale: 2, payee, transaction, version, expiration: new Date('2030-01-01T00:00:00Z') });
    const transfer = { amount: quote.transferAmount, ilpPacket: quote.ilpPacket, condition: quote.condition, payeeFsp: 'MobileMoney' };
    const broken = (t: typeof transfer) => checkTransferAgainstQuote(quote, t, 2).filter((c) => !c.passed).map((c) => c.requirement);

    test('the built quote keeps the payment request rules', () => {
      const packet = readIlpPacketField(quote.ilpPacket);
      assert.equal(packet.version, version);
      assert.equal(packet.amount, 9900n);
      assert.ok(checkCondition(quote.fulfilment, quote.condition).passed);
      if (version === 'ilpv1') assert.ok(checkFulfilment(secret, packet, quote.fulfilment).passed);
      assert.equal(transactionOf(packet.data).transaction.quoteId, 'q-1');
    });

    test('the same packet, condition and amount pass every check', () => {
      const checks = checkTransferAgainstQuote(quote, transfer, 2);
      assert.deepEqual(broken(transfer), []);
      assert.equal(checks.some((c) => c.requirement === 'ML-013'), version === 'ilpv4');
      assert.equal(checks.some((c) => c.requirement === 'ML-009'), version === 'ilpv1');
    });

    test('without a condition field (ISO 20022) no condition comparison is reported, the packet still is', () => {
      const iso = (t: typeof transfer) => checkTransferAgainstQuote(quote, t, 2, false);
      assert.ok(!iso(transfer).some((c) => c.requirement === 'ML-013' || /condition/.test(c.expected)));
      const other = buildQuoteCallback({ secret, transferAmount: { amount: '99', currency: 'USD' }, scale: 2, payee, transaction: { ...transaction, quoteId: 'q-2' }, version, expiration: new Date('2030-01-01T00:00:00Z') });
      assert.deepEqual(iso({ ...transfer, ilpPacket: other.ilpPacket }).filter((c) => !c.passed).map((c) => c.requirement), ['ML-008']);
    });

    test('each change breaks the rule about it', () => {
      assert.deepEqual(broken({ ...transfer, amount: { amount: '100', currency: 'USD' } }), ['ML-012', 'ML-010']);
      assert.deepEqual(broken({ ...transfer, condition: quote.fulfilment }), version === 'ilpv4' ? ['ML-008', 'ML-013'] : ['ML-008']);
      if (version === 'ilpv1') assert.deepEqual(broken({ ...transfer, payeeFsp: 'OtherFsp' }), ['ML-009']);
      const other = buildQuoteCallback({ secret, transferAmount: { amount: '98', currency: 'USD' }, scale: 2, payee, transaction, version, expiration: new Date('2030-01-01T00:00:00Z') });
      // ILPv4: the same Transaction gives the same condition, so only the packet and its amount differ.
      assert.deepEqual(broken({ ...transfer, ilpPacket: other.ilpPacket }), ['ML-008', 'ML-010']);
    });
  });
}
