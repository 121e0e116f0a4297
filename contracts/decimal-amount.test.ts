import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDecimalAmount, parseDecimalAmount } from './decimal-amount';

test('decimal amounts read at the scale, trailing zeros are not finer digits', () => {
  assert.deepEqual(parseDecimalAmount('12.5', 2), { ok: true, units: 1250n });
  assert.deepEqual(parseDecimalAmount('1.50', 1), { ok: true, units: 15n });
  assert.deepEqual(parseDecimalAmount('-0.01', 2), { ok: true, units: -1n });
  assert.deepEqual(parseDecimalAmount('7', 0), { ok: true, units: 7n });
});

test('a digit finer than the scale, or text that is no decimal number, is refused with the reason', () => {
  const finer = parseDecimalAmount('0.001', 2);
  assert.ok(!finer.ok && /more than 2 digits/.test(finer.reason));
  for (const text of ['', '1.', '.5', '+1', '1e3', ' 1', '0x10']) assert.equal(parseDecimalAmount(text, 2).ok, false, text);
});

test('formatting is the inverse of reading, without trailing fraction zeros', () => {
  assert.equal(formatDecimalAmount(1250n, 2), '12.5');
  assert.equal(formatDecimalAmount(-1n, 2), '-0.01');
  assert.equal(formatDecimalAmount(0n, 3), '0');
  for (const units of [0n, 1n, -1n, 9n, 10n, 123456789n, -(2n ** 62n)]) {
    const back = parseDecimalAmount(formatDecimalAmount(units, 4), 4);
    assert.deepEqual(back, { ok: true, units });
  }
});
