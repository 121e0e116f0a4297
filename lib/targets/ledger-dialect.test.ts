import assert from 'node:assert/strict';
import test from 'node:test';
import { ledgerSkipReason, parseLedgerDialect } from './ledger-dialect';
import { plainDecimal, toFiveBellsTransfer, toNativeNotification, toNativeTransfer, type FiveBellsTransfer } from './five-bells-wire';
import { conditionUri } from './five-bells-conditions';

test('the ledger API is native unless named; an unknown one is refused naming the known ones', () => {
  assert.equal(parseLedgerDialect(undefined), 'native');
  assert.equal(parseLedgerDialect(' five-bells '), 'five-bells');
  assert.throws(() => parseLedgerDialect('bells'), /unknown ledger API "bells" \(known: native, five-bells\)/);
});

test('a scenario needing what Five Bells cannot show is skipped as not observable; native runs it', () => {
  assert.match(String(ledgerSkipReason(['@ledger', '@needs-fulfillment-lookup'], 'five-bells')), /^not observable through the five-bells ledger API: the scenario needs a lookup of a fulfillment by its condition, which that API does not offer$/);
  assert.equal(ledgerSkipReason(['@ledger', '@needs-fulfillment-lookup'], 'native'), undefined);
  assert.equal(ledgerSkipReason(['@ledger', '@must'], 'five-bells'), undefined);
  assert.throws(() => ledgerSkipReason(['@needs-telepathy'], 'native'), /@needs-telepathy names no ledger capability/);
});

test('a scenario whose primary requirement is a native-API convention is set aside through another API, judged through the native one', () => {
  assert.match(String(ledgerSkipReason(['@ledger', '@LAPI-002', '@must'], 'five-bells')), /^set aside through the five-bells ledger API: LAPI-002 is a convention of the native ledger API, not an RFC requirement \(Through the native ledger API only the two account holders/);
  assert.equal(ledgerSkipReason(['@ledger', '@LAPI-002', '@must'], 'native'), undefined);
  // A convention named after an RFC requirement (a class of refusal) does not set the scenario aside: the step does, for that check alone.
  assert.equal(ledgerSkipReason(['@ledger', '@LEDGER-002', '@LAPI-001', '@must'], 'five-bells'), undefined);
});

test('a native transfer goes out as account URLs and a condition URI, and comes back the same', () => {
  const base = 'http://127.0.0.1:7800';
  const digest = 'A'.repeat(43);
  const out = toFiveBellsTransfer(base, 'id-1', { debit_account: 'alice', credit_account: 'bob', amount: '10', execution_condition: digest, expires_at: '2030-01-01T00:00:00.000Z', memo: 'AQID' });
  assert.deepEqual(out.debits, [{ account: `${base}/accounts/alice`, amount: '10', authorized: true }]);
  assert.deepEqual(out.credits, [{ account: `${base}/accounts/bob`, amount: '10', memo: { ilp: 'AQID' } }]);
  assert.equal(out.execution_condition, conditionUri(digest));
  const back = toNativeTransfer({ ...(out as unknown as FiveBellsTransfer), state: 'rejected', rejection_reason: 'cancelled' });
  assert.equal(back.execution_condition, digest);
  assert.equal(back.memo, 'AQID');
  assert.equal(back.rejection_reason, 'rejected_by_receiver');
  assert.equal(back.debit_account, 'alice');
});

test('a proposed transfer has no native event; an executed one carries its fulfillment as the preimage', () => {
  const transfer = { id: 'http://l/transfers/t', ledger: 'http://l', debits: [{ account: 'http://l/accounts/a', amount: '1' }], credits: [{ account: 'http://l/accounts/b', amount: '1' }] };
  assert.equal(toNativeNotification({ event: 'transfer.create', resource: { ...transfer, state: 'proposed' } }), undefined);
  const n = toNativeNotification({ event: 'transfer.update', resource: { ...transfer, state: 'executed' }, related_resources: { execution_condition_fulfillment: 'oCKAIAcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH' } });
  assert.ok(n && typeof n === 'object' && n.event === 'transfer.executed');
  assert.equal((n as { related_resources?: { fulfillment?: { fulfillment: string } } }).related_resources?.fulfillment?.fulfillment, Buffer.alloc(32, 7).toString('base64url'));
});

test('amounts in exponent notation become plain decimal text, digit for digit', () => {
  assert.equal(plainDecimal('1e-9'), '0.000000001');
  assert.equal(plainDecimal('1.5e3'), '1500');
  assert.equal(plainDecimal('-2.5e-1'), '-0.25');
  assert.equal(plainDecimal('9007199.254740993'), '9007199.254740993');
  assert.equal(plainDecimal('+12'), '12');
});
