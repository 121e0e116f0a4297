/**
 * Turns a fuzz run into a verdict and a printout shared by the unit test and scripts/fuzz-connector.ts:
 * the counts, the memory figures, the memory bounds and every finding with its reproduction command.
 */
import type { Finding, Tally } from './tally';
import { mb, type MemoryWatch } from './memory';

export interface MemoryBounds {
  /** heapUsed + external after a forced gc, minus before (default 100 MB). */
  readonly heapGrowthBytes: number;
  /** rss after minus before (default 200 MB: rss shrinks lazily, so this bound is looser). */
  readonly rssGrowthBytes: number;
}

export const DEFAULT_MEMORY_BOUNDS: MemoryBounds = { heapGrowthBytes: 100 * 1024 * 1024, rssGrowthBytes: 200 * 1024 * 1024 };

export interface FuzzVerdict {
  readonly ok: boolean;
  /** Counts and memory figures, always. */
  readonly summary: string;
  /** Findings and broken memory bounds; empty when ok. */
  readonly failures: string;
}

/** Replays one case (index >= 0), or the whole run for a finding not tied to one input. */
export function reproduceCommand(f: Finding): string {
  if (f.index >= 0) return `npm run fuzz:connector -- --seed ${f.seed} --case ${f.index}`;
  return `npm run fuzz:connector -- --seed ${f.seed} --only ${f.via.startsWith('http') ? 'http' : 'in-process'}`;
}

export function fuzzVerdict(name: string, run: { tally: Tally; memory: MemoryWatch; elapsedMs: number }, bounds = DEFAULT_MEMORY_BOUNDS): FuzzVerdict {
  const growth = run.memory.growth();
  const summary = [
    `${name}: ${(run.elapsedMs / 1000).toFixed(1)} s`,
    run.tally.describeCounts(),
    run.memory.describe(),
    `growth: heapUsed+external ${mb(growth.heap)} (bound ${mb(bounds.heapGrowthBytes)}), rss ${mb(growth.rss)} (bound ${mb(bounds.rssGrowthBytes)}); peak heapUsed+external ${mb(growth.peakHeap)}`,
  ].join('\n');
  const failures: string[] = [];
  if (growth.heap > bounds.heapGrowthBytes) failures.push(`memory: heapUsed+external grew ${mb(growth.heap)}, above the bound of ${mb(bounds.heapGrowthBytes)}`);
  if (growth.rss > bounds.rssGrowthBytes) failures.push(`memory: rss grew ${mb(growth.rss)}, above the bound of ${mb(bounds.rssGrowthBytes)}`);
  const findings = run.tally.describeFindings(reproduceCommand);
  if (findings) failures.push(`${run.tally.findings.length + run.tally.dropped} finding(s):\n\n${findings}`);
  return { ok: failures.length === 0, summary, failures: failures.join('\n') };
}
