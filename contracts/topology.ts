import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import schema from '../fixtures/schemas/topology.schema.json';

/** The network around the SUT (fixtures/topology.json), with secrets resolved and amounts as bigint. */
export interface Topology {
  readonly network: 'test' | 'live';
  readonly sut: {
    readonly address: string;
    readonly url: string;
    readonly minMessageWindowMs: number;
    readonly maxHoldTimeMs: number;
  };
  readonly peers: readonly PeerConfig[];
  readonly routes: readonly { readonly prefix: string; readonly peer: string }[];
  /** Value of one whole unit of each asset code in a common base, as a decimal string. */
  readonly rates: Readonly<Record<string, string>>;
}

export type Relation = 'parent' | 'peer' | 'child';

export interface PeerConfig {
  readonly name: string;
  readonly relation: Relation;
  readonly asset: { readonly code: string; readonly scale: number };
  readonly maxPacketAmount: bigint;
  readonly balance: { readonly minimum: bigint; readonly maximum: bigint };
  readonly http: {
    readonly mode: 'sync' | 'async';
    /** The peer calls the SUT at sut.url + path, presenting this token. */
    readonly incoming: { readonly path: string; readonly token: string };
    /** The SUT calls the peer at this URL, presenting this token. */
    readonly outgoing: { readonly url: string; readonly token: string };
  };
}

export class TopologyError extends Error {
  override readonly name = 'TopologyError';
}

export const DEFAULT_TOPOLOGY_PATH = resolve(__dirname, '..', 'fixtures', 'topology.json');

const validate = new Ajv({ allErrors: true }).compile<RawTopology>(schema);

/** Reads, schema-checks and resolves a topology file. Throws TopologyError naming the file and the problem. */
export function loadTopology(path: string = DEFAULT_TOPOLOGY_PATH, env: NodeJS.ProcessEnv = process.env): Topology {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TopologyError(`cannot read topology ${path}: ${(error as Error).message}`);
  }
  return parseTopology(raw, env, path);
}

export function parseTopology(raw: unknown, env: NodeJS.ProcessEnv = process.env, source = 'topology'): Topology {
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new TopologyError(`${source} does not match topology.schema.json: ${problems}`);
  }
  const t = raw;
  const names = new Set<string>();
  for (const peer of t.peers) {
    if (names.has(peer.name)) throw new TopologyError(`${source}: peer name "${peer.name}" appears twice`);
    names.add(peer.name);
  }
  for (const route of t.routes) {
    if (!names.has(route.peer)) throw new TopologyError(`${source}: route ${route.prefix} names unknown peer "${route.peer}"`);
  }
  const rates: Record<string, string> = {};
  for (const [code, value] of Object.entries(t.rates)) if (code !== 'description') rates[code] = value;
  for (const peer of t.peers) {
    if (!(peer.asset.code in rates)) throw new TopologyError(`${source}: no rate for asset ${peer.asset.code} of peer ${peer.name}`);
  }
  const secret = (s: RawSecret, where: string): string => {
    const value = env[s.env] ?? s.default;
    if (!value) throw new TopologyError(`${source}: ${where} needs environment variable ${s.env} (no default given)`);
    return value;
  };
  return {
    network: t.network,
    sut: { ...t.sut, url: t.sut.url.replace(/\/+$/, '') },
    routes: t.routes,
    rates,
    peers: t.peers.map((p) => ({
      name: p.name,
      relation: p.relation,
      asset: p.asset,
      maxPacketAmount: BigInt(p.maxPacketAmount),
      balance: { minimum: BigInt(p.balance.minimum), maximum: BigInt(p.balance.maximum) },
      http: {
        mode: p.http.mode,
        incoming: { path: p.http.incoming.path, token: secret(p.http.incoming.token, `peer ${p.name} incoming token`) },
        outgoing: { url: p.http.outgoing.url, token: secret(p.http.outgoing.token, `peer ${p.name} outgoing token`) },
      },
    })),
  };
}

export function peerByName(topology: Topology, name: string): PeerConfig {
  const peer = topology.peers.find((p) => p.name === name);
  if (!peer) throw new TopologyError(`topology has no peer "${name}" (peers: ${topology.peers.map((p) => p.name).join(', ')})`);
  return peer;
}

/** Every token in the topology, for masking in reports and transcripts. */
export function topologySecrets(topology: Topology): string[] {
  return topology.peers.flatMap((p) => [p.http.incoming.token, p.http.outgoing.token]);
}

interface RawSecret {
  env: string;
  default?: string;
}
interface RawTopology {
  network: 'test' | 'live';
  sut: Topology['sut'];
  peers: Array<{
    name: string;
    relation: Relation;
    asset: { code: string; scale: number };
    maxPacketAmount: string;
    balance: { minimum: string; maximum: string };
    http: { mode: 'sync' | 'async'; incoming: { path: string; token: RawSecret }; outgoing: { url: string; token: RawSecret } };
  }>;
  routes: Array<{ prefix: string; peer: string }>;
  rates: Record<string, string>;
}
