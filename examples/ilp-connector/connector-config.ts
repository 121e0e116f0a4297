/**
 * Turns the suite's topology (fixtures/topology.json, read through contracts/topology.ts) into the configuration
 * object ilp-connector 23 takes in `createApp(config)`, with one ilp-plugin-http account per peer.
 *
 * What maps to what:
 *   sut.address            -> ilpAddress (set, so ilp-connector never asks its parent for one over IL-DCP)
 *   network test | live    -> env test | production
 *   sut.minMessageWindowMs -> minMessageWindow;  sut.maxHoldTimeMs -> maxHoldTime
 *   routes[]               -> routes[] {targetPrefix, peerId}; no default route (the topology has none, so an
 *                             unrouted destination must get F02 rather than go to the parent)
 *   rates                  -> the fixed-rate backend in this folder, spread 0
 *   peer                   -> account {relation, assetCode, assetScale, maxPacketAmount, balance}
 *   peer.http              -> plugin ilp-plugin-http: incoming {port, staticToken = the peer's incoming token},
 *                             outgoing {url, staticToken = the SUT's token towards the peer}
 * Route broadcasting (CCP) stays silent: every account has sendRoutes and receiveRoutes false, because the
 * topology is static and the harness's peers do not speak CCP. `routeBroadcastEnabled` must still be true:
 * ilp-connector 23 loads its static `routes` into the routing table only when it starts the route
 * broadcaster (with it false, every destination but the children's own gets F02 "no route found").
 *
 * ilp-plugin-http opens one HTTP server per account on its own port and ignores the path. Each account is
 * given a distinct internal port number here; front-door.ts never lets those servers bind, and hands them
 * the requests that arrive at sut.url under the peer's incoming path. `mounts` lists that mapping.
 *
 * Does not: start anything (launch.ts does), or change behaviour the topology says nothing about, except
 * `rateLimit` when the caller asks (the bench: ilp-connector's default is 10 000 packets a minute per account).
 */
import { resolve } from 'node:path';
import type { Topology } from '../../contracts/topology';

/** Internal port numbers handed to ilp-plugin-http; never bound (front-door.ts intercepts them). */
export const FIRST_INTERNAL_PORT = 47100;

export interface IlpConnectorConfigOptions {
  /** Packets per second each account may send before ilp-connector answers T05; absent = its default. */
  readonly rateLimitPerSecond?: number;
}

export interface Mount {
  readonly peer: string;
  /** The path under sut.url where this peer posts its Prepares. */
  readonly path: string;
  /** The internal port ilp-plugin-http was told to listen on for this peer. */
  readonly internalPort: number;
}

export interface GeneratedConfig {
  /** The object for ilp-connector's createApp (matches its Config.json schema). */
  readonly config: IlpConnectorConfig;
  readonly mounts: readonly Mount[];
}

export interface IlpConnectorConfig {
  readonly env: 'test' | 'production';
  readonly ilpAddress: string;
  readonly backend: string;
  readonly backendConfig: { readonly rates: Readonly<Record<string, string>> };
  readonly spread: number;
  readonly minMessageWindow: number;
  readonly maxHoldTime: number;
  readonly defaultRoute: string;
  readonly routeBroadcastEnabled: boolean;
  readonly routes: readonly { readonly targetPrefix: string; readonly peerId: string }[];
  readonly accounts: Readonly<Record<string, IlpConnectorAccount>>;
}

export interface IlpConnectorAccount {
  readonly relation: 'parent' | 'peer' | 'child';
  readonly assetCode: string;
  readonly assetScale: number;
  readonly maxPacketAmount: string;
  readonly balance: { readonly minimum: string; readonly maximum: string };
  readonly sendRoutes: boolean;
  readonly receiveRoutes: boolean;
  readonly rateLimit?: { readonly refillPeriod: number; readonly refillCount: number; readonly capacity: number };
  readonly plugin: 'ilp-plugin-http';
  readonly options: {
    readonly incoming: { readonly port: number; readonly staticToken: string };
    readonly outgoing: { readonly url: string; readonly staticToken: string; readonly name: string };
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const FIXED_RATE_BACKEND = resolve(__dirname, 'fixed-rate-backend.ts');

export function ilpConnectorConfig(topology: Topology, options: IlpConnectorConfigOptions = {}): GeneratedConfig {
  const paths = new Map<string, string>();
  const mounts: Mount[] = [];
  const accounts: Record<string, IlpConnectorAccount> = {};
  topology.peers.forEach((peer, index) => {
    const where = `peer ${peer.name}`;
    const path = peer.http.incoming.path.replace(/\/+$/, '') || '/';
    const clash = paths.get(path);
    if (clash) throw new ConfigError(`${where} and peer ${clash} share the incoming path ${path}; ilp-connector needs one path per account`);
    paths.set(path, peer.name);
    if (peer.maxPacketAmount === 0n) throw new ConfigError(`${where}: maxPacketAmount 0 cannot be expressed to ilp-connector (it takes 1 and above)`);
    const outgoing = new URL(peer.http.outgoing.url);
    if (!isLoopback(outgoing.hostname)) throw new ConfigError(`${where}: outgoing URL ${peer.http.outgoing.url} is not on loopback; this example only talks to 127.0.0.1`);
    const internalPort = FIRST_INTERNAL_PORT + index;
    mounts.push({ peer: peer.name, path, internalPort });
    accounts[peer.name] = {
      relation: peer.relation,
      assetCode: peer.asset.code,
      assetScale: peer.asset.scale,
      maxPacketAmount: peer.maxPacketAmount.toString(),
      balance: { minimum: peer.balance.minimum.toString(), maximum: peer.balance.maximum.toString() },
      sendRoutes: false,
      receiveRoutes: false,
      ...(options.rateLimitPerSecond ? { rateLimit: perSecond(options.rateLimitPerSecond) } : {}),
      plugin: 'ilp-plugin-http',
      options: {
        incoming: { port: internalPort, staticToken: peer.http.incoming.token },
        outgoing: { url: peer.http.outgoing.url, staticToken: peer.http.outgoing.token, name: topology.sut.address },
      },
    };
  });
  return {
    config: {
      env: topology.network === 'live' ? 'production' : 'test',
      ilpAddress: topology.sut.address,
      backend: FIXED_RATE_BACKEND,
      backendConfig: { rates: topology.rates },
      spread: 0,
      minMessageWindow: topology.sut.minMessageWindowMs,
      maxHoldTime: topology.sut.maxHoldTimeMs,
      defaultRoute: '',
      routeBroadcastEnabled: true,
      routes: topology.routes.map((r) => ({ targetPrefix: r.prefix, peerId: r.peer })),
      accounts,
    },
    mounts,
  };
}

function perSecond(count: number): { refillPeriod: number; refillCount: number; capacity: number } {
  if (!Number.isInteger(count) || count < 1) throw new ConfigError(`rateLimitPerSecond must be a whole number of at least 1, not ${count}`);
  return { refillPeriod: 1000, refillCount: count, capacity: count };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
