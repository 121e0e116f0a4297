import type { AddressInfo } from 'node:net';
import { parseFaults, type LedgerFault } from './faults';
import { createLedgerHttpServer } from './http-server';
import { ReferenceLedger } from './ledger';

export { LEDGER_FAULTS, type LedgerFault } from './faults';

export interface ReferenceLedgerOptions {
  /** SQLite file; default ':memory:' (nothing survives close). */
  readonly dbPath?: string;
  /** TCP port on 127.0.0.1; default 0 (an ephemeral port). */
  readonly port?: number;
  /** Bearer token of the admin (opens accounts); at least 16 characters. */
  readonly adminToken: string;
  /** Ledger prefix, ILP Addresses v1 form; default 'test1.ledger.'. */
  readonly ilpPrefix?: string;
  /** Default 'USD'. */
  readonly currencyCode?: string;
  /** Digits after the decimal point; default 2. */
  readonly scale?: number;
  /** Faults to switch on (self-test only); default none. */
  readonly faults?: readonly LedgerFault[] | string;
  /** Clock for unit tests; default Date.now. */
  readonly now?: () => number;
}

export interface RunningLedger {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly ledger: ReferenceLedger;
  /** Stops accepting, closes sockets, stops the expiry timer and closes the database. */
  close(): Promise<void>;
}

/** Starts the reference ledger's HTTP API on loopback. Throws on a bad option, naming it. */
export async function startReferenceLedger(options: ReferenceLedgerOptions): Promise<RunningLedger> {
  // Stryker disable all: start-up and shutdown plumbing of the suite's own target: a scenario cannot run without it, and ledger.test.ts / http-server.test.ts check the options
  const faults = typeof options.faults === 'string' ? parseFaults(options.faults) : parseFaults((options.faults ?? []).join(','));
  const ledger = new ReferenceLedger({
    dbPath: options.dbPath ?? ':memory:',
    adminToken: options.adminToken,
    ilpPrefix: options.ilpPrefix ?? 'test1.ledger.',
    currencyCode: options.currencyCode ?? 'USD',
    scale: options.scale ?? 2,
    faults,
    now: options.now,
  });
  const server = createLedgerHttpServer(ledger);
  try {
    await new Promise<void>((listening, failed) => {
      server.once('error', failed);
      server.listen(options.port ?? 0, '127.0.0.1', () => listening());
    });
  } catch (error) {
    await ledger.close();
    throw new Error(`reference ledger could not listen on 127.0.0.1:${options.port ?? 0}: ${(error as Error).message}`);
  }
  // Stryker restore all
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    ledger,
    // Stryker disable all: shutdown of the suite's own target, after every scenario has been judged; ledger.test.ts checks that close is idempotent
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await ledger.close();
        await stopped;
      })();
      return closing;
    },
    // Stryker restore all
  };
}
