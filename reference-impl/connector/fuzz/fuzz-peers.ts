/**
 * The downstream peers the fuzzer runs for the reference connector: one loopback server answering at
 * `/<peer name>` for every peer of the topology, so a fuzzed Prepare that is valid and routed gets a real
 * answer. A destination with a `reject` segment is rejected (F99 by test.<peer>); everything else is
 * fulfilled with FULFILLMENT (so it matches seeds carrying CONDITION, and fails the check otherwise).
 * Sync peers answer in the 200 body; async peers answer 202 and POST the reply to the Callback-Url.
 *
 * `/sink` receives the connector's async replies to Prepares the fuzzer sent as an async child (amy).
 * Every forwarded Prepare must decode strictly and carry the peer's outgoing token; every callback must
 * carry amy's outgoing token and a strictly decodable reply. Anything else is recorded in `problems`.
 * Nothing per request is kept, so a long run does not grow memory here.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePrepare, decodeReply, encodePacket } from '../../../lib/codec';
import type { IlpPrepare, IlpReply } from '../../../lib/codec/types';
import type { PeerConfig, Topology } from '../../../contracts/topology';
import { describe } from './answer-check';
import { FULFILLMENT } from './packet-seeds';

const MAX_BODY = 128 * 1024;

/** What a fuzz peer answers to a Prepare it was forwarded (used in-process too). */
export function peerReply(peerName: string, prepare: IlpPrepare): IlpReply {
  if (prepare.destination.split('.').includes('reject')) {
    return { type: 14, code: 'F99', triggeredBy: `test.${peerName}`, message: 'the fuzz peer rejects', data: Uint8Array.of(1, 2, 3) };
  }
  return { type: 13, fulfillment: FULFILLMENT, data: prepare.data.subarray(0, 64) };
}

export interface FuzzPeers {
  readonly url: string;
  /** Problems with what the connector sent us (capped at 20). */
  readonly problems: string[];
  /** lateCallbacks: async replies refused (400) because they came after the forwarded Prepare expired. */
  readonly counts: { forwarded: number; callbacks: number; callbacksOut: number; lateCallbacks: number };
  /** Resolves when every callback this server sent and every sink delivery expected so far has settled, or after `ms`. */
  settle(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** The fixture topology with every peer's outgoing URL at `${peersUrl}/${name}` and the SUT on an ephemeral port. */
export function topologyForFuzz(base: Topology, peersUrl: string): Topology {
  return {
    ...base,
    sut: { ...base.sut, url: 'http://127.0.0.1:0' },
    peers: base.peers.map((p) => ({ ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: `${peersUrl}/${p.name}` } } })),
  };
}

export async function startFuzzPeers(topology: () => Topology): Promise<FuzzPeers> {
  const problems: string[] = [];
  const counts = { forwarded: 0, callbacks: 0, callbacksOut: 0, lateCallbacks: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let inFlight = 0;
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };

  const server = http.createServer((request, response) => {
    readLimited(request).then((body) => {
      const name = (request.url ?? '/').slice(1);
      if (name === 'sink') return onSink(request, response, body);
      const peer = topology().peers.find((p) => p.name === name);
      if (!peer) return answer(response, 404, 'no such peer');
      if (request.headers.authorization !== `Bearer ${peer.http.outgoing.token}`) {
        problem(`the connector called ${name} without its outgoing token`);
        return answer(response, 401, 'bad token');
      }
      counts.forwarded++;
      let prepare: IlpPrepare;
      try {
        prepare = decodePrepare(body);
      } catch (error) {
        problem(`the connector forwarded to ${name} bytes that are no strict Prepare (${describe(error)}): ${body.toString('hex').slice(0, 400)}`);
        return answer(response, 400, 'not a Prepare');
      }
      const reply = encodePacket(peerReply(name, prepare));
      if (peer.http.mode === 'sync') return answer(response, 200, reply);
      answer(response, 202, '');
      return callBack(peer, request, reply, prepare.expiresAt.getTime());
    }, () => response.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function onSink(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void {
    counts.callbacks++;
    const amy = topology().peers.find((p) => p.name === 'amy');
    if (!amy || request.headers.authorization !== `Bearer ${amy.http.outgoing.token}`) problem('a callback to the sink without amy\'s outgoing token');
    try {
      decodeReply(body, { mode: 'strict', rejectTrailingBytes: true });
    } catch (error) {
      problem(`a callback body is no strictly decodable reply (${describe(error)}): ${body.toString('hex').slice(0, 400)}`);
    }
    answer(response, 200, '');
  }

  function callBack(peer: PeerConfig, request: http.IncomingMessage, reply: Uint8Array, expiresAt: number): void {
    const target = String(request.headers['callback-url'] ?? '');
    const requestId = String(request.headers['request-id'] ?? '');
    inFlight++;
    counts.callbacksOut++;
    const req = http.request(target, {
      method: 'POST',
      agent,
      timeout: 10_000,
      headers: { 'Request-Id': requestId, Authorization: `Bearer ${peer.http.incoming.token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': reply.length },
    }, (res) => {
      res.resume();
      res.on('end', done);
      // 400 is the answer for a Request-Id the connector no longer waits for: right once the forwarded
      // Prepare has expired (it answered R00 upstream), wrong before.
      if (res.statusCode === 400 && Date.now() >= expiresAt) counts.lateCallbacks++;
      else if (res.statusCode !== 200) {
        problem(`the connector answered ${res.statusCode} to ${peer.name}'s callback ${expiresAt - Date.now()} ms before the forwarded Prepare expired`);
      }
    });
    let finished = false;
    function done() {
      if (!finished) inFlight--;
      finished = true;
    }
    req.on('timeout', () => req.destroy(new Error('callback timed out')));
    req.on('error', (error) => {
      problem(`${peer.name}'s callback to the connector failed: ${error.message}`);
      done();
    });
    req.end(reply);
  }

  return {
    url,
    problems,
    counts,
    async settle(ms) {
      const until = Date.now() + ms;
      while (inFlight > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readLimited(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_BODY) request.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: http.ServerResponse, status: number, body: Uint8Array | string): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
  response.end(bytes);
}
