/**
 * The bundled reference connector, started in-process over real loopback HTTP.
 * Configured entirely from a Topology (fixtures/topology.json): its address, peers with their tokens,
 * modes, assets, limits, routes and rates. It does not know it is being tested: the harness
 * (lib/targets/connector-http.ts) reaches it by URL like any other connector. pipeline.ts holds the packet
 * rules; http/ the ILP-over-HTTP server, client and callbacks.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Topology } from '../../contracts/topology';
import { createConnector } from './connector';
import { parseFaults } from './faults';
import { createHttpTransport } from './http/client';
import { PendingReplies } from './http/pending-replies';
import { ReplySender } from './http/reply-sender';
import { createIlpHttpServer } from './http/server';
import { TransportError } from './transport';

/** Below Node's default server keep-alive timeout (5 s), which most peers will run with. */
const IDLE_SOCKET_TIMEOUT_MS = 4000;

export interface ReferenceConnectorOptions {
  readonly topology: Topology;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** 0 = an ephemeral port; default: the port of topology sut.url. */
  readonly port?: number;
  /** Named fault switches (faults.ts); unknown names are refused. */
  readonly faults?: readonly string[];
  /** One line per packet and per delivery problem; never carries tokens. */
  readonly log?: (line: string) => void;
}

export interface RunningConnector {
  /** Base URL, e.g. http://127.0.0.1:54321 (plus the path of sut.url, if it has one). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startReferenceConnector(opts: ReferenceConnectorOptions): Promise<RunningConnector> {
  const faults = parseFaults(opts.faults ?? []);
  const { topology, log } = opts;
  const sutUrl = new URL(topology.sut.url);
  const basePath = sutUrl.pathname.replace(/\/+$/, '');
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (sutUrl.port ? Number(sutUrl.port) : 80);

  // `timeout` closes idle kept-alive sockets on our side first (and lets Node apply a server's
  // `Keep-Alive: timeout=N` hint), so we rarely reuse a socket the peer is closing; post.ts retries once if we do.
  const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  const pending = new PendingReplies();
  let url = '';
  const send = createHttpTransport({ agents, pending, callbackUrl: (peer) => `${url}${peer.http.incoming.path}/callback`, faults });
  const connector = createConnector({ topology, send, log, faults });
  const replies = new ReplySender({ agents, log, faults });
  const server = createIlpHttpServer({ peers: topology.peers, connector, pending, replies, basePath, log, faults });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  url = `http://${urlHost(host)}:${bound.port}${basePath}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        pending.failAll(new TransportError('aborted', 'the connector is closing'));
        agents.http.destroy();
        agents.https.destroy();
        await Promise.all([serverClosed, replies.close()]);
      })();
      return closing;
    },
  };
}

/** The host as it goes into a URL: wildcard binds are reached on loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
