import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAmount, parseAmount } from './amount';

test('parses decimals into smallest units at the given scale', () => {
  assert.deepEqual(parseAmount('12.5', 2), { ok: true, value: 1250n });
  assert.deepEqual(parseAmount('0.01', 2), { ok: true, value: 1n });
  assert.deepEqual(parseAmount('-3', 2), { ok: true, value: -300n });
  assert.deepEqual(parseAmount('7.000', 0), { ok: true, value: 7n }, 'trailing zeros beyond the scale are harmless');
});

test('refuses more fraction digits than the scale, and non-numbers, with a reason', () => {
  const r = parseAmount('0.001', 2);
  assert.equal(r.ok, false);
  assert.match(!r.ok && r.error.kind === 'invalid-amount' ? r.error.reason : '', /more than 2 digits/);
  assert.equal(parseAmount('1e3', 2).ok, false);
  assert.equal(parseAmount('', 2).ok, false);
});

test('holds every amount up to 2^64 - 1 smallest units exactly, and refuses beyond it (either sign)', () => {
  const max = 2n ** 64n - 1n;
  assert.deepEqual(parseAmount('18446744073709551615', 0), { ok: true, value: max });
  assert.deepEqual(parseAmount('184467440737095516.15', 2), { ok: true, value: max });
  assert.deepEqual(parseAmount('-184467440737095516.15', 2), { ok: true, value: -max });
  assert.deepEqual(parseAmount('9007199254740993', 0), { ok: true, value: 2n ** 53n + 1n });
  for (const text of ['18446744073709551616', '-18446744073709551616', '184467440737095516.16', '99999999999999999999999']) {
    const r = parseAmount(text, text.includes('.') ? 2 : 0);
    assert.equal(r.ok, false, text);
    assert.match(!r.ok && r.error.kind === 'invalid-amount' ? r.error.reason : '', /beyond what the ledger can hold \(18446744073709551615|beyond what the ledger can hold \(184467440737095516\.15/);
  }
});

test('the faults: amounts-as-doubles rounds 2^64 - 1 to 2^64 (then refused), wrap-at-64-bits takes beyond modulo 2^64', () => {
  assert.equal(parseAmount('18446744073709551615', 0, new Set(['amounts-as-doubles'])).ok, false);
  assert.deepEqual(parseAmount('18446744073709551615', 0, new Set(['wrap-at-64-bits'])), { ok: true, value: 2n ** 64n - 1n });
  assert.deepEqual(parseAmount('18446744073709551616', 0, new Set(['wrap-at-64-bits'])), { ok: true, value: 0n });
  assert.deepEqual(parseAmount('18446744073709551617', 0, new Set(['wrap-at-64-bits'])), { ok: true, value: 1n });
});

test('formats without trailing fraction zeros and round-trips', () => {
  assert.equal(formatAmount(1250n, 2), '12.5');
  assert.equal(formatAmount(1n, 2), '0.01');
  assert.equal(formatAmount(-300n, 2), '-3');
  assert.equal(formatAmount(0n, 2), '0');
  assert.equal(formatAmount(42n, 0), '42');
  for (const text of ['0', '1', '99.99', '-0.5', '123456789.12']) {
    const r = parseAmount(text, 2);
    assert.ok(r.ok);
    assert.equal(formatAmount(r.value, 2), text);
  }
});
