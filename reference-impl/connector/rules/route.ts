import type { PeerConfig } from '../../../lib/topology';
import type { IlpRule } from '../context';
import { UnreachableError } from '../errors';
import type { RoutingTable } from '../routing-table';

export interface RouteOptions {
  readonly table: RoutingTable;
  readonly peers: ReadonlyMap<string, PeerConfig>;
}

/**
 * Picks the next hop: the peer of the longest prefix matching the destination on segment boundaries
 * (ROUTE-001, ROUTE-010); no match answers F02 (ROUTE-002). Sets ctx.nextHop. Routing a packet back to
 * the peer it came from is allowed (as deployed connectors do by default).
 *
 * Position: last rule of the route section; the balance and rate rules need ctx.nextHop.
 * Does not: handle peer.* (peer-protocol) or the test/live split (network-split).
 */
export function createRouteRule(opts: RouteOptions): IlpRule {
  return {
    name: 'route',
    async handle(ctx, next) {
      const destination = ctx.prepare.destination;
      const peerName = opts.table.lookup(destination);
      const peer = peerName === undefined ? undefined : opts.peers.get(peerName);
      if (!peer) throw new UnreachableError('no route', { destination });
      ctx.nextHop = peer;
      return next(ctx);
    },
  };
}
