import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePrepare, PEER_PROTOCOL_CONDITION } from '../../lib/codec';
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import { loadTopology, peerByName } from '../../contracts/topology';
import { createConnector } from './connector';
import type { IlpRule } from './context';
import { BalanceBook } from './balance-book';
import { composeRules, createRules } from './pipeline';
import { RoutingTable } from './routing-table';
import type { SendPrepare } from './transport';
import { aContext, aFulfill, aReject, FULFILLMENT, CONDITION } from './test-support';

const topology = loadTopology();

test('the rules run in the documented order', () => {
  const rules = createRules({
    topology,
    peers: new Map(),
    table: new RoutingTable(),
    book: new BalanceBook([]),
    send: async () => aFulfill(),
  });
  assert.deepEqual(
    rules.map((r) => r.name),
    [
      'reject-on-error',
      'validate-prepare',
      'reduce-expiry',
      'max-packet-amount',
      'peer-protocol',
      'network-split',
      'route',
      'incoming-balance',
      'exchange-rate',
      'outgoing-balance',
      'check-fulfillment',
      'busy-next-hop',
      'outgoing-expiry',
      'forward',
    ],
  );
});

test('composeRules hands each rule the next one, and the reply travels back up', async () => {
  const trail: string[] = [];
  const rule = (name: string): IlpRule => ({
    name,
    async handle(ctx, next) {
      trail.push(`>${name}`);
      const reply = name === 'c' ? aFulfill() : await next(ctx);
      trail.push(`<${name}`);
      return reply;
    },
  });
  await composeRules([rule('a'), rule('b'), rule('c')])(aContext());
  assert.deepEqual(trail, ['>a', '>b', '>c', '<c', '<b', '<a']);
});

// Whole-pipeline checks through createConnector, with a transport that stands in for the next hop.
const alice = peerByName(topology, 'alice');
const bob = peerByName(topology, 'bob');

function setup(answer: (prepare: IlpPrepare) => Promise<IlpReply>) {
  const sent: IlpPrepare[] = [];
  const send: SendPrepare = async (_peer, prepare) => {
    sent.push(prepare);
    return answer(prepare);
  };
  const lines: string[] = [];
  return { sent, lines, connector: createConnector({ topology, send, log: (l) => lines.push(l) }) };
}

const prepareTo = (destination: string, fields: Partial<IlpPrepare> = {}) =>
  encodePrepare({ amount: 1000n, expiresAt: new Date(Date.now() + 3000), executionCondition: CONDITION, destination, data: new Uint8Array([5]), ...fields });

test('a fulfilled packet is committed on both accounts and logged in one line without tokens', async () => {
  const { connector, sent, lines } = setup(async () => aFulfill());
  const { reply } = await connector.handle(alice, prepareTo('test.bob.k1'));
  assert.equal(reply.type, 13);
  assert.equal(sent.length, 1);
  assert.equal(connector.book.snapshot('alice').balance, 1000n);
  assert.equal(connector.book.snapshot('bob').balance, -1000n);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^alice -> bob 1000>1000 test.bob.k1 fulfilled \d+ms$/);
  assert.ok(!lines[0]!.includes(alice.http.incoming.token));
});

test('a bad fulfillment is never committed: F05 from us, balances unchanged', async () => {
  const { connector } = setup(async () => ({ type: 13, fulfillment: new Uint8Array(32), data: new Uint8Array(0) }));
  const { reply } = await connector.handle(alice, prepareTo('test.bob.k2'));
  assert.equal(reply.type === 14 && `${reply.code} ${reply.triggeredBy}`, 'F05 test.sut');
  assert.deepEqual(connector.book.snapshot('alice'), { balance: 0n, pendingIncoming: 0n, pendingOutgoing: 0n });
  assert.deepEqual(connector.book.snapshot('bob'), { balance: 0n, pendingIncoming: 0n, pendingOutgoing: 0n });
});

test('a downstream Reject is relayed unchanged and nothing is committed', async () => {
  const reject = aReject('T99');
  const { connector } = setup(async () => reject);
  const { reply } = await connector.handle(alice, prepareTo('test.bob.k3'));
  assert.equal(reply, reject);
  assert.equal(connector.book.snapshot('alice').balance, 0n);
});

test('a child gets its IL-DCP answer without anything being forwarded', async () => {
  const { connector, sent } = setup(async () => aFulfill());
  const { reply } = await connector.handle(alice, prepareTo('peer.config', { amount: 0n, executionCondition: PEER_PROTOCOL_CONDITION, data: new Uint8Array(0) }));
  assert.equal(reply.type, 13);
  assert.equal(sent.length, 0);
});

test('a child is reachable under the address IL-DCP gave it', async () => {
  const { connector, sent } = setup(async () => aFulfill());
  await connector.handle(bob, prepareTo('test.sut.amy.k4'));
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.destination, 'test.sut.amy.k4');
});

test('no route: F02 from us, nothing forwarded, the undecodable and the unroutable are logged', async () => {
  const { connector, sent, lines } = setup(async () => aFulfill());
  const { reply } = await connector.handle(alice, prepareTo('test.nowhere.k5'));
  assert.equal(reply.type === 14 && `${reply.code} ${reply.triggeredBy}`, 'F02 test.sut');
  const garbage = await connector.handle(alice, new Uint8Array([1, 2, 3]));
  assert.equal(garbage.reply.type === 14 && garbage.reply.code, 'F01');
  assert.equal(garbage.prepare, undefined);
  assert.equal(sent.length, 0);
  assert.match(lines[1]!, /^alice -> - \(3 bytes, undecodable\) - rejected F01 by test.sut/);
});

test('the fulfillment the next hop sends comes back byte for byte', async () => {
  const data = new Uint8Array(100).map((_, i) => i);
  const { connector } = setup(async () => ({ type: 13, fulfillment: FULFILLMENT, data }));
  const { reply } = await connector.handle(alice, prepareTo('test.bob.k6'));
  assert.deepEqual(reply, { type: 13, fulfillment: FULFILLMENT, data });
});
