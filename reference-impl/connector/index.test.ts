import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { decodeIldcpResponse, decodeReply, encodePrepare, forgePrepare, PEER_PROTOCOL_CONDITION } from '../../lib/codec';
import type { IlpPrepare, IlpReject, IlpReply } from '../../lib/codec/types';
import { peerByName, type Topology } from '../../contracts/topology';
import { startReferenceConnector, type RunningConnector } from './index';
import { closeServer, listenOnLoopback, postBytes, startTestPeers, topologyWithPeersAt, type TestPeers } from './http/test-peers';
import { CONDITION } from './test-support';

let peers: TestPeers;
let topology: Topology;
let connector: RunningConnector;
const agent = new http.Agent({ keepAlive: true });
const lines: string[] = [];
let counter = 0;

before(async () => {
  peers = await startTestPeers(() => topology);
  const closedPort = await unusedPort();
  const base = topologyWithPeersAt(peers.url);
  topology = {
    ...base,
    // erin's server is down: nothing listens on its port.
    peers: base.peers.map((p) => (p.name === 'erin' ? { ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: `http://127.0.0.1:${closedPort}/erin` } } } : p)),
  };
  connector = await startReferenceConnector({ topology, port: 0, log: (line) => lines.push(line) });
});

after(async () => {
  await connector?.close();
  await peers?.close();
  agent.destroy();
});

function prepare(destination: string, fields: Partial<IlpPrepare> = {}): IlpPrepare {
  return {
    type: 12,
    amount: 1000n,
    expiresAt: new Date(Date.now() + 3000),
    executionCondition: CONDITION,
    destination: `${destination}.${++counter}`,
    data: new Uint8Array([1, 2, 3]),
    ...fields,
  };
}

async function sendFrom(peerName: string, body: Uint8Array, headers: http.OutgoingHttpHeaders = {}) {
  const peer = peerByName(topology, peerName);
  return postBytes(agent, `${connector.url}${peer.http.incoming.path}`, {
    Authorization: `Bearer ${peer.http.incoming.token}`,
    'Content-Type': 'application/octet-stream',
    ...headers,
  }, body);
}

async function replyTo(body: Uint8Array, from = 'alice'): Promise<IlpReply> {
  const answer = await sendFrom(from, body);
  assert.equal(answer.status, 200, answer.body.toString());
  assert.equal(answer.headers['content-type'], 'application/octet-stream');
  return decodeReply(answer.body);
}

function assertRejectedByUs(reply: IlpReply, codes: readonly string[]): IlpReject {
  assert.equal(reply.type, 14, 'expected a Reject');
  const reject = reply as IlpReject;
  assert.ok(codes.includes(reject.code), `expected ${codes.join('/')}, got ${reject.code} ${reject.message}`);
  assert.equal(reject.triggeredBy, 'test.sut');
  return reject;
}

const seenFor = (destination: string) => peers.seen.filter((s) => s.prepare?.destination === destination);

test('sync: a Prepare is forwarded with only amount and expiry changed, and the Fulfill comes back', async () => {
  const sent = prepare('test.bob.fulfill');
  const reply = await replyTo(encodePrepare(sent));
  assert.equal(reply.type, 13);
  const [forwarded] = seenFor(sent.destination);
  assert.ok(forwarded?.prepare);
  assert.equal(forwarded.path, '/bob');
  assert.equal(forwarded.headers.authorization, `Bearer ${peerByName(topology, 'bob').http.outgoing.token}`);
  assert.equal(forwarded.headers['content-type'], 'application/octet-stream');
  assert.equal(forwarded.headers.accept, 'application/octet-stream');
  assert.deepEqual(forwarded.prepare.executionCondition, Buffer.from(sent.executionCondition));
  assert.deepEqual(forwarded.prepare.data, Buffer.from(sent.data));
  assert.equal(forwarded.prepare.amount, 1000n);
  // minMessageWindowMs is 400 and maxHoldTimeMs 5000: with 3 s left the window is what shortens it.
  assert.equal(forwarded.prepare.expiresAt.getTime(), sent.expiresAt.getTime() - 400);
});

test('the per-packet log line carries no token', () => {
  assert.ok(lines.length > 0);
  for (const line of lines) for (const p of topology.peers) assert.ok(!line.includes(p.http.incoming.token) && !line.includes(p.http.outgoing.token), line);
});

