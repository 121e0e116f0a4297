/**
 * Ledger throughput: conditional transfers prepared and executed per second through the HTTP API, with N
 * concurrent clients, plus the latency of each call against RFC 17's one-second bound (LEDGER-012, which
 * the features do not assert because tests carry no timing). A benchmark, not a test: it prints figures.
 *
 *   node -r sucrase/register/ts bench/ledger.ts [--clients 8] [--seconds 5] [--db ledger.sqlite]
 *
 * With no --url (or ILP_LEDGER_URL) it starts the bundled reference ledger as its own process
 * (bench/reference-ledger-process.ts): in memory by default, or on a file with --db (WAL, synchronous=FULL:
 * every commit waits for the disk). An external ledger needs ILP_LEDGER_ADMIN_TOKEN to open the benchmark's
 * accounts. The client is the lean one (bench/native-bench-client.ts); the cpu line shows its share.
 */
import { parseBenchOptions } from './options';
import { randomBytes } from 'node:crypto';
import { NativeBenchClient } from './native-bench-client';
import { startReferenceLedgerProcess } from './reference-ledger-process';
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
  let ledgerPid: number | undefined;
  if (options.url) {
    const token = process.env.ILP_LEDGER_ADMIN_TOKEN;
    if (!token) throw new Error('an external ledger needs ILP_LEDGER_ADMIN_TOKEN to open the benchmark accounts');
    baseUrl = options.url;
    adminToken = token;
    description = options.url;
  } else {
    adminToken = randomBytes(24).toString('base64url');
    const running = await startReferenceLedgerProcess({ adminToken, db: options.db });
    baseUrl = running.url;
    ledgerPid = running.pid;
    description = `reference ledger (${options.db ? `file ${options.db}` : 'in memory'})`;
    close = () => running.stop();
  }
  const client = new NativeBenchClient(baseUrl, options.clients);
  try {
    const result = await runTransferLoad(client, adminToken, { clients: options.clients, seconds: options.seconds, ledgerPid });
    for (const line of describeLoad(description, options.clients, result)) console.log(line);
  } finally {
    client.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`ledger bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
