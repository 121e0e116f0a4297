/**
 * What a fuzz run counts and what it found. Counts are plain name -> number maps (inputs per category,
 * answers per HTTP status or reply); a Finding is one input the connector or codec mishandled, with
 * everything needed to reproduce it: seed, case index, category, the mutation steps and the input's hex.
 */
import type { FuzzCase } from './fuzz-cases';

export interface Finding {
  readonly seed: number;
  readonly index: number;
  readonly category: string;
  /** How it was sent (in-process, or the HTTP request kind). */
  readonly via: string;
  readonly steps: readonly string[];
  readonly input: Uint8Array;
  readonly problem: string;
}

/** Hex of inputs up to this size is printed whole; longer ones are cut and the case is named for regeneration. */
const FULL_HEX_BYTES = 16 * 1024;

export class Tally {
  readonly counts = new Map<string, Map<string, number>>();
  readonly findings: Finding[] = [];
  /** Findings past this many are counted, not kept. */
  readonly maxFindings: number;
  dropped = 0;

  constructor(maxFindings = 10) {
    this.maxFindings = maxFindings;
  }

  count(table: string, key: string, by = 1): void {
    let t = this.counts.get(table);
    if (!t) this.counts.set(table, (t = new Map()));
    t.set(key, (t.get(key) ?? 0) + by);
  }

  total(table: string): number {
    let n = 0;
    for (const v of this.counts.get(table)?.values() ?? []) n += v;
    return n;
  }

  find(fuzz: Pick<FuzzCase, 'seed' | 'index' | 'category' | 'steps'>, via: string, input: Uint8Array, problem: string): void {
    if (this.findings.length >= this.maxFindings) {
      this.dropped++;
      return;
    }
    this.findings.push({ seed: fuzz.seed, index: fuzz.index, category: fuzz.category, via, steps: fuzz.steps, input, problem });
  }

  /** The count tables, one line each: `category: valid 10370, bit-flip 8131, ...`. */
  describeCounts(): string {
    const lines: string[] = [];
    for (const [table, entries] of this.counts) {
      const sorted = [...entries].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`);
      lines.push(`${table} (${this.total(table)}): ${sorted.join(', ')}`);
    }
    return lines.join('\n');
  }

  /** Every finding in full, for an assertion message. Empty when there are none. */
  describeFindings(reproduce: (f: Finding) => string): string {
    if (this.findings.length === 0) return '';
    const parts = this.findings.map((f, i) => describeFinding(f, i + 1, reproduce(f)));
    if (this.dropped > 0) parts.push(`... and ${this.dropped} more findings not kept`);
    return parts.join('\n\n');
  }
}

export function describeFinding(f: Finding, n: number, reproduce: string): string {
  const hex = Buffer.from(f.input).toString('hex');
  const shown = f.input.length <= FULL_HEX_BYTES ? hex : `${hex.slice(0, 400)}... (cut: the command below prints the whole input)`;
  return [
    `finding ${n}: seed=${f.seed} case=${f.index} category=${f.category} via=${f.via}`,
    `  problem: ${f.problem.split('\n').join('\n    ')}`,
    `  steps: ${f.steps.join(' | ')}`,
    `  input (${f.input.length} bytes): ${shown}`,
    `  reproduce: ${reproduce}`,
  ].join('\n');
}

