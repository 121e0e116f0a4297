/**
 * The topology the connector's ordinary pipeline runs with when its peers are ledgers: one peer per ledger
 * (named after the link, in the ledger's asset and scale), one route per ledger prefix, the rates, and the
 * connector's own address. Checks the one configuration rule that spans ledgers: ledgers joined by one
 * connector have distinct prefixes (ADDR-L07), or no destination could say which ledger it is on.
 */
import type { PeerConfig, Topology } from '../../../contracts/topology';

export interface LinkedLedger {
  readonly name: string;
  /** v1 ledger prefix with its trailing dot, e.g. `test1.ledger.` */
  readonly prefix: string;
  readonly asset: { readonly code: string; readonly scale: number };
}

export interface LinkTopologyOptions {
  readonly address: string;
  readonly ledgers: readonly LinkedLedger[];
  /** Further routes: an ILPv4 prefix (no trailing dot) to the ledger named. */
  readonly routes?: readonly { readonly prefix: string; readonly ledger: string }[];
  /** Value of one whole unit of each currency; default: all ledgers share one currency, at par. */
  readonly rates?: Readonly<Record<string, string>>;
  readonly minMessageWindowMs: number;
  readonly maxHoldTimeMs: number;
}

const UINT64_MAX = 2n ** 64n - 1n;
const UNLIMITED = 2n ** 127n;

export function buildLinkTopology(opts: LinkTopologyOptions): Topology {
  const { ledgers } = opts;
  if (ledgers.length < 2) throw new Error(`a connector joins at least two ledgers; ${ledgers.length} given`);
  const byPrefix = new Map<string, string>();
  for (const ledger of ledgers) {
    const other = byPrefix.get(ledger.prefix);
    if (other !== undefined) throw new Error(`ledgers ${other} and ${ledger.name} share the prefix ${ledger.prefix}; ledgers joined by one connector need distinct prefixes (ADDR-L07)`);
    byPrefix.set(ledger.prefix, ledger.name);
  }
  const names = new Set(ledgers.map((l) => l.name));
  if (names.size !== ledgers.length) throw new Error('two ledgers were given the same name');
  const codes = [...new Set(ledgers.map((l) => l.asset.code))];
  const rates = opts.rates ?? (codes.length === 1 ? { [codes[0]!]: '1' } : undefined);
  if (!rates) throw new Error(`the ledgers hold different currencies (${codes.join(', ')}); give rates for each`);
  for (const code of codes) if (!(code in rates)) throw new Error(`no rate for currency ${code}`);
  for (const route of opts.routes ?? []) if (!names.has(route.ledger)) throw new Error(`route ${route.prefix} names unknown ledger "${route.ledger}"`);

  const peers: PeerConfig[] = ledgers.map((l) => ({
    name: l.name,
    relation: 'peer',
    asset: l.asset,
    maxPacketAmount: UINT64_MAX,
    balance: { minimum: -UNLIMITED, maximum: UNLIMITED },
    // Ledger peers are not reached over ILP-over-HTTP; these fields are never used.
    http: { mode: 'sync', incoming: { path: `/${l.name}`, token: '' }, outgoing: { url: 'http://127.0.0.1:0/', token: '' } },
  }));
  return {
    network: ledgers.some((l) => l.prefix.startsWith('g.')) ? 'live' : 'test',
    sut: { address: opts.address, url: 'http://127.0.0.1:0', minMessageWindowMs: opts.minMessageWindowMs, maxHoldTimeMs: opts.maxHoldTimeMs },
    peers,
    routes: [...ledgers.map((l) => ({ prefix: l.prefix.slice(0, -1), peer: l.name })), ...(opts.routes ?? []).map((r) => ({ prefix: r.prefix, peer: r.ledger }))],
    rates,
  };
}
