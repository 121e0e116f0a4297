import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConverter, parseDecimal } from './amount-conversion';

const rates = { USD: '1', EUR: '0.5', XRP: '0.000001' };

test('same asset and scale converts one to one', () => {
  assert.equal(createConverter(rates, { code: 'USD', scale: 9 }, { code: 'USD', scale: 9 })(123456789n), 123456789n);
});

test('a smaller outgoing scale divides and rounds down', () => {
  const convert = createConverter(rates, { code: 'USD', scale: 9 }, { code: 'USD', scale: 6 });
  assert.equal(convert(1_000_000_000n), 1_000_000n);
  assert.equal(convert(1_999n), 1n);
  assert.equal(convert(999n), 0n);
});

test('a larger outgoing scale multiplies', () => {
  assert.equal(createConverter(rates, { code: 'USD', scale: 2 }, { code: 'USD', scale: 9 })(5n), 50_000_000n);
});

test('rates apply as rate[in] / rate[out]', () => {
  // One USD is worth two EUR when a EUR is worth half a base unit.
  assert.equal(createConverter(rates, { code: 'USD', scale: 9 }, { code: 'EUR', scale: 9 })(1000n), 2000n);
  assert.equal(createConverter(rates, { code: 'EUR', scale: 9 }, { code: 'USD', scale: 9 })(1001n), 500n);
  assert.equal(createConverter(rates, { code: 'XRP', scale: 6 }, { code: 'USD', scale: 9 })(3_000_000n), 3000n);
});

test('UInt64-sized amounts convert without losing precision', () => {
  const max = 18446744073709551615n;
  assert.equal(createConverter(rates, { code: 'USD', scale: 9 }, { code: 'USD', scale: 9 })(max), max);
  assert.equal(createConverter(rates, { code: 'USD', scale: 9 }, { code: 'EUR', scale: 9 })(max), max * 2n);
});

test('a malformed rate is refused with the text named', () => {
  assert.throws(() => parseDecimal('1e3'), /rate "1e3"/);
  assert.throws(() => createConverter({ USD: '1', EUR: '0' }, { code: 'USD', scale: 0 }, { code: 'EUR', scale: 0 }), /zero/);
});
