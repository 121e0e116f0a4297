import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, expectIlpError, NOW, recordingNext } from '../test-support';
import { createIncomingExpiryRule } from './incoming-expiry';

const rule = createIncomingExpiryRule({ minMessageWindowMs: 400, now: () => NOW });
const expiringIn = (ms: number) => aContext({ expiresAt: new Date(NOW + ms) });

test('401 ms left with a 400 ms window goes on', async () => {
  const next = recordingNext();
  await rule.handle(expiringIn(401), next);
  assert.equal(next.calls, 1);
});

for (const ms of [400, 399]) {
  test(`${ms} ms left with a 400 ms window is R02`, async () => {
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
