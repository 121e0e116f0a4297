import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, expectIlpError, NOW, recordingNext } from '../test-support';
import { createReduceExpiryRule } from './reduce-expiry';

const rule = createReduceExpiryRule({ minMessageWindowMs: 400, maxHoldTimeMs: 5000, now: () => NOW });
const expiringIn = (ms: number) => aContext({ expiresAt: new Date(NOW + ms) });

// The two bounds meet at 5400 ms left: incoming - 400 == now + 5000.
for (const [left, forwarded] of [
  [5399, 4999],
  [5400, 5000],
  [5401, 5000],
  [60_000, 5000],
] as const) {
  test(`${left} ms left forwards with ${forwarded} ms (min of incoming - window, now + max hold)`, async () => {
    const ctx = expiringIn(left);
    const next = recordingNext();
    await rule.handle(ctx, next);
    assert.equal(next.calls, 1);
    assert.equal(ctx.outgoingExpiresAt?.getTime(), NOW + forwarded);
  });
}

test('401 ms left forwards with 1 ms; 400 ms left is R02 and nothing is forwarded', async () => {
  const ctx = expiringIn(401);
  await rule.handle(ctx, recordingNext());
  assert.equal(ctx.outgoingExpiresAt?.getTime(), NOW + 1);
  const next = recordingNext();
  await expectIlpError(rule, expiringIn(400), next, 'R02');
  assert.equal(next.calls, 0);
});

test('the incoming Prepare is left as it was', async () => {
  const ctx = expiringIn(2000);
  await rule.handle(ctx, recordingNext());
  assert.equal(ctx.prepare.expiresAt.getTime(), NOW + 2000);
});

test('401 ms left with a 400 ms window goes on', async () => {
  const next = recordingNext();
  await rule.handle(expiringIn(401), next);
  assert.equal(next.calls, 1);
});

for (const ms of [400, 399]) {
  test(`${ms} ms left with a 400 ms window is R02, with the time left in the message`, async () => {
    const next = recordingNext();
    const error = await expectIlpError(rule, expiringIn(ms), next, 'R02');
    assert.match(error.message, new RegExp(`leftMs=${ms} minMessageWindowMs=400`));
    assert.equal(next.calls, 0);
  });
}

for (const ms of [0, -1]) {
  test(`a Prepare expiring ${ms} ms from now has expired: R02`, async () => {
    const next = recordingNext();
    const error = await expectIlpError(rule, expiringIn(ms), next, 'R02');
    assert.match(error.message, /already expired/);
    assert.equal(next.calls, 0);
  });
}
