// End to end through the real ilp-connector (skipped unless `npm --prefix examples/ilp-connector ci` ran):
// the generated configuration must route, convert and authenticate as the topology says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { decodePrepare, decodeReply, encodeFulfill, encodePrepare } from '../../lib/codec';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, peerByName, type Topology } from '../../contracts/topology';
import { startIlpConnector } from './launch';

const installed = existsSync(join(__dirname, 'node_modules', 'ilp-connector'));

test('ilp-connector forwards by the static routes, converts to carol\'s scale and checks tokens', { skip: !installed && 'ilp-connector not installed' }, async () => {
  const fulfillment = randomBytes(32);
  const seen: Array<{ peer: string; amount: bigint; auth: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const prepare = decodePrepare(Buffer.concat(chunks));
      seen.push({ peer: req.url!.slice(1), amount: prepare.amount, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(encodeFulfill({ fulfillment, data: new Uint8Array() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const file = loadTopology(DEFAULT_TOPOLOGY_PATH, {});
  const topology: Topology = {
    ...file,
    sut: { ...file.sut, url: 'http://127.0.0.1:0' },
    peers: file.peers.map((p) => ({ ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: `http://127.0.0.1:${port}/${p.name}` } } })),
  };
  const log = new PassThrough();
  log.resume();
  const connector = await startIlpConnector({ topology, port: 0, logStream: log });
  const alice = peerByName(topology, 'alice');
  const send = async (destination: string, amount: bigint, token = alice.http.incoming.token) => {
    const body = encodePrepare({
      amount,
      destination,
      expiresAt: new Date(Date.now() + 3000),
      executionCondition: createHash('sha256').update(fulfillment).digest(),
      data: new Uint8Array(),
    });
    const res = await fetch(`${connector.url}${alice.http.incoming.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body,
      signal: AbortSignal.timeout(5000),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, reply: res.status === 200 ? decodeReply(bytes) : undefined };
  };
  try {
    const toCarol = await send('test.carol.launch-test', 5_000_000n);
    assert.equal(toCarol.reply?.type, 13, `expected a Fulfill, got ${JSON.stringify(toCarol)}`);
    assert.deepEqual(seen.at(-1), { peer: 'carol', amount: 5000n, auth: `Bearer ${peerByName(topology, 'carol').http.outgoing.token}` });

    const toDeep = await send('test.lp.deep.launch-test', 7n);
    assert.equal(toDeep.reply?.type, 13);
    assert.equal(seen.at(-1)!.peer, 'carol', 'the longer prefix wins');

    const unrouted = await send('test.nowhere.launch-test', 7n);
    assert.equal(unrouted.reply?.type, 14);
    assert.equal(unrouted.reply?.type === 14 && unrouted.reply.code, 'F02', 'no default route to the parent');

    assert.equal((await send('test.bob.launch-test', 1n, 'not-the-token')).status, 401);
    assert.equal(seen.length, 2, 'only the two routed Prepares reached a peer');
  } finally {
    await connector.close();
    server.close();
  }
});