test('ilp+octet-stream (as ilp-plugin-http sends) is accepted too', async () => {
  const answer = await sendFrom('alice', encodePrepare(prepare('test.bob.fulfill')), { 'Content-Type': 'application/ilp+octet-stream' });
  assert.equal(decodeReply(answer.body).type, 13);
});

test('a missing or wrong token is 401 and nothing is processed', async () => {
  const sent = prepare('test.bob.fulfill');
  const url = `${connector.url}/ilp/alice`;
  const missing = await postBytes(agent, url, {}, encodePrepare(sent));
  const wrong = await postBytes(agent, url, { Authorization: `Bearer ${peerByName(topology, 'bob').http.incoming.token}` }, encodePrepare(sent));
  assert.equal(missing.status, 401);
  assert.equal(wrong.status, 401);
  assert.equal(seenFor(sent.destination).length, 0);
});

test('unknown paths are 404 and other methods 405', async () => {
  assert.equal((await postBytes(agent, `${connector.url}/ilp/nobody`, {}, new Uint8Array(0))).status, 404);
  const get = await new Promise<number>((resolve, reject) =>
    http.get(`${connector.url}/ilp/alice`, { agent }, (r) => (r.resume(), resolve(r.statusCode ?? 0))).on('error', reject),
  );
  assert.equal(get, 405);
});

test('a Prepare with 32767 bytes of data and a 1023-character destination is admitted', async () => {
  const destination = `test.bob.fulfill.${'x'.repeat(1023 - 'test.bob.fulfill.'.length - 6)}`;
  const sent = prepare(destination, { data: new Uint8Array(32767).fill(0xab) });
  assert.equal(sent.destination.length <= 1023, true);
  const reply = await replyTo(encodePrepare(sent));
  assert.equal(reply.type, 13);
  assert.equal(seenFor(sent.destination)[0]?.prepare?.data.length, 32767);
});

test('a body above 64 KiB is 413', async () => {
  const answer = await sendFrom('alice', new Uint8Array(64 * 1024 + 1));
  assert.equal(answer.status, 413);
});

test('a body that is not a Prepare gets 200 with an F01 Reject from us', async () => {
  assertRejectedByUs(await replyTo(new Uint8Array([0x0c, 0x05, 1, 2])), ['F01']);
  assertRejectedByUs(await replyTo(new Uint8Array(0)), ['F01']);
  assertRejectedByUs(await replyTo(forgePrepare(prepare('test.bob.fulfill'), { kind: 'raw-expires-at', text: '20301301000000000' })), ['F01']);
});

test('non-canonical input is accepted and forwarded canonically', async () => {
  const sent = prepare('test.bob.fulfill');
  assert.equal((await replyTo(forgePrepare(sent, { kind: 'non-canonical-length', where: 'data' }))).type, 13);
  const forwarded = seenFor(sent.destination)[0]!;
  assert.deepEqual(forwarded.body, Buffer.from(encodePrepare(forwarded.prepare!)));
});

test('a silent next hop: R00 at the forwarded expiry, and the outgoing request is abandoned', async () => {
  const sent = prepare('test.bob.silent', { expiresAt: new Date(Date.now() + 1000) });
  assertRejectedByUs(await replyTo(encodePrepare(sent)), ['R00']);
  const [forwarded] = seenFor(sent.destination);
  await within(forwarded!.abandoned, 'the connector to abandon its request to the silent peer');
});

test('a wrong fulfillment is never passed back: a Reject from us', async () => {
  assertRejectedByUs(await replyTo(encodePrepare(prepare('test.bob.wrong'))), ['F05']);
});

test('a downstream Reject is relayed with code, triggeredBy, message and data intact', async () => {
  const reply = await replyTo(encodePrepare(prepare('test.bob.reject')));
  assert.deepEqual(reply, { type: 14, code: 'F99', triggeredBy: 'test.bob', message: 'scripted', data: Buffer.from([1, 2, 3]) });
});

for (const [behaviour, codes] of [
  ['garbage', ['T00']],
  ['http500', ['T00']],
  ['http404', ['T01']],
] as const) {
  test(`a next hop answering ${behaviour} is a T-class Reject (${codes.join('/')}) from us`, async () => {
    assertRejectedByUs(await replyTo(encodePrepare(prepare(`test.bob.${behaviour}`))), codes);
  });
}

test('a next hop that refuses connections is T01 from us', async () => {
  assertRejectedByUs(await replyTo(encodePrepare(prepare('test.erin.fulfill'))), ['T01']);
});

