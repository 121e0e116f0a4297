/**
 * Memory figures for the fuzz runs: heapUsed, external (Buffers live there, outside the JS heap) and rss
 * sampled before, during and after, the "after" one taken after a forced garbage collection. gc is the global one when node runs with --expose-gc; otherwise
 * it is fetched by switching the flag on at run time (v8.setFlagsFromString + a fresh context), which
 * works on Node 20; if even that fails, "after" is taken after a settle of a few hundred ms.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemorySample {
  readonly label: string;
  readonly heapUsed: number;
  /** Memory of Buffers and ArrayBuffers, outside the JS heap. */
  readonly external: number;
  readonly rss: number;
}

export class MemoryWatch {
  readonly samples: MemorySample[] = [];

  sample(label: string): MemorySample {
    const { heapUsed, external, rss } = process.memoryUsage();
    const s = { label, heapUsed, external, rss };
    this.samples.push(s);
    return s;
  }

  /** Collects garbage (or waits), then samples. */
  async settled(label: string): Promise<MemorySample> {
    const gc = collector();
    if (gc) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    } else {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return this.sample(gc ? label : `${label} (no gc: settled 500 ms)`);
  }

  /** Growth from the first to the last sample (heap = heapUsed + external), and the highest heap seen. */
  growth(): { heap: number; rss: number; peakHeap: number } {
    const first = this.samples[0]!;
    const last = this.samples[this.samples.length - 1]!;
    return {
      heap: heapOf(last) - heapOf(first),
      rss: last.rss - first.rss,
      peakHeap: Math.max(...this.samples.map(heapOf)),
    };
  }

  /** One line per sample: `before: heapUsed 52.1 MB external 3.0 MB rss 180.3 MB`. */
  describe(): string {
    return this.samples.map((s) => `${s.label}: heapUsed ${mb(s.heapUsed)} external ${mb(s.external)} rss ${mb(s.rss)}`).join('\n');
  }
}

function heapOf(s: MemorySample): number {
  return s.heapUsed + s.external;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

let cached: (() => void) | null | undefined;

function collector(): (() => void) | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return (cached = global);
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    cached = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    cached = null;
  }
  return cached ?? undefined;
}
