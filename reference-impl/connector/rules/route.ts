import type { PeerConfig } from '../../../contracts/topology';
import type { IlpRule } from '../context';
import { PeerUnreachableError, UnreachableError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';
import type { RoutingTable } from '../routing-table';

export interface RouteOptions extends WithFaults {
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
  const faults = opts.faults ?? NO_FAULTS;
  // FAULT forward-peer-addresses / ildcp-ask-parent: peer.* goes to the parent (peer-protocol let it through).
  const peerToParent = faults.has('forward-peer-addresses') || faults.has('ildcp-ask-parent');
  const parent = peerToParent ? [...opts.peers.values()].find((p) => p.relation === 'parent') : undefined;
  const shortest = faults.has('route-by-shortest-prefix');
  const ignoreCase = faults.has('case-insensitive-routing');
  // FAULT shadowed-shorter-route / case-folded-route-table: wrong routing tables.
  const shadowShorter = faults.has('shadowed-shorter-route');
  const caseFolded = faults.has('case-folded-route-table');
  return {
    name: 'route',
    async handle(ctx, next) {
      const destination = ctx.prepare.destination;
      let peerName =
        shortest || ignoreCase || shadowShorter || caseFolded
          ? opts.table.lookupFaulty(destination, { shortest, ignoreCase, shadowShorter, caseFolded })
          : opts.table.lookup(destination);
      if (peerToParent && destination.startsWith('peer.') && parent) peerName = parent.name;
      // Stryker disable next-line ConditionalExpression: equivalent, a Map gives undefined for undefined too
      const peer = peerName === undefined ? undefined : opts.peers.get(peerName);
      // FAULT no-route-temporary-code: T01 instead of F02.
      if (!peer && faults.has('no-route-temporary-code')) throw new PeerUnreachableError('no route', { destination });
      if (!peer) throw new UnreachableError('no route', { destination });
      ctx.nextHop = peer;
      return next(ctx);
    },
  };
}
