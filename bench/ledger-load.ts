/**
 * The ledger benchmark's load, for any ledger API client (lib/targets/ledger-dialect.ts): N pairs of accounts,
 * each pair's client preparing a conditional transfer of 1 and executing it with its preimage, one after the
 * other, until the time is up. Shared by bench/ledger.ts and bench/ledger-vs-five-bells.ts.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LedgerApiClient } from '../lib/targets/ledger-dialect';
import { describeLedgerReply } from '../lib/targets/ledger-http';
import { describeCpu, startCpuSpan, type CpuSpan } from './cpu-meter';

/** What the load asks of a ledger: the harness's clients (any dialect) or the benchmarks' lean one. */
export type BenchLedgerClient = Pick<LedgerApiClient, 'createAccount' | 'prepareTransfer' | 'fulfill'>;

export interface LoadResult {
  readonly transfers: number;
  readonly failures: number;
  readonly firstFailure?: string;
  readonly seconds: number;
  readonly latency: { readonly prepare: number[]; readonly execute: number[] };
  /** CPU used meanwhile by the client, the ledger (when `ledgerPid` was given) and the machine. */
  readonly cpu: CpuSpan;
}

/**
 * Opens the accounts (as the admin), then runs the load for `seconds`. A refused account opening throws.
 * `ledgerPid`: the ledger's process, so its CPU time is measured too.
 */
export async function runTransferLoad(
  client: BenchLedgerClient,
  adminToken: string,
  options: { clients: number; seconds: number; ledgerPid?: number },
): Promise<LoadResult> {
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
  const endSpan = startCpuSpan(options.ledgerPid);
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
  const cpu = endSpan();
  return { transfers, failures, ...(firstFailure ? { firstFailure } : {}), seconds: (Date.now() - started) / 1000, latency, cpu };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `${name.padEnd(8)} n=${String(s.length).padStart(6)}  p50 ${percentile(s, 50).toFixed(1)} ms  p99 ${percentile(s, 99).toFixed(1)} ms  max ${(s[s.length - 1] ?? NaN).toFixed(1)} ms`;
}

export function perSecond(r: LoadResult): number {
  return r.transfers / r.seconds;
}

/** The ledger's CPU milliseconds per transfer prepared and executed, when its process was measured. */
export function ledgerCpuPerTransfer(r: LoadResult): number | undefined {
  return r.cpu.ledgerMs === undefined || r.transfers === 0 ? undefined : r.cpu.ledgerMs / r.transfers;
}

/** The result's lines: throughput, latencies, and the slowest call against RFC 17's one-second bound. */
export function describeLoad(description: string, clients: number, r: LoadResult): string[] {
  const worst = [...r.latency.prepare, ...r.latency.execute].reduce((a, b) => Math.max(a, b), 0);
  const perTransfer = ledgerCpuPerTransfer(r);
  return [
    `ledger bench: ${description}, ${clients} concurrent clients, ${r.seconds.toFixed(1)} s`,
    `  ${perSecond(r).toFixed(1)} transfers prepared and executed per second (${r.transfers} in all, ${r.failures} failed${r.firstFailure ? `; first: ${r.firstFailure}` : ''})`,
    `  ${summary('prepare', r.latency.prepare)}`,
    `  ${summary('execute', r.latency.execute)}`,
    `  ${describeCpu(r.cpu)}${perTransfer === undefined ? '' : `; the ledger spent ${perTransfer.toFixed(3)} ms of CPU per transfer`}`,
    `  LEDGER-012 (each call within 1 s): slowest call ${worst.toFixed(0)} ms -> ${worst <= 1000 ? 'within' : 'BEYOND'} the bound (measured, not a verdict)`,
  ];
}
