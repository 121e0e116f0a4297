import assert from 'node:assert/strict';
import test from 'node:test';
import { fiveBellsAmountLimit, nativeAmountLimit } from '../../lib/targets/ledger-amount-limit';
import { largest, limitVerdict, parseLimitUnits, resolveLimitUnits } from './amount-limit-judge';

const MAX = 2n ** 64n - 1n;

test('a stated limit: within it must be accepted, beyond it refused; a broken answer never passes', () => {
  const limit = nativeAmountLimit({ max_amount: '18446744073709551615', scale: 0 });
  assert.equal(limitVerdict(limit, MAX, 'accepted'), undefined);
  assert.match(limitVerdict(limit, MAX, 'refused') ?? '', /holds 18446744073709551615 smallest units to the unit: it is within/);
  assert.equal(limitVerdict(limit, MAX + 1n, 'refused'), undefined);
  assert.match(limitVerdict(limit, MAX + 1n, 'accepted') ?? '', /a refusal: it would make the ledger hold 18446744073709551616 smallest units, beyond what it says it can hold, max_amount/);
  assert.equal(limitVerdict(limit, 1n, 'broken'), 'an acceptance or a 4xx refusal');
});

test('no stated limit: accepting (exactly, judged by the balances) or refusing (whole) are both allowed', () => {
  const limit = nativeAmountLimit({ scale: 2 });
  assert.equal(limitVerdict(limit, MAX, 'accepted'), undefined);
  assert.equal(limitVerdict(limit, MAX, 'refused'), undefined);
  assert.equal(limitVerdict(limit, MAX + 1n, 'accepted'), undefined);
  assert.equal(limitVerdict(limit, MAX, 'broken'), 'an acceptance or a 4xx refusal');
});

test('Five Bells precision 19: 2^64 - 1 is beyond it, so the 2^64 - 1 rows must be refused whole there', () => {
  const limit = fiveBellsAmountLimit(19, 9);
  assert.match(limitVerdict(limit, MAX, 'accepted') ?? '', /beyond what it says it can hold, precision 19 at scale 9/);
  assert.equal(limitVerdict(limit, MAX, 'refused'), undefined);
  assert.equal(limitVerdict(limit, 10n ** 19n, 'accepted'), undefined);
});

test('step words: digits or the first amount beyond the limit, resolved against it', () => {
  const limit = nativeAmountLimit({ max_amount: '1000', scale: 0 });
  assert.equal(resolveLimitUnits(parseLimitUnits('the first amount beyond it'), limit), 1001n);
  assert.equal(resolveLimitUnits(parseLimitUnits('one unit below the first amount beyond it'), limit), 1000n);
  assert.equal(resolveLimitUnits(parseLimitUnits('18446744073709551615'), limit), MAX);
  assert.equal(resolveLimitUnits(parseLimitUnits('the first amount beyond it'), nativeAmountLimit({ scale: 2 })), 2n ** 64n);
  assert.throws(() => parseLimitUnits('lots'), /"lots" is not a number of smallest units/);
  assert.equal(largest(3n, -7n, 5n), 7n);
});
