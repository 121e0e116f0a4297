/**
 * The appliesToPrefix of a QuoteLiquidityResponse (InterledgerQuotingProtocol ASN.1, 2017): the common prefix
 * of all addresses the quoted curve applies to; the requested destination itself when the curve applies only
 * to it. A curve belongs to one route of the routing table (`routePrefix`, the longest prefix the destination
 * matched); it applies to every address that route serves, which excludes those beneath any more specific
 * route. So the answer is the shortest 2017 prefix (segments ending in ".") of the destination, no shorter
 * than the route prefix, beneath which no other route lies; and the destination itself when every such
 * prefix has one beneath it.
 */
import { CodecError } from '../../lib/codec';
import type { Faults } from './curve';

const NONE: Faults = new Set();

export interface AppliesToPrefixQuery {
  /** Every prefix the routing table holds a route for (the route used among them). */
  readonly routes: readonly string[];
  /** The route the destination resolved to. */
  readonly routePrefix: string;
  readonly destination: string;
}

export function appliesToPrefix(query: AppliesToPrefixQuery, faults: Faults = NONE): string {
  const { routes, routePrefix, destination } = query;
  if (!destination.startsWith(routePrefix)) {
    throw new CodecError('ValueOutOfRange', 'routePrefix', -1, { reason: `the route prefix ${routePrefix} is no prefix of the destination ${destination}` });
  }
  // FAULT applies-to-route-prefix: the route's prefix, whatever lies beneath it.
  if (faults.has('applies-to-route-prefix')) return routePrefix;
  // FAULT applies-to-destination: never a prefix, even for a curve a whole prefix shares.
  if (faults.has('applies-to-destination')) return destination;
  const others = routes.filter((r) => r !== routePrefix);
  for (const candidate of prefixesOf(destination, routePrefix)) {
    if (!others.some((r) => r.startsWith(candidate))) return candidate;
  }
  return destination;
}

/** The route prefix, then each longer prefix of the destination that ends at a segment's dot. */
function prefixesOf(destination: string, routePrefix: string): string[] {
  const found = [routePrefix];
  for (let dot = destination.indexOf('.', routePrefix.length); dot !== -1; dot = destination.indexOf('.', dot + 1)) {
    if (dot + 1 > routePrefix.length) found.push(destination.slice(0, dot + 1));
  }
  return found;
}
