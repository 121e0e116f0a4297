/**
 * What every connector that joins ledgers does first: opens its account on each ledger (LedgerAccountLink,
 * followed on the ledger's socket) and hands each transfer PREPARED to it, once, to the handler given to
 * `serve`; one announced before that waits for it. Used by the ILPv4 ledger link (index.ts) and the ILPv1
 * connector (reference-impl/legacy-connector).
 *
 * `close()` stops following at once, like a crash; `settled()` then waits for the handlers still running.
 */
import type { LedgerTransfer } from '../../../contracts/ledger-api';
import { LedgerAccountLink, type LedgerAccountConfig } from './ledger-account';

/** Options both ledger connectors take. */
export interface LedgerConnectorCommonOptions {
  /** Time kept back on each hop: outgoing expiry = incoming expiry - this (default 400 ms). */
  readonly minMessageWindowMs?: number;
  /** Self-test fault switches, or their comma-separated list. */
  readonly faults?: readonly string[] | string;
  /** Bound on each ledger request and on opening each socket (default 5 s). */
  readonly timeoutMs?: number;
  /** One line per payment and per problem; never given tokens. */
  readonly log?: (line: string) => void;
}

export interface FollowedAccounts {
  readonly links: readonly LedgerAccountLink[];
  readonly closed: boolean;
  serve(handler: (link: LedgerAccountLink, transfer: LedgerTransfer) => Promise<void>): void;
  close(): Promise<void>;
  settled(): Promise<void>;
}

/** Opens every account (default names `ledger-<n>`); one that fails closes the others and throws. */
export async function followLedgerAccounts(configs: readonly LedgerAccountConfig[], timeoutMs: number, log: (line: string) => void): Promise<FollowedAccounts> {
  let closed = false;
  const seen = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let handler: (link: LedgerAccountLink, transfer: LedgerTransfer) => Promise<void> = async () => undefined;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  const handlers = {
    onProblem: (problem: string) => log(`problem: ${problem}`),
    onIncoming: (link: LedgerAccountLink, transfer: LedgerTransfer) => {
      if (closed || seen.has(`${link.name}/${transfer.id}`)) return;
      seen.add(`${link.name}/${transfer.id}`);
      const run = started.then(() => handler(link, transfer)).catch((error: unknown) => log(`problem: ${link.name} ${transfer.id}: ${(error as Error).stack ?? String(error)}`));
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    },
  };
  const links: LedgerAccountLink[] = [];
  const close = async () => {
    closed = true;
    await Promise.all(links.map((l) => l.close()));
  };
  try {
    for (const [index, config] of configs.entries()) links.push(await LedgerAccountLink.open(config.name ?? `ledger-${index + 1}`, config, handlers, timeoutMs));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    links,
    get closed() {
      return closed;
    },
    serve(h) {
      handler = h;
      ready();
    },
    close,
    async settled() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
