/**
 * One harness peer's HTTP server: the endpoint the SUT forwards Prepares to (the peer's outgoing URL in the
 * topology), plus `<that path>/callback`, where the SUT delivers async replies to Prepares this peer sent.
 *
 *   POST <path>           bearer = peer.http.outgoing.token, else 401. Body = Prepare. The scenario whose key
 *                         the destination (or data) carries decides the answer (behaviour.ts). Sync peers answer
 *                         in the 200 body; async peers answer 202 and POST the reply to the SUT's Callback-Url
 *                         with the same Request-Id and their incoming token.
 *   POST <path>/callback  bearer = peer.http.outgoing.token, else 401. Request-Id names a Prepare this peer sent
 *                         (sender.ts); the scenario's callback plan decides 200, 4xx or 5xx; unknown ids get 400.
 *
 * Every request and answer goes into the scenario's transcript (hex + decoded, headers with credentials masked).
 * A Prepare no scenario claims is recorded as a stray and rejected (F02); an unclaimed `peer.config` at a parent
 * peer is answered with the SUT's configured address, so a connector that asks its parent for its address works.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import {
  decodePrepare,
  encodeFulfill,
  encodeReject,
  type IlpPrepare,
  type IlpReply,
} from '../codec';
import { packetJson } from './packet-json';
import type { PeerConfig, Topology } from '../../contracts/topology';
import type { PeerBehaviour } from './behaviour';
import { describeBehaviour, isHttpLevel } from './behaviour';
import type { ForwardedPrepare, PeerReply, ScenarioScript } from './scenario-script';
import { OCTET_STREAM, closeServer, hasBearerToken, listen, maskedHeaders, postBytes, readBody } from './http-wire';
import { peerAddress } from './addresses';
import { ildcpAnswerFor } from './ildcp-host';
import { cutOffLength, resetMidResponse } from './broken-answers';

/** What the network gives each peer server: scenario lookup, strays, and the async replies senders await. */
export interface PeerRegistry {
  scenarioFor(destination: string, data: Uint8Array): ScenarioScript | undefined;
  recordStray(peer: string, note: string, raw?: Uint8Array): void;
  deliverCallback(peer: string, requestId: string, req: CallbackRequest): CallbackVerdict;
  readonly agent: http.Agent;
  /** Bound for one callback POST to the SUT. */
  readonly callbackTimeoutMs: number;
}

export interface CallbackRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly raw: Uint8Array;
}

export interface CallbackVerdict {
  readonly status: number;
  readonly note: string;
}

export class PeerServer {
  private readonly server: http.Server;
  private port = 0;
  private host = '127.0.0.1';

