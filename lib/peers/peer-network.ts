/**
 * The harness side of the network around a connector: one PeerServer per peer in the topology (each both a
 * downstream endpoint and the callback endpoint for the Prepares it sends), the registry that maps scenario
 * keys to scenario scripts, and the desk that matches async callbacks to waiting senders.
 *
 * Started once per cucumber worker (lib/targets/connector-http.ts); scenarios come and go through
 * `openScenario`. Ports: 0 for every peer (ephemeral, so parallel workers never collide) when the harness
 * also starts the connector; the topology's fixed ports against an external connector.
 */
import http from 'node:http';
import { decodeReply } from '../codec';
import type { Transcript } from '../evidence/transcript';
import type { Topology } from '../../contracts/topology';
import { topologySecrets } from '../../contracts/topology';
import { PeerServer, type CallbackRequest, type CallbackVerdict, type PeerRegistry } from './peer-server';
import { ScenarioScript } from './scenario-script';
import { findScenarioKey } from './scenario-key';
import type { CallbackDesk, CallbackRecord, CallbackWaiter, SenderContext } from './sender';
import { packetJson } from './packet-json';

export interface StrayRecord {
  readonly at: number;
  readonly peer: string;
  readonly note: string;
  readonly hex?: string;
}

interface PendingCallback {
  readonly peer: string;
  readonly script: ScenarioScript;
  /** Statuses to answer, in order; then 200 for the first concluding reply and 400 for any later one. */
  readonly plan: number[];
  readonly records: CallbackRecord[];
  concluded: boolean;
  readonly listeners: Array<(record: CallbackRecord) => void>;
}

export interface PeerNetworkOptions {
  readonly host?: string;
  /** true: every peer on an ephemeral port; false: the port of each peer's outgoing URL. */
  readonly ephemeralPorts: boolean;
  /** Bound for one HTTP request a peer makes to the SUT (callback deliveries). */
  readonly callbackTimeoutMs?: number;
}

export class PeerNetwork implements PeerRegistry, CallbackDesk, SenderContext {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  readonly callbackTimeoutMs: number;
  private readonly servers = new Map<string, PeerServer>();
  private readonly urls = new Map<string, string>();
  private readonly scripts = new Map<string, ScenarioScript>();
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly strayList: StrayRecord[] = [];
  /** Per scenario key, per peer: how that peer's callback endpoint answers deliveries (planCallbackAnswers). */
  private readonly callbackPlans = new Map<string, Map<string, number[]>>();

  private constructor(
    private topologyValue: Topology,
    options: PeerNetworkOptions,
  ) {
    this.callbackTimeoutMs = options.callbackTimeoutMs ?? 2000;
  }

  /** Starts a server for every peer; on any failure closes the ones already started and rethrows. */
  static async start(topology: Topology, options: PeerNetworkOptions): Promise<PeerNetwork> {
    const network = new PeerNetwork(topology, options);
    const host = options.host ?? '127.0.0.1';
    try {
      for (const peer of topology.peers) {
        const server = new PeerServer(peer, topology, network);
        network.servers.set(peer.name, server);
        const fixed = new URL(peer.http.outgoing.url);
        const port = options.ephemeralPorts ? 0 : Number(fixed.port || 80);
        const listenHost = options.ephemeralPorts ? host : fixed.hostname;
        network.urls.set(peer.name, await server.start(listenHost, port));
      }
    } catch (error) {
      await network.close();
      throw error;
    }
    return network;
  }

