/**
 * The ILP addresses the harness peers speak for. A peer reached through a route owns that route's
 * prefix (bob is `test.bob`); a child without a route is `<sut address>.<name>`, the address a parent
 * allocates its child over IL-DCP (RFC 31).
 */
import type { Topology } from '../../contracts/topology';
import { peerByName } from '../../contracts/topology';

export function peerAddress(topology: Topology, name: string): string {
  const peer = peerByName(topology, name);
  const routes = topology.routes.filter((r) => r.peer === peer.name).map((r) => r.prefix);
  const own = routes.find((prefix) => prefix.split('.').pop() === peer.name) ?? routes.sort((a, b) => a.length - b.length)[0];
  return own ?? `${topology.sut.address}.${peer.name}`;
}

/**
 * The shortest route prefix that leads to `name` (where "a destination behind bob" lives). A child the
 * routes do not name lives under its own address, `<sut address>.<name>`: a connector routes the address it
 * gives its child (the reference does, and so does ilp-connector).
 */
export function prefixBehind(topology: Topology, name: string): string {
  const peer = peerByName(topology, name);
  const prefixes = topology.routes.filter((r) => r.peer === peer.name).map((r) => r.prefix);
  if (prefixes.length === 0 && peer.relation === 'child') return peerAddress(topology, name);
  if (prefixes.length === 0) {
    throw new Error(`topology has no route to ${name}, so no destination is behind it (routes: ${topology.routes.map((r) => `${r.prefix}->${r.peer}`).join(', ')})`);
  }
  // Prefer the prefix named after the peer (test.bob), else the shortest: neither shadowed by a longer route.
  return prefixes.find((p) => p.split('.').pop() === peer.name) ?? prefixes.sort((a, b) => a.length - b.length)[0]!;
}

/** The peer the topology's routes send `destination` to: longest prefix on segment boundaries. */
export function routedPeer(topology: Topology, destination: string): string | undefined {
  let best: { prefix: string; peer: string } | undefined;
  for (const route of topology.routes) {
    const matches = destination === route.prefix || destination.startsWith(`${route.prefix}.`);
    if (matches && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  return best?.peer;
}
