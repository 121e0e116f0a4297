import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, parseTopology, peerByName, topologySecrets, TopologyError } from './topology';

const raw = () => JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8'));

test('the bundled topology loads, with amounts as bigint and default tokens', () => {
  const t = loadTopology(DEFAULT_TOPOLOGY_PATH, {});
  assert.equal(t.sut.address, 'test.sut');
  const alice = peerByName(t, 'alice');
  assert.equal(typeof alice.maxPacketAmount, 'bigint');
  assert.equal(alice.http.incoming.token, 'alice-to-sut-6f1c');
  assert.ok(!('description' in t.rates), 'rates carry only asset codes');
});

test('tokens come from the environment when set', () => {
  const t = parseTopology(raw(), { ILP_ALICE_TOKEN: 'from-env-token' });
  assert.equal(peerByName(t, 'alice').http.incoming.token, 'from-env-token');
  assert.ok(topologySecrets(t).includes('from-env-token'));
});

test('a token with neither env value nor default is a configuration error naming the variable', () => {
  const r = raw();
  delete r.peers[0].http.incoming.token.default;
  assert.throws(() => parseTopology(r, {}), (e: unknown) => e instanceof TopologyError && /ILP_ALICE_TOKEN/.test(e.message));
});

test('schema violations are reported with their JSON path', () => {
  const r = raw();
  r.sut.address = 'nope.sut';
  assert.throws(() => parseTopology(r, {}), /\/sut\/address/);
});

test('a route to an unknown peer, a duplicate peer and a missing rate are refused', () => {
  const r1 = raw();
  r1.routes.push({ prefix: 'test.zed', peer: 'zed' });
  assert.throws(() => parseTopology(r1, {}), /unknown peer "zed"/);
  const r2 = raw();
  r2.peers.push(r2.peers[0]);
  assert.throws(() => parseTopology(r2, {}), /appears twice/);
  const r3 = raw();
  delete r3.rates.EUR;
  assert.throws(() => parseTopology(r3, {}), /no rate for asset EUR/);
});

test('an unreadable file names the path', () => {
  assert.throws(() => loadTopology('/nonexistent/topology.json'), /cannot read topology \/nonexistent\/topology.json/);
});

test('peerByName lists the known peers when the name is wrong', () => {
  assert.throws(() => peerByName(loadTopology(), 'mallory'), /no peer "mallory" \(peers: alice,/);
});
