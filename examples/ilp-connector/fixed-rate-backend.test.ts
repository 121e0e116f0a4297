import { test } from 'node:test';
import assert from 'node:assert/strict';
import FixedRateBackend from './fixed-rate-backend';

const accounts: Record<string, { assetCode: string; assetScale: number }> = {
  usd9: { assetCode: 'USD', assetScale: 9 },
  usd6: { assetCode: 'USD', assetScale: 6 },
  eur9: { assetCode: 'EUR', assetScale: 9 },
  yen0: { assetCode: 'JPY', assetScale: 0 },
};
const backend = (rates: Record<string, string> = { USD: '1', EUR: '0.5', description: 'ignored' }) =>
  new FixedRateBackend({ rates }, { getInfo: (id) => accounts[id] });

test('same asset and scale: 1; scale changes shift by powers of ten', async () => {
  const b = backend();
  assert.equal(await b.getRate('usd9', 'usd9'), 1);
  assert.equal(await b.getRate('usd9', 'usd6'), 0.001);
  assert.equal(await b.getRate('usd6', 'usd9'), 1000);
});

test('asset codes convert by the ratio of their values in the common base', async () => {
  const b = backend();
  assert.equal(await b.getRate('usd9', 'eur9'), 2);
  assert.equal(await b.getRate('eur9', 'usd9'), 0.5);
  assert.equal(await b.getRate('eur9', 'usd6'), 0.0005);
});

test('binary fractions are rounded away (0.3 / 0.1 gives 3, not 2.9999999999999996)', async () => {
  const b = backend({ USD: '0.3', EUR: '0.3333333333333333333', JPY: '0.1' });
  assert.equal(await b.getRate('usd9', 'yen0'), Number((3e-9).toPrecision(15)));
  assert.equal(await b.getRate('yen0', 'usd6'), Number((1e6 / 3).toPrecision(15)));
});

test('unknown accounts, missing and malformed rates are errors naming what is missing', async () => {
  await assert.rejects(backend().getRate('usd9', 'nobody'), /no account nobody/);
  await assert.rejects(backend().getRate('usd9', 'yen0'), /no rate for asset JPY/);
  assert.throws(() => backend({ USD: '-1' }), /rate for USD must be a positive decimal/);
  assert.throws(() => backend({ USD: '0' }), /rate for USD must be a positive decimal/);
});
