import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time over a benchmark's run, from Linux's /proc: this process (the load's client), the ledger's process,
 * and the whole machine, so a figure comes with how much of it was the client, the ledger, and everything else
 * running on the machine meanwhile. Elsewhere than Linux the ledger's and the machine's figures are absent.
 */

/** Linux reports process times in USER_HZ ticks, 100 per second on every architecture node runs on. */
const TICK_MS = 10;

/** utime + stime of a process from the text of its /proc/<pid>/stat, in ms. */
export function processCpuMs(stat: string): number {
  // after "pid (comm) " (comm may hold spaces, so split after its last parenthesis), field 3 (state) is index 0,
  // so utime (14) and stime (15) are indexes 11 and 12
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

export interface CpuSpan {
  readonly wallMs: number;
  /** CPU milliseconds spent by the load's own process (the client). */
  readonly clientMs: number;
  /** CPU milliseconds spent by the ledger's process, when it is another process and /proc can tell. */
  readonly ledgerMs?: number;
  /** CPU milliseconds of the whole machine (all cores, all processes), when /proc can tell. */
  readonly machineMs?: number;
  readonly cores: number;
}

/** CPU milliseconds process `pid` has used so far; undefined where /proc is absent or the process is gone. */
export function cpuMsOfProcess(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return processCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function machineBusyTicks(): number | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = values.map(Number) as number[];
    return user! + nice! + system! + irq! + softirq! + steal!;
  } catch {
    return undefined;
  }
}

/** Starts measuring; the function returned ends the span. `ledgerPid`: the ledger's process, if it is not this one. */
export function startCpuSpan(ledgerPid?: number): () => CpuSpan {
  const started = performance.now();
  const client = process.cpuUsage();
  const ledger = cpuMsOfProcess(ledgerPid);
  const machine = machineBusyTicks();
  return () => {
    const used = process.cpuUsage(client);
    const ledgerNow = cpuMsOfProcess(ledgerPid);
    const machineNow = machineBusyTicks();
    return {
      wallMs: performance.now() - started,
      clientMs: (used.user + used.system) / 1000,
      ...(ledger !== undefined && ledgerNow !== undefined ? { ledgerMs: ledgerNow - ledger } : {}),
      ...(machine !== undefined && machineNow !== undefined ? { machineMs: (machineNow - machine) * TICK_MS } : {}),
      cores: availableParallelism(),
    };
  };
}

/** One line: each party's share of a core, and what the rest of the machine used meanwhile. */
export function describeCpu(span: CpuSpan): string {
  const cores = (ms: number) => (ms / span.wallMs).toFixed(2);
  const parts = [`client ${cores(span.clientMs)} of a core`];
  if (span.ledgerMs !== undefined) parts.push(`ledger ${cores(span.ledgerMs)}`);
  if (span.machineMs !== undefined) {
    const others = Math.max(0, span.machineMs - span.clientMs - (span.ledgerMs ?? 0));
    parts.push(`everything else on the machine ${cores(others)} (of ${span.cores} cores)`);
  }
  return `cpu: ${parts.join(', ')}`;
}
