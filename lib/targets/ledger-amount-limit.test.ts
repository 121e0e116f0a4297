import assert from 'node:assert/strict';
import test from 'node:test';
import { fiveBellsAmountLimit, ILP_FIRST_BEYOND, nativeAmountLimit, significantDigits } from './ledger-amount-limit';

test('native: max_amount at the scale bounds both signs; the first amount beyond is one unit more', () => {
  const limit = nativeAmountLimit({ max_amount: '184467440737095516.15', scale: 2 });
  assert.equal(limit.firstBeyond, 2n ** 64n);
  assert.equal(limit.beyond?.(2n ** 64n - 1n), false);
  assert.equal(limit.beyond?.(2n ** 64n), true);
  assert.equal(limit.beyond?.(-(2n ** 64n)), true);
  assert.equal(limit.beyond?.(-(2n ** 64n - 1n)), false);
  assert.match(limit.statement, /max_amount 184467440737095516\.15 \(18446744073709551615 smallest units at scale 2\)/);
  const lower = nativeAmountLimit({ max_amount: '1000', scale: 0 });
  assert.equal(lower.firstBeyond, 1001n);
});

test('native: no max_amount states no limit; the ILP UInt64 bound is what it is tried with', () => {
  const limit = nativeAmountLimit({ scale: 9 });
  assert.equal(limit.beyond, undefined);
  assert.equal(limit.firstBeyond, ILP_FIRST_BEYOND);
  assert.throws(() => nativeAmountLimit({ max_amount: '0.001', scale: 2 }), /max_amount "0.001" is no positive amount at its scale 2/);
  assert.throws(() => nativeAmountLimit({ max_amount: '0', scale: 2 }), /is no positive amount/);
});

test('five-bells: precision counts significant digits, so 10^p is held and 10^p + 1 is the first beyond above it', () => {
  assert.equal(significantDigits(0n), 1);
  assert.equal(significantDigits(10n ** 30n), 1);
  assert.equal(significantDigits(-1200n), 2);
  assert.equal(significantDigits(2n ** 64n - 1n), 20);
  const limit = fiveBellsAmountLimit(19, 9); // five-bells-ledger 21's defaults
  assert.equal(limit.firstBeyond, 10n ** 19n + 1n);
  assert.equal(limit.beyond?.(10n ** 19n - 1n), false);
  assert.equal(limit.beyond?.(10n ** 19n), false, 'one significant digit');
  assert.equal(limit.beyond?.(10n ** 19n + 1n), true);
  assert.equal(limit.beyond?.(limit.firstBeyond - 1n), false, 'one unit below the first beyond is held');
  assert.equal(limit.beyond?.(2n ** 64n - 1n), true, '2^64 - 1 needs 20 digits');
  assert.equal(limit.beyond?.(2n ** 53n + 1n), false);
  assert.match(limit.statement, /precision 19 at scale 9 \(at most 19 significant digits: every amount up to 9999999999999999999 smallest units\)/);
  assert.throws(() => fiveBellsAmountLimit(0, 9), /precision 0 is no positive integer/);
});
