import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, aPeer, expectIlpError, recordingNext } from '../test-support';
import { createExchangeRateRule } from './exchange-rate';

const rule = createExchangeRateRule({ rates: { USD: '1', EUR: '0.5' } });
const alice = aPeer({ name: 'alice', asset: { code: 'USD', scale: 9 } });
const carol = aPeer({ name: 'carol', asset: { code: 'USD', scale: 6 } });
const erin = aPeer({ name: 'erin', asset: { code: 'EUR', scale: 9 } });

async function convert(amount: bigint, to = carol) {
  const ctx = aContext({ amount }, alice);
  ctx.nextHop = to;
  const next = recordingNext();
  await rule.handle(ctx, next);
  assert.equal(next.calls, 1);
  return ctx.outgoingAmount;
}

test('scale 9 to scale 6 rounds down: 999 -> R01, 1000 -> 1, 1001 -> 1', async () => {
  const ctx = aContext({ amount: 999n }, alice);
  ctx.nextHop = carol;
  const next = recordingNext();
  const error = await expectIlpError(rule, ctx, next, 'R01');
  assert.match(error.message, /amount=999 from=USD\/9 to=USD\/6/);
  assert.equal(next.calls, 0);
  assert.equal(await convert(1000n), 1n);
  assert.equal(await convert(1001n), 1n);
});

test('a zero amount is forwarded as zero', async () => {
  assert.equal(await convert(0n), 0n);
});

test('rates apply: USD to EUR at 1 / 0.5', async () => {
  assert.equal(await convert(1000n, erin), 2000n);
});

test('a converted amount above UInt64 is F03', async () => {
  const ctx = aContext({ amount: 18446744073709551615n }, alice);
  ctx.nextHop = erin;
  await expectIlpError(rule, ctx, recordingNext(), 'F03');
});
