/**
 * Static routes: ILP address prefix -> peer name, matched by longest prefix on segment boundaries.
 * A prefix matches a destination equal to it or starting with it followed by '.', so `test.lp` matches
 * `test.lp.x` but not `test.lpx` (RFC 15 leaves boundaries open, ROUTE-010; deployed connectors do this).
 * Matching is case-sensitive (ADDR-004).
 *
 * Lookup cuts the destination back one segment at a time and asks a Map, so its cost grows with the
 * number of segments, not with the number of routes.
 */
export class RoutingTable {
  private readonly routes = new Map<string, string>();

  constructor(routes: readonly { readonly prefix: string; readonly peer: string }[] = []) {
    for (const route of routes) this.add(route.prefix, route.peer);
  }

  /** Adds or replaces the route for `prefix`. */
  add(prefix: string, peer: string): void {
    if (prefix === '' || prefix.endsWith('.')) throw new Error(`route prefix "${prefix}" must be a non-empty address prefix without a trailing dot`);
    this.routes.set(prefix, peer);
  }

  /** The peer for the longest matching prefix, or undefined when none matches. */
  lookup(destination: string): string | undefined {
    let candidate = destination;
    for (;;) {
      const peer = this.routes.get(candidate);
      if (peer !== undefined) return peer;
      const cut = candidate.lastIndexOf('.');
      if (cut <= 0) return undefined;
      candidate = candidate.slice(0, cut);
    }
  }

  /**
   * FAULT route-by-shortest-prefix / case-insensitive-routing / shadowed-shorter-route / case-folded-route-table
   * (faults.ts): the wrong lookups the self-test needs. Never used without those faults.
   */
  lookupFaulty(
    destination: string,
    how: { readonly shortest: boolean; readonly ignoreCase: boolean; readonly shadowShorter?: boolean; readonly caseFolded?: boolean },
  ): string | undefined {
    const norm = (s: string) => (how.ignoreCase || how.caseFolded ? s.toLowerCase() : s);
    let routes = [...this.routes];
    if (how.caseFolded) routes = [...new Map(routes.map(([prefix, peer]) => [prefix.toLowerCase(), peer]))];
    if (how.shadowShorter) routes = routes.filter(([prefix]) => !routes.some(([other]) => other.startsWith(`${prefix}.`)));
    let best: { prefix: string; peer: string } | undefined;
    for (const [prefix, peer] of routes) {
      const p = norm(prefix);
      const d = norm(destination);
      if (d !== p && !d.startsWith(`${p}.`)) continue;
      if (!best || (how.shortest ? prefix.length < best.prefix.length : prefix.length > best.prefix.length)) best = { prefix, peer };
    }
    return best?.peer;
  }

  get size(): number {
    return this.routes.size;
  }
}
