/**
 * The connector without its HTTP edges: peers, routing table, balances and the rule pipeline, built from a
 * Topology. `handle(peer, body)` runs one incoming Prepare (as received bytes) through the pipeline and
 * resolves with the reply to send back (and the decoded Prepare, if it was one); it never rejects (errors become Rejects inside the pipeline).
 */
import type { IlpPrepare, IlpReply } from '../../lib/codec/types';
import type { PeerConfig, Topology } from '../../contracts/topology';
import { BalanceBook } from './balance-book';
import { PacketContext } from './context';
import type { Faults } from './faults';
import { composeRules, createRules } from './pipeline';
import { RoutingTable } from './routing-table';
import type { SendPrepare } from './transport';

export interface ConnectorOptions {
  readonly topology: Topology;
  readonly send: SendPrepare;
  /** One line per packet, and one per unexpected error. Never given tokens. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Self-test fault switches (faults.ts); none by default. */
  readonly faults?: Faults;
}

export interface HandledPacket {
  readonly reply: IlpReply;
  /** The decoded incoming Prepare; absent when the body was not one. */
  readonly prepare?: IlpPrepare;
}

export interface Connector {
  readonly peers: ReadonlyMap<string, PeerConfig>;
  readonly book: BalanceBook;
  handle(from: PeerConfig, body: Uint8Array): Promise<HandledPacket>;
}

export function createConnector(opts: ConnectorOptions): Connector {
  const { topology, log } = opts;
  const peers = new Map(topology.peers.map((p) => [p.name, p]));
  const table = new RoutingTable(topology.routes);
  // A child is reachable under the address IL-DCP gives it, unless the topology routes that prefix itself.
  for (const peer of topology.peers) {
    const address = `${topology.sut.address}.${peer.name}`;
    if (peer.relation === 'child' && table.lookup(address) === undefined) table.add(address, peer.name);
  }
  const book = new BalanceBook(topology.peers.map((p) => p.name));
  const onUnexpected = (error: unknown) => log?.(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  const run = composeRules(createRules({ topology, peers, table, book, send: opts.send, now: opts.now, onUnexpected, faults: opts.faults }));
  const now = opts.now ?? Date.now;

  return {
    peers,
    book,
    async handle(from, body) {
      const ctx = new PacketContext(from, body);
      const started = now();
      const reply = await run(ctx);
      if (log) log(describePacket(ctx, reply, now() - started));
      return { reply, prepare: ctx.hasPrepare ? ctx.prepare : undefined };
    },
  };
}

/** `alice -> bob 1000>1000 test.bob.x fulfilled 3ms` or `alice -> - test.nowhere rejected F02 by test.sut 0ms`. */
function describePacket(ctx: PacketContext, reply: IlpReply, elapsedMs: number): string {
  const prepare = ctx.hasPrepare ? ctx.prepare : undefined;
  const hop = ctx.nextHop?.name ?? '-';
  const amounts = prepare ? `${prepare.amount}>${ctx.outgoingAmount ?? '-'}` : `(${ctx.raw.length} bytes, undecodable)`;
  const destination = prepare?.destination ?? '-';
  const outcome = reply.type === 13 ? 'fulfilled' : `rejected ${reply.code} by ${reply.triggeredBy || '""'}`;
  return `${ctx.from.name} -> ${hop} ${amounts} ${destination} ${outcome} ${elapsedMs}ms`;
}
