import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFspiopHeaders, dialectFor, fspiopHeaders, FSPIOP_DIALECT, FSPIOP_RESOURCES } from '.';

test('the fspiop dialect passes bodies through, names each resource\'s Content-Type, and refuses a body that is no object', () => {
  for (const r of FSPIOP_RESOURCES) assert.deepEqual(FSPIOP_DIALECT.decode(r, FSPIOP_DIALECT.encode(r, { a: 1 })), { a: 1 });
  assert.equal(FSPIOP_DIALECT.contentType('quotes.put'), 'application/vnd.interoperability.quotes+json;version=1.1');
  assert.equal(FSPIOP_DIALECT.contentType('error.put', 'quotes'), 'application/vnd.interoperability.quotes+json;version=1.1');
  assert.equal(FSPIOP_DIALECT.contentType('error.put'), 'application/vnd.interoperability.transfers+json;version=1.1');
  assert.throws(() => FSPIOP_DIALECT.decode('transfers.put', [1]), /transfers\.put: the body is not a JSON object \(an array\)/);
  assert.throws(() => dialectFor('iso20022'), /--api iso20022 is not wired yet/);
  assert.throws(() => dialectFor('soap'), /unknown API "soap" \(known: fspiop, iso20022\)/);
});

test('ML-018: the headers the harness and the reference send pass; a wrong source or media type is named', () => {
  const ok = fspiopHeaders({ noun: 'transfers', source: 'payee', destination: 'payer', request: false });
  assert.ok(checkFspiopHeaders(ok, { noun: 'transfers', source: 'payee', destination: 'payer' }).every((c) => c.passed));
  const bad = checkFspiopHeaders({ ...ok, 'content-type': 'application/json', 'fspiop-source': 'payer' }, { noun: 'transfers', source: 'payee', destination: 'payer' }).filter((c) => !c.passed);
  assert.deepEqual(bad.map((c) => c.actual), ['Content-Type application/json', 'FSPIOP-Source payer']);
});
