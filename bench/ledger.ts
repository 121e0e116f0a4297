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
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LedgerHttpClient, describeLedgerReply } from '../lib/targets/ledger-http';
import { startReferenceLedger } from '../reference-impl/ledger';

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

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `${name.padEnd(8)} n=${String(s.length).padStart(6)}  p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(1)} ms`;
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
  const client = new LedgerHttpClient({ baseUrl, timeoutMs: 10_000 });
  const run = randomBytes(3).toString('hex');
  const pairs = Array.from({ length: options.clients }, (_, i) => ({
    from: { name: `bench-${run}-${i}-a`, token: randomBytes(18).toString('base64url') },
    to: { name: `bench-${run}-${i}-b`, token: randomBytes(18).toString('base64url') },
  }));
  for (const { from, to } of pairs) {
    for (const [account, balance] of [[from, '1000000000'], [to, '0']] as const) {
      const r = await client.createAccount(adminToken, account.name, { balance, token: account.token });
      if (r.kind !== 'ok') throw new Error(`opening ${account.name}: ${describeLedgerReply(r)}`);
    }
  }

  const latency = { prepare: [] as number[], execute: [] as number[] };
  let transfers = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const deadline = Date.now() + options.seconds * 1000;
  const started = Date.now();
  await Promise.all(
    pairs.map(async ({ from, to }) => {
      while (Date.now() < deadline) {
        const preimage = randomBytes(32);
        const id = randomUUID();
        const prepared = await client.prepareTransfer(from.token, id, {
          debit_account: from.name,
          credit_account: to.name,
          amount: '1',
          execution_condition: createHash('sha256').update(preimage).digest('base64url'),
          expires_at: new Date(Date.now() + 30_000).toISOString(),
        });
        latency.prepare.push(prepared.elapsedMs);
        const executed = prepared.kind === 'ok' ? await client.fulfill(to.token, id, preimage) : prepared;
        if (prepared.kind === 'ok') latency.execute.push(executed.elapsedMs);
        if (executed.kind === 'ok') transfers++;
        else {
          failures++;
          firstFailure ??= describeLedgerReply(executed);
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await close();

  const worst = Math.max(...latency.prepare, ...latency.execute);
  console.log(`ledger bench: ${description}, ${options.clients} concurrent clients, ${seconds.toFixed(1)} s`);
  console.log(`  ${(transfers / seconds).toFixed(1)} transfers prepared and executed per second (${transfers} in all, ${failures} failed${firstFailure ? `; first: ${firstFailure}` : ''})`);
  console.log(`  ${summary('prepare', latency.prepare)}`);
  console.log(`  ${summary('execute', latency.execute)}`);
  console.log(`  LEDGER-012 (each call within 1 s): slowest call ${worst.toFixed(0)} ms -> ${worst <= 1000 ? 'within' : 'BEYOND'} the bound (measured, not a verdict)`);
}

main().catch((error: unknown) => {
  console.error(`ledger bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
