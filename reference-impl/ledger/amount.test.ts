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
  assert.equal(parseAmount(`${2n ** 62n + 1n}`, 0).ok, false);
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
