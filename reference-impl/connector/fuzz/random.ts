/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) for the fuzzers: the same seed
 * gives the same inputs on every machine, so a failing case is reproduced from its seed and index alone.
 * Not for anything secret.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `streams` are mixed into the seed, e.g. (seed, caseIndex): each case gets its own independent stream. */
  constructor(seed: number, ...streams: number[]) {
    let state = seed >>> 0;
    for (const s of streams) state = splitmix32(state ^ Math.imul(s >>> 0, 0x9e3779b9)).value;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = splitmix32(state);
      state = step.state;
      words.push(step.value);
    }
    [this.a, this.b, this.c, this.d] = words as [number, number, number, number];
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.uint32() / 0x1_0000_0000) * n);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  chance(p: number): boolean {
    return this.uint32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** Picks by weight: `[[3, 'a'], [1, 'b']]` gives 'a' three times as often as 'b'. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    const total = items.reduce((sum, [w]) => sum + w, 0);
    let roll = this.uint32() / 0x1_0000_0000 * total;
    for (const [w, item] of items) {
      if (roll < w) return item;
      roll -= w;
    }
    return items[items.length - 1]![1];
  }

  /** `n` bytes, four per word (in the platform's byte order: little-endian on every machine CI runs on). */
  bytes(n: number): Uint8Array {
    const words = new Uint32Array(Math.ceil(n / 4));
    for (let i = 0; i < words.length; i++) words[i] = this.uint32();
    return new Uint8Array(words.buffer, 0, n);
  }

  /** A 64-bit unsigned value. */
  uint64(): bigint {
    return (BigInt(this.uint32()) << 32n) | BigInt(this.uint32());
  }
}

function splitmix32(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return { state: next, value: (z ^ (z >>> 16)) >>> 0 };
}
