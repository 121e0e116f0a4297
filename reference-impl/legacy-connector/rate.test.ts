import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRate, worthAt } from './rate';

test('a rate converts exactly and rounds down, across scales', () => {
  assert.equal(worthAt(parseRate('1'), 1000n, 2, 2), 1000n);
  assert.equal(worthAt(parseRate('0.98'), 1000n, 2, 2), 980n);
  assert.equal(worthAt(parseRate('0.98'), 1001n, 2, 2), 980n); // 980.98 rounds down
  assert.equal(worthAt(parseRate('1'), 1000n, 2, 4), 100000n);
  assert.equal(worthAt(parseRate('2.5'), 3n, 0, 0), 7n);
});

test('a rate that is no decimal number, or zero, is refused', () => {
  for (const text of ['', '-1', '1e3', '1.', 'one', '0', '0.00']) assert.throws(() => parseRate(text), Error, text);
});
