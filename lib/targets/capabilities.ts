/**
 * What a connector under test declares it supports. A scenario that needs a capability carries the tag
 * `@needs-<capability>`; when the target does not declare it, the scenario is skipped with that reason
 * (never failed). The bundled reference declares everything. An operator declares an external
 * connector's set with the world parameter `connectorCapabilities` or ILP_CONNECTOR_CAPABILITIES,
 * e.g. `http-sync,ildcp` for a connector that speaks only synchronous ILP-over-HTTP.
 */
export const CONNECTOR_CAPABILITIES = {
  'http-sync': 'ILP-over-HTTP request/response (RFC 35 draft 1): the reply in the 200 body',
  'http-async': 'ILP-over-HTTP with 202 and a callback carrying Request-Id (RFC 35 draft 3)',
  ildcp: 'IL-DCP parent for child peers (RFC 31)',
} as const;

export type ConnectorCapability = keyof typeof CONNECTOR_CAPABILITIES;

export const ALL_CONNECTOR_CAPABILITIES = Object.keys(CONNECTOR_CAPABILITIES) as ConnectorCapability[];

/** A comma- or space-separated list; absent or empty means every capability. Throws naming an unknown word. */
export function parseCapabilities(text: string | readonly string[] | undefined): ReadonlySet<ConnectorCapability> {
  const words = (typeof text === 'string' ? text.split(/[\s,]+/) : [...(text ?? [])]).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return new Set(ALL_CONNECTOR_CAPABILITIES);
  const unknown = words.filter((w) => !(w in CONNECTOR_CAPABILITIES));
  if (unknown.length > 0) {
    throw new Error(
      `unknown connector capabilit${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((w) => `"${w}"`).join(', ')} (known: ${ALL_CONNECTOR_CAPABILITIES.join(', ')})`,
    );
  }
  return new Set(words as ConnectorCapability[]);
}

/** The capabilities a scenario's tags ask for (`@needs-http-async` -> http-async). Unknown needs throw. */
export function neededCapabilities(tags: readonly string[]): ConnectorCapability[] {
  const needed: ConnectorCapability[] = [];
  for (const tag of tags) {
    const m = /^@needs-(.+)$/.exec(tag);
    if (!m) continue;
    if (!(m[1]! in CONNECTOR_CAPABILITIES)) throw new Error(`tag ${tag} names no connector capability (known: ${ALL_CONNECTOR_CAPABILITIES.join(', ')})`);
    needed.push(m[1] as ConnectorCapability);
  }
  return needed;
}