  /** The topology with every peer's outgoing URL pointing at the server actually listening for it. */
  rewrittenTopology(): Topology {
    return {
      ...this.topologyValue,
      peers: this.topologyValue.peers.map((p) => ({ ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: this.urls.get(p.name)! } } })),
    };
  }

  /** Tells the peers which topology the SUT runs with (after ports and the SUT URL are known). */
  useTopology(topology: Topology): void {
    this.topologyValue = topology;
  }

  get topology(): Topology {
    return this.topologyValue;
  }

  peerServer(name: string): PeerServer {
    const server = this.servers.get(name);
    if (!server) throw new Error(`no harness peer "${name}" (peers: ${[...this.servers.keys()].join(', ')})`);
    return server;
  }

  callbackUrlFor(peer: string): string {
    return this.peerServer(peer).callbackUrl(this.urls.get(peer)!);
  }

  /** A fresh scenario: its key is registered until `close()`; its transcript masks every topology token. */
  openScenario(transcript: Transcript): ScenarioScript {
    for (const secret of topologySecrets(this.topologyValue)) transcript.addSecret(secret);
    const script = new ScenarioScript(this.topologyValue, transcript, (s) => this.forget(s));
    this.scripts.set(script.key, script);
    return script;
  }

  get strays(): readonly StrayRecord[] {
    return this.strayList;
  }

  // ---- PeerRegistry ----

  scenarioFor(destination: string, data: Uint8Array): ScenarioScript | undefined {
    const key = findScenarioKey(destination, data, (k) => this.scripts.has(k));
    return key ? this.scripts.get(key) : undefined;
  }

  recordStray(peer: string, note: string, raw?: Uint8Array): void {
    this.strayList.push({ at: Date.now(), peer, note, ...(raw ? { hex: Buffer.from(raw.subarray(0, 256)).toString('hex') } : {}) });
    if (this.strayList.length > 500) this.strayList.shift();
  }

  deliverCallback(peer: string, requestId: string, req: CallbackRequest): CallbackVerdict {
    const pending = this.callbacks.get(requestId.toLowerCase());
    if (!pending || pending.peer !== peer) {
      const note = `callback for Request-Id ${requestId}, which no Prepare from ${peer} is waiting for`;
      this.recordStray(peer, note, req.raw);
      return { status: 400, note };
    }
    let status: number;
    let note: string;
    if (pending.concluded) {
      status = 400;
      note = 'this Request-Id was already answered';
    } else {
      status = pending.plan.length > 0 ? pending.plan.shift()! : 200;
      note = status >= 500 ? 'scripted server error' : status >= 400 ? 'scripted refusal' : 'accepted';
      if (status < 500) pending.concluded = true;
    }
    let reply;
    let decodeError: string | undefined;
    try {
      reply = decodeReply(req.raw, { mode: 'lenient' });
    } catch (error) {
      decodeError = (error as Error).message;
    }
    const record: CallbackRecord = { at: Date.now(), headers: req.headers, raw: req.raw, answeredStatus: status, ...(reply ? { reply } : {}), ...(decodeError ? { decodeError } : {}) };
    pending.records.push(record);
    pending.script.transcript.record({
      direction: 'received',
      channel: peer,
      label: `${reply ? `ILP ${reply.type === 13 ? 'Fulfill' : 'Reject'}` : 'undecodable body'} at the callback endpoint (Request-Id ${requestId}); answered HTTP ${status}`,
      bytes: req.raw,
      decoded: reply ? packetJson(reply) : { decodeError },
      headers: req.headers,
    });
    for (const listener of pending.listeners.splice(0)) listener(record);
    return { status, note };
  }

  // ---- CallbackDesk ----

  expectCallback(peer: string, requestId: string, script: ScenarioScript): CallbackWaiter {
    const pending: PendingCallback = { peer, script, plan: [...(this.callbackPlans.get(script.key)?.get(peer) ?? [])], records: [], concluded: false, listeners: [] };
    this.callbacks.set(requestId.toLowerCase(), pending);
    script.onScenarioEnd(() => this.callbacks.delete(requestId.toLowerCase()));
    return {
      records: pending.records,
      first: (timeoutMs) =>
        new Promise((resolve) => {
          if (pending.records.length > 0) {
            resolve(pending.records[0]);
            return;
          }
          const timer = setTimeout(() => resolve(undefined), Math.max(0, timeoutMs));
          const unwatch = script.onScenarioEnd(() => {
            clearTimeout(timer);
            resolve(undefined);
          });
          pending.listeners.push((record) => {
            clearTimeout(timer);
            unwatch();
            resolve(record);
          });
        }),
    };
  }

  /** Scripts how `peer`'s callback endpoint answers the SUT's reply deliveries in this scenario (HTTP-011). */
  planCallbackAnswers(script: ScenarioScript, peer: string, statuses: number[]): void {
    let plans = this.callbackPlans.get(script.key);
    if (!plans) {
      plans = new Map();
      this.callbackPlans.set(script.key, plans);
    }
    plans.set(peer, statuses);
  }

  private forget(script: ScenarioScript): void {
    this.scripts.delete(script.key);
    this.callbackPlans.delete(script.key);
  }

  async close(): Promise<void> {
    for (const script of [...this.scripts.values()]) script.close();
    await Promise.all([...this.servers.values()].map((s) => s.close()));
    this.agent.destroy();
  }
}
