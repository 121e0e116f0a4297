import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { conditionOf, encodePrepare } from '../../lib/codec';
import { checkFspiopHeaders, dialectFor, fspiopHeaders, FSPIOP_DIALECT, FSPIOP_RESOURCES, ISO20022_DIALECT } from '.';

test('the fspiop dialect passes bodies through, names each resource\'s Content-Type, and refuses a body that is no object', () => {
  for (const r of FSPIOP_RESOURCES) assert.deepEqual(FSPIOP_DIALECT.decode(r, FSPIOP_DIALECT.encode(r, { a: 1 })), { a: 1 });
  assert.equal(FSPIOP_DIALECT.contentType('quotes.put'), 'application/vnd.interoperability.quotes+json;version=1.1');
  assert.equal(FSPIOP_DIALECT.contentType('error.put', 'quotes'), 'application/vnd.interoperability.quotes+json;version=1.1');
  assert.equal(FSPIOP_DIALECT.contentType('error.put'), 'application/vnd.interoperability.transfers+json;version=1.1');
  assert.throws(() => FSPIOP_DIALECT.decode('transfers.put', [1]), /transfers\.put: the body is not a JSON object \(an array\)/);
  assert.equal(dialectFor('iso20022'), ISO20022_DIALECT);
  assert.match(FSPIOP_DIALECT.newId(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.throws(() => dialectFor('soap'), /unknown API "soap" \(known: fspiop, iso20022\)/);
});

test('ML-018: the headers the harness and the reference send pass; a wrong source or media type is named', () => {
  const ok = fspiopHeaders({ noun: 'transfers', source: 'payee', destination: 'payer', request: false });
  assert.ok(checkFspiopHeaders(ok, { noun: 'transfers', source: 'payee', destination: 'payer' }).every((c) => c.passed));
  const bad = checkFspiopHeaders({ ...ok, 'content-type': 'application/json', 'fspiop-source': 'payer' }, { noun: 'transfers', source: 'payee', destination: 'payer' }).filter((c) => !c.passed);
  assert.deepEqual(bad.map((c) => c.actual), ['Content-Type application/json', 'FSPIOP-Source payer']);
});

test('the iso20022 dialect: ISO bodies on the wire, the v1.1 view back, its media types; a v1.1 body is named as such', () => {
  const fulfilment = randomBytes(32);
  const ilpPacket = Buffer.from(encodePrepare({ amount: 9900n, expiresAt: new Date(Date.now() + 60_000), executionCondition: conditionOf(fulfilment), destination: 'g.payee.msisdn.1', data: Buffer.from('{}') })).toString('base64url');
  const condition = Buffer.from(conditionOf(fulfilment)).toString('base64url');
  const quote = { quoteId: ISO20022_DIALECT.newId(), transactionId: ISO20022_DIALECT.newId(), amountType: 'RECEIVE', amount: { amount: '99', currency: 'USD' }, payee: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '1', fspId: 'payee' } }, payer: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '2', fspId: 'payer' } }, transactionType: { scenario: 'TRANSFER' } };
  const callback = { transferAmount: { amount: '99', currency: 'USD' }, expiration: new Date(Date.now() + 60_000).toISOString(), ilpPacket, condition };
  const wire = ISO20022_DIALECT.encode('quotes.put', callback, { id: quote.quoteId, quote }) as { CdtTrfTxInf: { PmtId: { TxId: string }; VrfctnOfTerms: { IlpV4PrepPacket: string } } };
  assert.equal(wire.CdtTrfTxInf.PmtId.TxId, quote.quoteId);
  assert.equal(wire.CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket, ilpPacket);
  assert.deepEqual(ISO20022_DIALECT.decode('quotes.put', wire), callback);
  assert.deepEqual(ISO20022_DIALECT.decode('quotes.post', ISO20022_DIALECT.encode('quotes.post', quote)), quote);
  assert.throws(() => ISO20022_DIALECT.decode('quotes.put', callback), /quotes\.put: an FSPIOP v1\.1 body \(ilpPacket, condition, transferAmount\) where the ISO 20022 mode was expected/);
  assert.throws(() => ISO20022_DIALECT.decode('transfers.put', { GrpHdr: {}, TxInfAndSts: { TxSts: 'ACSC' } }), /not an ISO 20022 mode body: transfers\.put: unknown-state at TxInfAndSts\.TxSts/);
  assert.equal(ISO20022_DIALECT.contentType('error.put', 'quotes'), 'application/vnd.interoperability.iso20022.quotes+json;version=2.0');
  assert.equal(ISO20022_DIALECT.accept('transfers'), 'application/vnd.interoperability.iso20022.transfers+json;version=2.0');
  assert.match(ISO20022_DIALECT.newId(), /^[0-9A-HJKMNP-TV-Z]{26}$/);
});

test('ML-018 in the ISO 20022 mode: the iso20022 media type, version 2.0; the v1.1 one is named', () => {
  const want = { noun: 'quotes' as const, source: 'payee', destination: 'payer', api: 'iso20022' as const };
  const iso = fspiopHeaders({ noun: 'quotes', source: 'payee', destination: 'payer', request: true, contentType: ISO20022_DIALECT.contentType('quotes.post'), accept: ISO20022_DIALECT.accept('quotes') });
  assert.equal(iso.accept, 'application/vnd.interoperability.iso20022.quotes+json;version=2.0');
  assert.ok(checkFspiopHeaders(iso, want).every((c) => c.passed));
  const v11 = checkFspiopHeaders({ ...iso, 'content-type': FSPIOP_DIALECT.contentType('quotes.put') }, want).filter((c) => !c.passed);
  assert.deepEqual(v11.map((c) => [c.expected, c.actual]), [['Content-Type application/vnd.interoperability.iso20022.quotes+json;version=2.0', 'Content-Type application/vnd.interoperability.quotes+json;version=1.1']]);
});
