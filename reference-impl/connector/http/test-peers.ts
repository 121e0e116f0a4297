/**
 * Test doubles for the HTTP tests: a loopback server playing the connector's downstream peers and the
 * callback receiver of its async children, and a small independent client. The behaviour of a downstream
 * peer is the destination's third segment (`test.bob.<behaviour>.<n>`): fulfill, reject, wrong, garbage,
 * http500, http404, silent. Not a test file itself.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodePrepare, encodeFulfill, encodeReject } from '../../../lib/codec';
import type { IlpPrepare } from '../../../lib/codec/types';
import { loadTopology, type Topology } from '../../../contracts/topology';
import { FULFILLMENT } from '../test-support';

export interface SeenRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly prepare?: IlpPrepare;
  /** Resolves when the connection or request was closed before this peer answered. */
  readonly abandoned: Promise<void>;
}

export interface TestPeers {
  readonly url: string;
  readonly seen: SeenRequest[];
  /** Status codes the `/amy-callback` endpoint answers, one per call (then 200). */
  readonly callbackStatuses: number[];
  close(): Promise<void>;
}

export async function startTestPeers(topology: () => Topology): Promise<TestPeers> {
  const seen: SeenRequest[] = [];
  const callbackStatuses: number[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = request.url ?? '/';
    let prepare: IlpPrepare | undefined;
    try {
      prepare = decodePrepare(body);
    } catch {
      prepare = undefined;
    }
    const abandoned = new Promise<void>((resolve) => response.on('close', () => !response.writableFinished && resolve()));
    seen.push({ path, headers: request.headers, body, prepare, abandoned });

    if (path === '/amy-callback') return send(response, callbackStatuses.shift() ?? 200, Buffer.alloc(0));
    const behaviour = prepare?.destination.split('.')[2] ?? 'fulfill';
    const reply = behaviourReply(behaviour, prepare);
    if (reply === 'silent') return; // never answers; the connector must give up at the forwarded expiry
    if (path === '/dave') {
      send(response, 202, Buffer.alloc(0));
      const dave = topology().peers.find((p) => p.name === 'dave')!;
      void postBytes(agent, String(request.headers['callback-url']), {
        'Request-Id': String(request.headers['request-id']),
        Authorization: `Bearer ${dave.http.incoming.token}`,
        'Content-Type': 'application/octet-stream',
      }, reply.body).catch(() => undefined);
      return;
    }
    send(response, reply.status, reply.body);
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    seen,
    callbackStatuses,
    async close() {
      agent.destroy();
      await closeServer(server);
    },
  };
}

/** Listens on an ephemeral loopback port; resolves with the base URL. */
export async function listenOnLoopback(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server and every connection it still has (kept-alive or in flight). */
export function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}

function behaviourReply(behaviour: string, prepare: IlpPrepare | undefined): 'silent' | { status: number; body: Buffer } {
  const ok = (bytes: Uint8Array) => ({ status: 200, body: Buffer.from(bytes) });
  switch (behaviour) {
    case 'silent':
      return 'silent';
    case 'reject':
      return ok(encodeReject({ code: 'F99', triggeredBy: 'test.bob', message: 'scripted', data: new Uint8Array([1, 2, 3]) }));
    case 'wrong':
      return ok(encodeFulfill({ fulfillment: new Uint8Array(32), data: new Uint8Array(0) }));
    case 'garbage':
      return ok(Buffer.from('this is not an ILP packet'));
    case 'http500':
      return { status: 500, body: Buffer.from('boom') };
    case 'http404':
      return { status: 404, body: Buffer.from('no') };
    default:
      return ok(encodeFulfill({ fulfillment: FULFILLMENT, data: prepare?.data ?? new Uint8Array(0) }));
  }
}

function send(response: http.ServerResponse, status: number, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
  response.end(body);
}

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** An independent client for the tests (not the connector's own). */
export function postBytes(agent: http.Agent, url: string, headers: http.OutgoingHttpHeaders, body: Uint8Array): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'Content-Length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The fixture topology with every peer's outgoing URL at `${base}/${name}`. */
export function topologyWithPeersAt(base: string, overrides: { minMessageWindowMs?: number } = {}): Topology {
  const fixture = loadTopology();
  return {
    ...fixture,
    sut: { ...fixture.sut, ...overrides },
    peers: fixture.peers.map((p) => ({ ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: `${base}/${p.name}` } } })),
  };
}