test('IL-DCP: a child asking peer.config learns its address and asset', async () => {
  const ildcp = encodePrepare({ amount: 0n, expiresAt: new Date(Date.now() + 60_000), executionCondition: PEER_PROTOCOL_CONDITION, destination: 'peer.config', data: new Uint8Array(0) });
  const reply = await replyTo(ildcp, 'alice');
  assert.equal(reply.type, 13);
  if (reply.type === 13) assert.deepEqual(decodeIldcpResponse(reply.data), { clientAddress: 'test.sut.alice', assetScale: 9, assetCode: 'USD' });
});

test('async outgoing: the next hop gets Request-Id and Callback-Url, answers 202, calls back; a second callback is 400', async () => {
  const sent = prepare('test.dave.fulfill');
  const reply = await replyTo(encodePrepare(sent));
  assert.equal(reply.type, 13);
  const forwarded = seenFor(sent.destination)[0]!;
  const requestId = String(forwarded.headers['request-id']);
  assert.match(requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(forwarded.headers['callback-url'], `${connector.url}/ilp/dave/callback`);
  const dave = peerByName(topology, 'dave');
  const again = await postBytes(agent, String(forwarded.headers['callback-url']), { 'Request-Id': requestId, Authorization: `Bearer ${dave.http.incoming.token}` }, new Uint8Array(0));
  assert.equal(again.status, 400);
  const unknown = await postBytes(agent, String(forwarded.headers['callback-url']), { 'Request-Id': '6b1f2a7e-1c4d-4e8a-9b2f-3c4d5e6f7a8b', Authorization: `Bearer ${dave.http.incoming.token}` }, new Uint8Array(0));
  assert.equal(unknown.status, 400);
});

test('async outgoing: a callback without the peer token is 401', async () => {
  const answer = await postBytes(agent, `${connector.url}/ilp/dave/callback`, { 'Request-Id': '6b1f2a7e-1c4d-4e8a-9b2f-3c4d5e6f7a8b' }, new Uint8Array(0));
  assert.equal(answer.status, 401);
});

test('async incoming: 202 at once, then the reply is posted to the Callback-Url, retried after 5xx', async () => {
  peers.callbackStatuses.push(503, 500);
  const requestId = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  const answer = await sendFrom('amy', encodePrepare(prepare('test.nowhere')), { 'Request-Id': requestId, 'Callback-Url': `${peers.url}/amy-callback` });
  assert.equal(answer.status, 202);
  const callbacks = await waitFor(() => {
    const found = peers.seen.filter((s) => s.path === '/amy-callback' && s.headers['request-id'] === requestId);
    return found.length >= 3 ? found : undefined;
  });
  const amy = peerByName(topology, 'amy');
  for (const callback of callbacks) {
    assert.equal(callback.headers.authorization, `Bearer ${amy.http.outgoing.token}`);
    assert.equal(callback.headers['content-type'], 'application/octet-stream');
    assertRejectedByUs(decodeReply(callback.body), ['F02']);
  }
});

test('async incoming: a missing Request-Id or Callback-Url is 400', async () => {
  const body = encodePrepare(prepare('test.bob.fulfill'));
  assert.equal((await sendFrom('amy', body, { 'Callback-Url': `${peers.url}/amy-callback` })).status, 400);
  assert.equal((await sendFrom('amy', body, { 'Request-Id': 'not-a-uuid', 'Callback-Url': `${peers.url}/amy-callback` })).status, 400);
  assert.equal((await sendFrom('amy', body, { 'Request-Id': '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4e' })).status, 400);
});

test('an unknown fault name is refused with the name and the known list', async () => {
  await assert.rejects(startReferenceConnector({ topology, port: 0, faults: ['skip-fulfillment-chek'] }), /unknown fault "skip-fulfillment-chek" of the reference connector \(known faults: [^)]*skip-fulfillment-check[^)]*\)/);
});

test('close() frees the port', async () => {
  const extra = await startReferenceConnector({ topology, port: 0 });
  await extra.close();
  await assert.rejects(postBytes(new http.Agent(), `${extra.url}/ilp/alice`, {}, new Uint8Array(0)), /ECONNREFUSED/);
});

async function unusedPort(): Promise<number> {
  const server = http.createServer();
  const url = await listenOnLoopback(server);
  await closeServer(server);
  return Number(new URL(url).port);
}

/** Waits for `promise`, failing after 5 s so a broken connector fails the test instead of hanging it. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`waited 5 s for ${what}`)), 5000)));
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `probe` returns a value; bounded (5 s) so a broken connector fails instead of hanging. */
async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met within 5 s');
}