  constructor(
    readonly peer: PeerConfig,
    private readonly topology: Topology,
    private readonly registry: PeerRegistry,
  ) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.registry.recordStray(this.peer.name, `harness error while answering: ${error.message}`);
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
    // Never close an idle keep-alive connection: a SUT reusing one just as it closes would see a reset and
    // answer T01 for the harness's own doing. The SUT's client decides when its connections end.
    this.server.keepAliveTimeout = 0;
  }

  /** The path the SUT posts Prepares to (from the peer's outgoing URL). */
  get path(): string {
    return new URL(this.peer.http.outgoing.url).pathname.replace(/\/+$/, '') || '/';
  }

  get callbackPath(): string {
    return `${this.path === '/' ? '' : this.path}/callback`;
  }

  /** Listens on `port` (0 = ephemeral) and returns the URL the SUT should post Prepares to. */
  async start(host: string, port: number): Promise<string> {
    this.port = await listen(this.server, host, port, `harness peer ${this.peer.name}`);
    this.host = host;
    return `http://${host}:${this.port}${this.path}`;
  }

  /**
   * Closes the server and its connections, so nothing listens on its port and a connection attempt is
   * refused, until the returned function listens on the same port again (next-hop-failures, HTTP-013).
   */
  async stopListening(): Promise<() => Promise<void>> {
    const { host, port } = this;
    await this.close();
    return async () => {
      await this.start(host, port);
    };
  }

  /** Where the SUT should deliver async replies to Prepares this peer sends. */
  callbackUrl(baseUrl: string): string {
    const u = new URL(baseUrl);
    u.pathname = this.callbackPath;
    return u.toString();
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
    if (req.method !== 'POST' || (path !== this.path && path !== this.callbackPath)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`harness peer ${this.peer.name}: POST ${this.path} or ${this.callbackPath}`);
      this.registry.recordStray(this.peer.name, `${req.method} ${req.url}: not an endpoint of this peer (404)`);
      req.resume();
      return;
    }
    if (!hasBearerToken(req, this.peer.http.outgoing.token)) {
      const body = await readBody(req).catch(() => new Uint8Array());
      res.writeHead(401, { 'content-type': 'text/plain' }).end('harness peer: missing or wrong bearer token');
      this.recordRefused(req, path, body);
      return;
    }
    const body = await readBody(req);
    if (path === this.callbackPath) return this.handleCallback(req, res, body);
    return this.handlePrepare(req, res, path, body);
  }

  /** A request refused with 401 still counts as something the SUT sent (it is evidence, and not silence). */
  private recordRefused(req: http.IncomingMessage, path: string, body: Uint8Array): void {
    const note = `HTTP POST ${path} refused with 401: Authorization ${req.headers.authorization ? 'did not match' : 'missing'}`;
    const { prepare, script } = this.claim(body);
    if (!script) {
      this.registry.recordStray(this.peer.name, note, body);
      return;
    }
    script.transcript.record({ direction: 'received', channel: this.peer.name, label: note, bytes: body, headers: maskedHeaders(req.headers) });
    if (prepare && path === this.path) {
      const forwarded = script.recordForwarded({ peer: this.peer.name, receivedAt: Date.now(), path, headers: maskedHeaders(req.headers), raw: body, prepare, behaviour: { kind: 'http-status', status: 401 } });
      forwarded.reply = { kind: 'http', status: 401, raw: new Uint8Array(), at: Date.now() };
    }
  }

  /** Decodes a body as a Prepare (leniently) and finds the scenario whose key it carries. */
  private claim(body: Uint8Array): { prepare?: IlpPrepare; decodeError?: string; script?: ScenarioScript } {
    try {
      const prepare = copyPrepare(decodePrepare(body, { mode: 'lenient' }));
      return { prepare, script: this.registry.scenarioFor(prepare.destination, prepare.data) };
    } catch (error) {
      return { decodeError: (error as Error).message, script: this.registry.scenarioFor('', body) };
    }
  }

  private handleCallback(req: http.IncomingMessage, res: http.ServerResponse, body: Uint8Array): void {
    const requestId = header(req, 'request-id');
    const verdict = requestId
      ? this.registry.deliverCallback(this.peer.name, requestId, { headers: maskedHeaders(req.headers), raw: body })
      : { status: 400, note: 'callback without a Request-Id header' };
    if (!requestId) this.registry.recordStray(this.peer.name, verdict.note, body);
    res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.note);
  }

  private async handlePrepare(req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Uint8Array): Promise<void> {
    const { prepare, decodeError, script } = this.claim(body);
    if (!script) return this.answerStray(req, res, body, prepare, decodeError);

    const behaviour = script.takeBehaviour(this.peer.name);
    const forwarded = script.recordForwarded({
      peer: this.peer.name,
      receivedAt: Date.now(),
      path,
      headers: maskedHeaders(req.headers),
      raw: body,
      ...(prepare ? { prepare } : {}),
      ...(decodeError ? { decodeError } : {}),
      behaviour,
    });
    script.transcript.record({
      direction: 'received',
      channel: this.peer.name,
      label: `${prepare ? 'ILP Prepare' : 'undecodable body'} from the SUT (HTTP POST ${path}); will ${describeBehaviour(behaviour)}`,
      bytes: body,
      decoded: prepare ? packetJson(prepare) : { decodeError },
      headers: forwarded.headers,
      ...(prepare ? { expiresAt: prepare.expiresAt } : {}),
    });

    if (this.peer.http.mode === 'async' && !isHttpLevel(behaviour)) {
      return this.answerAsync(req, res, script, forwarded);
    }
    const unwatch = script.onScenarioEnd(() => res.destroy());
    try {
      const reply = await this.produce(script, forwarded, behaviour);
      if (script.isClosed) return;
      this.writeSyncAnswer(res, script, forwarded, reply);
    } finally {
      unwatch();
    }
  }

  /** Async (RFC 35 draft 3): 202 at once, the reply later as a POST to the Callback-Url. */
  private async answerAsync(req: http.IncomingMessage, res: http.ServerResponse, script: ScenarioScript, forwarded: ForwardedPrepare): Promise<void> {
    const requestId = header(req, 'request-id');
    const callbackUrl = header(req, 'callback-url');
    if (!requestId || !callbackUrl) {
      const missing = [!requestId && 'Request-Id', !callbackUrl && 'Callback-Url'].filter(Boolean).join(' and ');
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`harness peer: async request without ${missing}`);
      forwarded.reply = { kind: 'http', status: 400, raw: new Uint8Array(), at: Date.now() };
      script.transcript.record({ direction: 'sent', channel: this.peer.name, label: `HTTP 400: async request without ${missing}` });
      return;
    }
    res.writeHead(202).end();
    script.transcript.record({ direction: 'sent', channel: this.peer.name, label: 'HTTP 202 Accepted', headers: { 'request-id': requestId } });
    const reply = await this.produce(script, forwarded, forwarded.behaviour);
    if (script.isClosed) return;
    forwarded.reply = reply;
    const bytes = reply.kind === 'packet' || reply.kind === 'http' ? reply.raw : undefined;
    if (!bytes) return;
    const times = forwarded.behaviour.kind === 'fulfill-twice' ? 2 : 1;
    for (let i = 0; i < times && !script.isClosed; i++) {
      await this.postCallback(script, forwarded, callbackUrl, requestId, bytes, reply.kind === 'packet' ? reply.packet : undefined);
    }
  }

  /** Delivers a reply to the SUT's callback URL once; records the SUT's status. */
  async postCallback(
    script: ScenarioScript,
    forwarded: ForwardedPrepare | undefined,
    url: string,
    requestId: string,
    bytes: Uint8Array,
    packet?: IlpReply,
  ): Promise<number | undefined> {
    const headers = {
      'content-type': OCTET_STREAM,
      'request-id': requestId,
      authorization: `Bearer ${this.peer.http.incoming.token}`,
    };
    script.transcript.record({
      direction: 'sent',
      channel: this.peer.name,
      label: `${packet ? `ILP ${packet.type === 13 ? 'Fulfill' : 'Reject'}` : 'reply body'} to the SUT's callback (HTTP POST ${safePath(url)})`,
      bytes,
      ...(packet ? { decoded: packetJson(packet) } : {}),
      headers: maskedHeaders(headers),
    });
    const attempt = await postBytes(url, headers, bytes, this.registry.callbackTimeoutMs, this.registry.agent);
    const delivery = attempt.ok
      ? { at: Date.now(), url, status: attempt.status }
      : { at: Date.now(), url, failure: attempt.reason };
    forwarded?.callbacks.push(delivery);
    script.transcript.record({
      direction: 'received',
      channel: this.peer.name,
      label: attempt.ok ? `HTTP ${attempt.status} from the SUT's callback endpoint` : `callback delivery failed: ${attempt.reason}`,
    });
    return attempt.ok ? attempt.status : undefined;
  }

  /**
   * Turns a behaviour into the reply, waiting as it says. Waits end early when the scenario closes
   * (then the reply is 'none' and nobody sends it).
   */
  private async produce(script: ScenarioScript, forwarded: ForwardedPrepare, behaviour: PeerBehaviour): Promise<PeerReply> {
    const prepare = forwarded.prepare;
    const now = () => Date.now();
    if (!prepare && !isHttpLevel(behaviour)) {
      return this.rejectWith({ kind: 'reject', code: 'F01', message: `harness peer ${this.peer.name}: body is not a Prepare: ${forwarded.decodeError}` });
    }
    switch (behaviour.kind) {
      case 'fulfill':
      case 'reject':
      case 'wrong-fulfillment':
        if (behaviour.afterMs && !(await script.sleep(behaviour.afterMs))) return { kind: 'none', reason: 'scenario ended', at: now() };
        if (behaviour.kind === 'reject') return this.rejectWith(behaviour);
        if (behaviour.kind === 'wrong-fulfillment') {
          const wrong = { type: 13 as const, fulfillment: new Uint8Array(randomBytes(32)), data: new Uint8Array() };
          return packetReply(encodeFulfill(wrong), wrong);
        }
        return this.fulfill(script, prepare!, behaviour.data ?? new Uint8Array());
      case 'fulfill-twice':
        return this.fulfill(script, prepare!, new Uint8Array());
      case 'fulfill-after-expiry': {
        const wait = prepare!.expiresAt.getTime() + behaviour.lateMs - now();
        if (!(await script.sleep(wait))) return { kind: 'none', reason: 'scenario ended', at: now() };
        return this.fulfill(script, prepare!, new Uint8Array());
      }
      case 'shuffle': {
        if (!(await script.sleep(Math.floor(Math.random() * behaviour.maxDelayMs)))) return { kind: 'none', reason: 'scenario ended', at: now() };
        // Fulfill the even arrivals, reject the odd ones; the Reject carries the condition so its sender can
        // tell the answer is its own (ROUTE-003).
        if (forwarded.index % 2 === 0) return this.fulfill(script, prepare!, prepare!.executionCondition);
        return this.rejectWith({ kind: 'reject', code: 'F99', message: 'harness: rejected in turn', data: prepare!.executionCondition });
      }
      case 'hold': {
        const release = await script.hold(forwarded);
        if (!release) return { kind: 'none', reason: 'scenario ended while held', at: now() };
        script.transcript.note(`${this.peer.name} releases the held Prepare: ${describeBehaviour(release)}`);
        return this.produce(script, forwarded, release);
      }
      case 'never-answer':
        await new Promise<void>((resolve) => script.onScenarioEnd(resolve));
        return { kind: 'none', reason: 'never answered', at: now() };
      case 'http-status':
        return { kind: 'http', status: behaviour.status, raw: Buffer.from(`harness peer ${this.peer.name}: scripted HTTP ${behaviour.status}`), at: now() };
      case 'garbage-body':
        return { kind: 'http', status: 200, raw: Buffer.concat([Buffer.from('not an ILP packet '), randomBytes(16)]), at: now() };
      case 'empty-body':
        return { kind: 'http', status: 200, raw: new Uint8Array(), at: now() };
      case 'drop-connection':
        return { kind: 'dropped', at: now() };
      case 'reset-mid-response': {
        const fulfilled = this.fulfill(script, prepare!, new Uint8Array());
        return fulfilled.kind === 'packet' ? { kind: 'cut-off', raw: fulfilled.raw, at: now() } : fulfilled;
      }
    }
  }

  private fulfill(script: ScenarioScript, prepare: IlpPrepare, data: Uint8Array): PeerReply {
    const fulfillment = script.preimageOf(prepare.executionCondition);
    if (!fulfillment) {
      return this.rejectWith({
        kind: 'reject',
        code: 'F05',
        message: `harness peer ${this.peer.name}: no preimage for this condition (the condition was changed on the way)`,
      });
    }
    const packet = { type: 13 as const, fulfillment, data };
    return packetReply(encodeFulfill(packet), packet);
  }

  private rejectWith(b: Extract<PeerBehaviour, { kind: 'reject' }>): PeerReply {
    const packet = {
      type: 14 as const,
      code: b.code,
      triggeredBy: b.triggeredBy ?? peerAddress(this.topology, this.peer.name),
      message: b.message ?? `scripted by the harness for ${this.peer.name}`,
      data: b.data ?? new Uint8Array(),
    };
    return packetReply(encodeReject(packet), packet);
  }

  private writeSyncAnswer(res: http.ServerResponse, script: ScenarioScript, forwarded: ForwardedPrepare, reply: PeerReply): void {
    forwarded.reply = reply;
    switch (reply.kind) {
      case 'packet':
      case 'http': {
        const status = reply.kind === 'packet' ? 200 : reply.status;
        const contentType = status === 200 ? OCTET_STREAM : 'text/plain';
        res.writeHead(status, { 'content-type': contentType, 'content-length': String(reply.raw.length) });
        res.end(Buffer.from(reply.raw));
        script.transcript.record({
          direction: 'sent',
          channel: this.peer.name,
          label: reply.kind === 'packet' ? `ILP ${reply.packet.type === 13 ? 'Fulfill' : 'Reject'} in HTTP 200` : `HTTP ${reply.status} (scripted)`,
          bytes: reply.raw,
          ...(reply.kind === 'packet' ? { decoded: packetJson(reply.packet) } : {}),
          ...(forwarded.prepare ? { expiresAt: forwarded.prepare.expiresAt } : {}),
        });
        return;
      }
      case 'cut-off':
        resetMidResponse(res, reply.raw);
        script.transcript.record({ direction: 'sent', channel: this.peer.name, label: `HTTP 200 announcing ${reply.raw.length} bytes, then a connection reset after ${cutOffLength(reply.raw)} (scripted)`, bytes: reply.raw.subarray(0, cutOffLength(reply.raw)) });
        return;
      case 'dropped':
        script.transcript.record({ direction: 'sent', channel: this.peer.name, label: 'connection dropped without an answer (scripted)' });
        res.socket?.destroy();
        return;
      case 'none':
        res.destroy();
        return;
    }
  }

  private answerStray(req: http.IncomingMessage, res: http.ServerResponse, body: Uint8Array, prepare: IlpPrepare | undefined, decodeError?: string): void {
    const ildcp = prepare && this.peer.relation === 'parent' ? ildcpAnswerFor(prepare, this.topology, this.peer) : undefined;
    const reply = ildcp ?? encodeReject({
      code: 'F02',
      triggeredBy: peerAddress(this.topology, this.peer.name),
      message: `harness peer ${this.peer.name}: no scenario is waiting for this packet`,
      data: new Uint8Array(),
    });
    this.registry.recordStray(
      this.peer.name,
      prepare
        ? `Prepare for ${prepare.destination} claimed by no scenario; answered ${ildcp ? 'with an IL-DCP Fulfill' : 'F02'}`
        : `undecodable body claimed by no scenario: ${decodeError}`,
      body,
    );
    void req;
    res.writeHead(200, { 'content-type': OCTET_STREAM, 'content-length': String(reply.length) }).end(Buffer.from(reply));
  }
}

function packetReply(raw: Uint8Array, packet: IlpReply): PeerReply {
  return { kind: 'packet', packet, raw, at: Date.now() };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Decoded fields are views into the request buffer; keep copies so later reads see stable bytes. */
function copyPrepare(p: IlpPrepare): IlpPrepare {
  return { ...p, executionCondition: Uint8Array.from(p.executionCondition), data: Uint8Array.from(p.data) };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
