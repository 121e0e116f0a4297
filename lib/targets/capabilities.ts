/**
 * What a connector under test declares it supports. A scenario that needs a capability carries the tag
 * `@needs-<capability>`; when the target does not declare it, the scenario is skipped with that reason
 * (never failed). The bundled reference declares everything. An operator declares an external
 * connector's set with the world parameter `connectorCapabilities` or ILP_CONNECTOR_CAPABILITIES,
 * e.g. `http-sync,ildcp` for a connector that speaks only synchronous ILP-over-HTTP.
 */
export const CONNECTOR_CAPABILITIES = {
  'http-sync': 'ILP-over-HTTP request/response (RFC 35 drafts 1 and 2): the reply in the 200 body',
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

/**
 * The revisions of RFC 35 (ILP over HTTP) a connector can implement. Draft 2 (2021) is what every deployed
 * implementation speaks, Rafiki included: synchronous by default, asynchronous on `Prefer: respond-async`.
 * Draft 3 (March 2026) keeps only the asynchronous mode. The catalog says which HTTP requirements belong to
 * which revision (fixtures/requirements.json, `rfc35Revisions`).
 */
export const RFC35_REVISIONS = {
  'draft-2': 'RFC 35 draft 2 (2021): synchronous by default, the reply in the 200 body',
  'draft-3': 'RFC 35 draft 3 (2026-03): asynchronous only, 202 then a callback carrying Request-Id',
} as const;

export type Rfc35Revision = keyof typeof RFC35_REVISIONS;

/** What a connector under test declares, and whether it said so or the suite chose for it. */
export interface ConnectorDeclaration {
  readonly capabilities: ReadonlySet<ConnectorCapability>;
  readonly rfc35: ReadonlySet<Rfc35Revision>;
  /** 'declared' when the operator named the capabilities; 'default' when the suite chose. */
  readonly source: 'declared' | 'default';
}

/** The capability a revision's own exchange mode needs. */
const MODE_OF: Readonly<Record<Rfc35Revision, ConnectorCapability>> = { 'draft-2': 'http-sync', 'draft-3': 'http-async' };

/**
 * What the connector under test is taken to support.
 *
 * The bundled reference implements everything (both revisions). For an external connector the default is
 * deliberately narrow: RFC 35 draft 2 and its synchronous mode only, no IL-DCP, because that is what every
 * deployed connector speaks. A first run against a sync-only connector then fails nothing for a capability
 * it never claimed; the report names every capability left undeclared, how many scenarios it skipped, and
 * the flag that enables them. The suite does not probe: a connector that mishandles a probe (an async
 * request it does not understand, an IL-DCP request it forwards) would be judged on a scenario nobody
 * selected, and a probe that guesses wrong turns a declaration the operator should make into a silent one.
 */
export function declareConnector(options: { readonly external: boolean; readonly capabilities?: string | readonly string[]; readonly rfc35?: string | readonly string[] }): ConnectorDeclaration {
  const rfc35 = parseRevisions(options.rfc35, options.external ? ['draft-2'] : (Object.keys(RFC35_REVISIONS) as Rfc35Revision[]));
  const named = typeof options.capabilities === 'string' ? options.capabilities.trim() !== '' : (options.capabilities?.length ?? 0) > 0;
  if (named) return { capabilities: parseCapabilities(options.capabilities), rfc35, source: 'declared' };
  const capabilities = options.external ? new Set([...rfc35].map((r) => MODE_OF[r])) : new Set(ALL_CONNECTOR_CAPABILITIES);
  return { capabilities, rfc35, source: 'default' };
}

function parseRevisions(text: string | readonly string[] | undefined, fallback: readonly Rfc35Revision[]): ReadonlySet<Rfc35Revision> {
  const words = (typeof text === 'string' ? text.split(/[\s,]+/) : [...(text ?? [])]).map((w) => w.trim()).filter(Boolean);
  if (words.length === 0) return new Set(fallback);
  const unknown = words.filter((w) => !(w in RFC35_REVISIONS));
  if (unknown.length > 0) throw new Error(`unknown RFC 35 revision ${unknown.map((w) => `"${w}"`).join(', ')} (known: ${Object.keys(RFC35_REVISIONS).join(', ')})`);
  return new Set(words as Rfc35Revision[]);
}
