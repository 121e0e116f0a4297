import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  ILDCP_DESTINATION,
  PEER_PROTOCOL_CONDITION,
  conditionOf,
  decodeIldcpResponse,
  decodeReply,
  encodePrepare,
  encodeReject,
  randomFulfillment,
  type IlpPrepare,
} from '../codec';
import { Transcript } from '../evidence/transcript';
import { loadTopology, peerByName } from '../../contracts/topology';
import { closeServer, listen, postBytes } from './http-wire';
import { PeerNetwork } from './peer-network';
import type { ScenarioScript } from './scenario-script';
import { sendPrepare } from './sender';

const topology = loadTopology();
const dave = peerByName(topology, 'dave');

async function withNetwork(fn: (network: PeerNetwork, script: ScenarioScript) => Promise<void>): Promise<void> {
  const network = await PeerNetwork.start(topology, { ephemeralPorts: true, callbackTimeoutMs: 1000 });
  const script = network.openScenario(new Transcript());
  try {
    await fn(network, script);
  } finally {
    script.close();
    await network.close();
  }
}

function prepareFor(script: ScenarioScript, destination: string): { prepare: IlpPrepare; bytes: Uint8Array; fulfillment: Uint8Array } {
  const fulfillment = randomFulfillment();
  const prepare: IlpPrepare = {
    type: 12,
    amount: 10n,
    expiresAt: new Date(Date.now() + 2000),
    executionCondition: conditionOf(fulfillment),
    destination,
    data: new Uint8Array([1, 2, 3]),
  };
  script.rememberPreimage(prepare.executionCondition, fulfillment);
  return { prepare, bytes: encodePrepare(prepare), fulfillment };
}

/** Posts as the SUT would: to the peer's URL with the SUT's token for that peer. */
function postAsSut(network: PeerNetwork, peer: string, bytes: Uint8Array, headers: Record<string, string> = {}, timeoutMs = 2000) {
  const config = network.rewrittenTopology().peers.find((p) => p.name === peer)!;
  return postBytes(config.http.outgoing.url, { 'content-type': 'application/octet-stream', authorization: `Bearer ${config.http.outgoing.token}`, ...headers }, bytes, timeoutMs);
}

test('a sync peer fulfills with the preimage of the condition and records the Prepare', async () => {
  await withNetwork(async (network, script) => {
    script.script('bob', { kind: 'fulfill', data: new Uint8Array([9, 9]) });
    const { bytes, fulfillment } = prepareFor(script, `test.bob.${script.key}.p1`);
    const answer = await postAsSut(network, 'bob', bytes);
    assert.ok(answer.ok);
    assert.equal(answer.status, 200);
    const reply = decodeReply(answer.body);
    assert.equal(reply.type, 13);
    if (reply.type === 13) {
      assert.deepEqual(Buffer.from(reply.fulfillment), Buffer.from(fulfillment));
      assert.deepEqual([...reply.data], [9, 9]);
    }
    assert.equal(script.forwardedTo('bob').length, 1);
    assert.equal(script.forwardedTo('bob')[0]!.headers.authorization, 'Bearer ***');
  });
});

test('a peer refuses a request without its token with 401 and still records it', async () => {
  await withNetwork(async (network, script) => {
    script.script('bob', { kind: 'fulfill' });
    const { bytes } = prepareFor(script, `test.bob.${script.key}.p1`);
    const answer = await postAsSut(network, 'bob', bytes, { authorization: 'Bearer nope' });
    assert.ok(answer.ok);
    assert.equal(answer.status, 401);
    assert.equal(script.forwardedTo('bob')[0]?.reply?.kind, 'http');
  });
});

