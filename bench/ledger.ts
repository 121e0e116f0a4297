/**
 * Ledger throughput: conditional transfers prepared and executed per second through the HTTP API, with N
 * concurrent clients, plus the latency of each call against RFC 17's one-second bound (LEDGER-012, which
 * the features do not assert because tests carry no timing). A benchmark, not a test: it prints figures.
 *
 *   npx ts-node --transpile-only bench/ledger.ts [--clients 8] [--seconds 5] [--db ledger.sqlite]
 *
 * With no --url (or ILP_LEDGER_URL) it starts the bundled reference ledger: in memory by default, or on a
 * file with --db (WAL, synchronous=FULL: every commit waits for the disk). An external ledger needs
 * ILP_LEDGER_ADMIN_TOKEN to open the benchmark's accounts.
 */
import { parseBenchOptions } from './options';
import { randomBytes } from 'node:crypto';
import { LedgerHttpClient } from '../lib/targets/ledger-http';
import { startReferenceLedger } from '../reference-impl/ledger';
import { describeLoad, runTransferLoad } from './ledger-load';

interface Options {
  clients: number;
  seconds: number;
  url?: string;
  db?: string;
}

function parseOptions(argv: string[]): Options {
  const o = parseBenchOptions(argv, { integers: { clients: 8, seconds: 5 }, strings: ['url', 'db'] });
  return { clients: o.clients, seconds: o.seconds, url: o.url ?? process.env.ILP_LEDGER_URL, db: o.db };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  let close = async () => {};
  let baseUrl: string;
  let adminToken: string;
  let description: string;
  if (options.url) {
    const token = process.env.ILP_LEDGER_ADMIN_TOKEN;
    if (!token) throw new Error('an external ledger needs ILP_LEDGER_ADMIN_TOKEN to open the benchmark accounts');
    baseUrl = options.url;
    adminToken = token;
    description = options.url;
  } else {
    adminToken = randomBytes(24).toString('base64url');
    const running = await startReferenceLedger({ adminToken, dbPath: options.db ?? ':memory:' });
    baseUrl = running.url;
    description = `reference ledger (${options.db ? `file ${options.db}` : 'in memory'})`;
    close = () => running.close();
  }
  try {
    const result = await runTransferLoad(new LedgerHttpClient({ baseUrl, timeoutMs: 10_000 }), adminToken, options);
    for (const line of describeLoad(description, options.clients, result)) console.log(line);
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`ledger bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
