import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_TOPOLOGY_PATH, parseTopology, TopologyError } from './topology';
import { offsetTopologyPorts, topologyPorts } from './topology-offset';

const raw = () => JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')) as unknown;

test('an offset moves the SUT port and every peer port, and the result still loads', () => {
  const base = topologyPorts(raw());
  assert.deepEqual([Math.min(...base), Math.max(...base)], [7770, 7785]);
  const moved = offsetTopologyPorts(raw(), 200);
  assert.deepEqual(topologyPorts(moved), base.map((p) => p + 200));
  const t = parseTopology(moved, {});
  assert.equal(t.sut.url, 'http://127.0.0.1:7970');
  assert.equal(t.peers.find((p) => p.name === 'bob')!.http.outgoing.url, 'http://127.0.0.1:7981/ilp');
  assert.equal(t.peers.find((p) => p.name === 'bob')!.http.incoming.path, '/ilp/bob', 'paths and tokens are kept');
});

test('offset 0 changes nothing, and the input is not modified', () => {
  const input = raw();
  const before = JSON.stringify(input);
  assert.deepEqual(offsetTopologyPorts(input, 0), input);
  offsetTopologyPorts(input, 300);
  assert.equal(JSON.stringify(input), before);
});

test('an offset beyond the port range or a broken topology is a TopologyError naming the problem', () => {
  assert.throws(() => offsetTopologyPorts(raw(), 58_000), (e: unknown) => e instanceof TopologyError && /sut\.url port 7770 \+ 58000 is above 65535/.test(e.message));
  assert.throws(() => offsetTopologyPorts(raw(), -1), /whole number/);
  assert.throws(() => offsetTopologyPorts({ peers: [] }, 10), /no sut\.url/);
});