test('scripted behaviours run in order and the last one repeats; rejects carry the peer address and data', async () => {
  await withNetwork(async (network, script) => {
    script.script('bob', { kind: 'wrong-fulfillment' });
    script.scriptNext('bob', { kind: 'reject', code: 'F99', data: new Uint8Array([7]) });
    const first = await postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p1`).bytes);
    const second = await postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p2`).bytes);
    const third = await postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p3`).bytes);
    assert.ok(first.ok && second.ok && third.ok);
    assert.equal(decodeReply(first.body).type, 13);
    for (const answer of [second, third]) {
      const reply = decodeReply(answer.body);
      assert.equal(reply.type, 14);
      if (reply.type === 14) {
        assert.equal(reply.code, 'F99');
        assert.equal(reply.triggeredBy, 'test.bob');
        assert.deepEqual([...reply.data], [7]);
      }
    }
  });
});

test('HTTP-level behaviours: status, garbage, empty body, dropped connection', async () => {
  await withNetwork(async (network, script) => {
    const cases = [
      { behaviour: { kind: 'http-status', status: 503 } as const, check: (a: Awaited<ReturnType<typeof postBytes>>) => a.ok && a.status === 503 },
      { behaviour: { kind: 'garbage-body' } as const, check: (a: Awaited<ReturnType<typeof postBytes>>) => a.ok && a.status === 200 && a.body.length > 0 },
      { behaviour: { kind: 'empty-body' } as const, check: (a: Awaited<ReturnType<typeof postBytes>>) => a.ok && a.status === 200 && a.body.length === 0 },
      { behaviour: { kind: 'drop-connection' } as const, check: (a: Awaited<ReturnType<typeof postBytes>>) => !a.ok && !a.timedOut },
      { behaviour: { kind: 'reset-mid-response' } as const, check: (a: Awaited<ReturnType<typeof postBytes>>) => !a.ok && !a.timedOut },
    ];
    let n = 0;
    for (const c of cases) {
      script.script('bob', c.behaviour);
      const answer = await postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p${++n}`).bytes);
      assert.ok(c.check(answer), `${c.behaviour.kind}: ${JSON.stringify(answer)}`);
    }
  });
});

test('a never-answering peer holds the request until the scenario closes', async () => {
  const network = await PeerNetwork.start(topology, { ephemeralPorts: true });
  const script = network.openScenario(new Transcript());
  try {
    script.script('bob', { kind: 'never-answer' });
    const pending = postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p1`).bytes, {}, 3000);
    assert.ok(await script.waitUntil(() => script.forwardedTo('bob').length === 1, 2000));
    script.close();
    const answer = await pending;
    assert.equal(answer.ok, false);
    if (!answer.ok) assert.equal(answer.timedOut, false);
  } finally {
    script.close();
    await network.close();
  }
});

test('a held Prepare is answered when the scenario releases it', async () => {
  await withNetwork(async (network, script) => {
    script.script('bob', { kind: 'hold' });
    const pending = postAsSut(network, 'bob', prepareFor(script, `test.bob.${script.key}.p1`).bytes);
    assert.ok(await script.waitUntil(() => script.heldPrepares.length === 1, 2000, 'held'));
    assert.equal(script.release('bob', { kind: 'reject', code: 'T04' }), true);
    const answer = await pending;
    assert.ok(answer.ok);
    const reply = decodeReply(answer.body);
    assert.equal(reply.type === 14 && reply.code, 'T04');
  });
});

test('a Prepare no scenario claims is rejected F02; a parent answers an unclaimed IL-DCP request', async () => {
  await withNetwork(async (network, script) => {
    const stray = await postAsSut(network, 'bob', prepareFor(script, 'test.bob.nobody.p1').bytes);
    assert.ok(stray.ok);
    const reply = decodeReply(stray.body);
    assert.equal(reply.type === 14 && reply.code, 'F02');
    const ildcp = encodePrepare({ amount: 0n, expiresAt: new Date(Date.now() + 2000), executionCondition: PEER_PROTOCOL_CONDITION, destination: ILDCP_DESTINATION, data: new Uint8Array() });
    const answer = await postAsSut(network, 'paul', ildcp);
    assert.ok(answer.ok);
    const fulfill = decodeReply(answer.body);
    assert.equal(fulfill.type, 13);
    if (fulfill.type === 13) assert.equal(decodeIldcpResponse(fulfill.data).clientAddress, topology.sut.address);
    assert.ok(network.strays.some((s) => s.peer === 'bob' && /F02/.test(s.note)));
  });
});

test('an async peer answers 202 and delivers the reply to the Callback-Url with the Request-Id and its token', async () => {
  await withNetwork(async (network, script) => {
    const received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
    const callbackServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end();
      });
    });
    const port = await listen(callbackServer, '127.0.0.1', 0, 'test callback');
    try {
      script.script('dave', { kind: 'reject', code: 'F99' });
      const requestId = randomUUID();
      const answer = await postAsSut(network, 'dave', prepareFor(script, `test.dave.${script.key}.p1`).bytes, {
        'request-id': requestId,
        'callback-url': `http://127.0.0.1:${port}/cb`,
      });
      assert.ok(answer.ok);
      assert.equal(answer.status, 202);
      assert.ok(await script.waitUntil(() => received.length === 1, 2000));
      assert.equal(received[0]!.headers['request-id'], requestId);
      assert.equal(received[0]!.headers.authorization, `Bearer ${dave.http.incoming.token}`);
      assert.equal(decodeReply(received[0]!.body).type, 14);
      assert.ok(await script.waitUntil(() => script.forwardedTo('dave')[0]!.callbacks.length === 1, 2000));
      assert.equal(script.forwardedTo('dave')[0]!.callbacks[0]!.status, 200);
    } finally {
      await closeServer(callbackServer);
    }
  });
});

