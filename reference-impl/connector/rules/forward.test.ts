import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IlpPrepare } from '../../../lib/codec/types';
import type { PeerConfig } from '../../../contracts/topology';
import { Cancellation, type SendPrepare, TransportError } from '../transport';
import { aContext, aFulfill, aPeer, expectIlpError, NOW, recordingNext } from '../test-support';
import { createForwardRule } from './forward';

const bob = aPeer({ name: 'bob', relation: 'peer' });

function readyContext() {
  const ctx = aContext({ amount: 1000n, expiresAt: new Date(NOW + 10_000) });
  ctx.nextHop = bob;
  ctx.outgoingAmount = 1n;
  ctx.outgoingExpiresAt = new Date(NOW + 5000);
  ctx.cancellation = new Cancellation();
  return ctx;
}

test('forwards with only amount and expiresAt changed, to the next hop, and returns its reply', async () => {
  const sent: [PeerConfig, IlpPrepare][] = [];
  const fulfill = aFulfill();
  const rule = createForwardRule({ send: async (peer, prepare) => (sent.push([peer, prepare]), fulfill) });
  const ctx = readyContext();
  const next = recordingNext();
  assert.equal(await rule.handle(ctx, next), fulfill);
  assert.equal(next.calls, 0);
  const [peer, prepare] = sent[0]!;
  assert.equal(peer, bob);
  assert.deepEqual(prepare, { ...ctx.prepare, amount: 1n, expiresAt: new Date(NOW + 5000) });
});

const failures: [string, TransportError, string][] = [
  ['a refused connection', new TransportError('unreachable', 'ECONNREFUSED'), 'T01'],
  ['HTTP 404', new TransportError('status', 'HTTP 404', 404), 'T01'],
  ['HTTP 500', new TransportError('status', 'HTTP 500', 500), 'T00'],
  ['HTTP 503', new TransportError('status', 'HTTP 503', 503), 'T00'],
  ['a body that is no ILP reply', new TransportError('invalid-reply', 'garbage'), 'T00'],
  ['an aborted request', new TransportError('aborted', 'aborted'), 'R00'],
];

for (const [what, failure, code] of failures) {
  test(`${what} from the transport is ${code}`, async () => {
    const send: SendPrepare = async () => {
      throw failure;
    };
    const error = await expectIlpError(createForwardRule({ send }), readyContext(), recordingNext(), code);
    assert.match(error.message, /peer=bob/);
  });
}

test('without a next hop it is T00, a rule-order bug', async () => {
  const ctx = readyContext();
  ctx.nextHop = undefined;
  await expectIlpError(createForwardRule({ send: async () => aFulfill() }), ctx, recordingNext(), 'T00');
});
