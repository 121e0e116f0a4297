import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeIldcpResponse, PEER_PROTOCOL_CONDITION, PEER_PROTOCOL_FULFILLMENT } from '../../../lib/codec';
import { aContext, aPeer, CONDITION, expectIlpError, recordingNext } from '../test-support';
import { createPeerProtocolRule } from './peer-protocol';

const rule = createPeerProtocolRule({ address: 'test.sut' });
const child = aPeer({ name: 'amy', relation: 'child', asset: { code: 'XYZ', scale: 3 } });
const ildcpRequest = { destination: 'peer.config', amount: 0n, executionCondition: PEER_PROTOCOL_CONDITION, data: new Uint8Array(0) };

test('peer.config from a child is answered with its address, asset code and scale', async () => {
  const next = recordingNext();
  const reply = await rule.handle(aContext(ildcpRequest, child), next);
  assert.equal(next.calls, 0);
  assert.equal(reply.type, 13);
  if (reply.type !== 13) return;
  assert.deepEqual(Buffer.from(reply.fulfillment), Buffer.from(PEER_PROTOCOL_FULFILLMENT));
  assert.deepEqual(decodeIldcpResponse(reply.data), { clientAddress: 'test.sut.amy', assetScale: 3, assetCode: 'XYZ' });
});

const refused = [
  ['peer.config from a peer', { ...ildcpRequest }, aPeer({ name: 'bob', relation: 'peer' }), /children only/],
  ['peer.config from a parent', { ...ildcpRequest }, aPeer({ name: 'paul', relation: 'parent' }), /children only/],
  ['peer.config with another condition', { ...ildcpRequest, executionCondition: CONDITION }, child, /condition/],
  ['an unknown peer protocol', { ...ildcpRequest, destination: 'peer.foo.bar' }, child, /unknown peer protocol/],
  ['route broadcasts (no CCP here)', { ...ildcpRequest, destination: 'peer.route.control' }, child, /unknown peer protocol/],
] as const;

for (const [what, prepare, from, reason] of refused) {
  test(`${what} is F01 and never goes on`, async () => {
    const next = recordingNext();
    const error = await expectIlpError(rule, aContext(prepare, from), next, 'F01');
    assert.match(error.message, reason);
    assert.equal(next.calls, 0);
  });
}

test('other destinations go on untouched', async () => {
  const next = recordingNext();
  await rule.handle(aContext({ destination: 'test.peer.config' }, child), next);
  assert.equal(next.calls, 1);
});