test('the sender reads a sync reply, and an async reply from its callback endpoint (duplicates get 400)', async () => {
  await withNetwork(async (network, script) => {
    const reject = encodeReject({ code: 'F02', triggeredBy: 'test.sut', message: 'no route', data: new Uint8Array() });
    let callbackStatuses: (number | undefined)[] = [];
    const sut = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const callbackUrl = req.headers['callback-url'];
        if (typeof callbackUrl !== 'string') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(reject);
          return;
        }
        res.writeHead(202).end();
        const headers = { 'content-type': 'application/octet-stream', 'request-id': String(req.headers['request-id']), authorization: `Bearer ${peerByName(topology, 'amy').http.outgoing.token}` };
        const first = await postBytes(callbackUrl, headers, reject, 1000);
        const again = await postBytes(callbackUrl, headers, reject, 1000);
        const unknown = await postBytes(callbackUrl, { ...headers, 'request-id': randomUUID() }, reject, 1000);
        callbackStatuses = [first, again, unknown].map((a) => (a.ok ? a.status : undefined));
      });
    });
    const port = await listen(sut, '127.0.0.1', 0, 'fake SUT');
    try {
      const sutUrl = `http://127.0.0.1:${port}`;
      const { prepare, bytes } = prepareFor(script, `test.nowhere.${script.key}.p1`);
      const sync = await sendPrepare(network, { from: peerByName(topology, 'alice'), sutUrl, bytes, prepare, waitMs: 2000, script });
      assert.equal(sync.outcome.kind, 'rejected');
      assert.equal(sync.response?.status, 200);
      const async = await sendPrepare(network, { from: peerByName(topology, 'amy'), sutUrl, bytes, prepare, waitMs: 2000, script });
      assert.equal(async.outcome.kind, 'rejected');
      assert.equal(async.response?.status, 202);
      assert.ok(await script.waitUntil(() => callbackStatuses.length === 3, 2000));
      assert.deepEqual(callbackStatuses, [200, 400, 400]);
      assert.equal(async.callbacks.length, 2);
    } finally {
      await closeServer(sut);
    }
  });
});

test('the sender reports a refused connection and a silent SUT as outcomes, not exceptions', async () => {
  await withNetwork(async (network, script) => {
    const silent = http.createServer(() => undefined);
    const port = await listen(silent, '127.0.0.1', 0, 'silent SUT');
    try {
      const { prepare, bytes } = prepareFor(script, `test.bob.${script.key}.p1`);
      const quiet = await sendPrepare(network, { from: peerByName(topology, 'alice'), sutUrl: `http://127.0.0.1:${port}`, bytes, prepare, waitMs: 200, script });
      assert.equal(quiet.outcome.kind, 'timed-out');
    } finally {
      await closeServer(silent);
    }
    const { prepare, bytes } = prepareFor(script, `test.bob.${script.key}.p2`);
    const refused = await sendPrepare(network, { from: peerByName(topology, 'alice'), sutUrl: `http://127.0.0.1:${port}`, bytes, prepare, waitMs: 500, script });
    assert.equal(refused.outcome.kind, 'transport-failure');
  });
});

test('ports already in use are reported with the peer and the port', async () => {
  const blocker = http.createServer();
  const port = await listen(blocker, '127.0.0.1', 0, 'blocker');
  try {
    const fixed = { ...topology, peers: topology.peers.map((p) => (p.name === 'bob' ? { ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: `http://127.0.0.1:${port}/ilp` } } } : p)) };
    const only = { ...fixed, peers: fixed.peers.filter((p) => p.name === 'bob'), routes: fixed.routes.filter((r) => r.peer === 'bob') };
    await assert.rejects(PeerNetwork.start(only, { ephemeralPorts: false }), /harness peer bob: port \d+ on 127\.0\.0\.1 is already in use/);
  } finally {
    await closeServer(blocker);
  }
});

test('a peer that stops listening refuses connections until it listens on the same port again', async () => {
  await withNetwork(async (network, script) => {
    const before = await postAsSut(network, 'erin', prepareFor(script, `test.erin.${script.key}.p1`).bytes);
    assert.ok(before.ok, JSON.stringify(before));
    const restore = await network.peerServer('erin').stopListening();
    const refused = await postAsSut(network, 'erin', prepareFor(script, `test.erin.${script.key}.p2`).bytes);
    assert.ok(!refused.ok && refused.connectFailure && /ECONNREFUSED/.test(refused.reason), JSON.stringify(refused));
    await restore();
    const after = await postAsSut(network, 'erin', prepareFor(script, `test.erin.${script.key}.p3`).bytes);
    assert.ok(after.ok, JSON.stringify(after));
  });
});
