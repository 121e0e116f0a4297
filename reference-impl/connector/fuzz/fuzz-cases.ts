/**
 * The fuzz corpus: case `index` of seed `seed` is always the same bytes (but for the timestamps, which are
 * relative to `now` so valid packets stay valid however long a run takes). A case is a category, the steps
 * that made it (for the failure message) and the bytes.
 *
 * Categories: unmutated valid packets; one structured or byte-level mutation of a valid packet; stacked
 * mutations (a structured one, then two or three byte-level ones); and pure random bytes of 0..40000.
 */
import {
  appendGarbage, changeTypeByte, corruptAddress, corruptLengthPrefix, corruptTimestamp, dataLengthExtreme, deleteBytes,
  flipBits, insertBytes, type Mutated, randomBytes, structuredFlaw, trailingBytes, truncate,
} from './mutations';
import { seedPacket, type SeedPacket } from './packet-seeds';
import { Random } from './random';

export const CATEGORIES = [
  'valid', 'bit-flip', 'byte-insert', 'byte-delete', 'truncate', 'length-prefix', 'type-byte', 'timestamp', 'address',
  'data-length', 'trailing', 'forge-flaw', 'stacked', 'random-bytes',
] as const;
export type Category = (typeof CATEGORIES)[number];

const WEIGHTS: readonly (readonly [number, Category])[] = [
  [10, 'valid'], [8, 'bit-flip'], [5, 'byte-insert'], [5, 'byte-delete'], [5, 'truncate'], [8, 'length-prefix'], [4, 'type-byte'],
  [8, 'timestamp'], [8, 'address'], [3, 'data-length'], [5, 'trailing'], [6, 'forge-flaw'], [12, 'stacked'], [10, 'random-bytes'],
];

export interface FuzzCase {
  readonly seed: number;
  readonly index: number;
  readonly category: Category;
  /** What was done, in order: the seed packet, then each mutation. */
  readonly steps: readonly string[];
  readonly bytes: Uint8Array;
}

type ByteMutation = (rng: Random, bytes: Uint8Array) => Mutated;
const BYTE_MUTATIONS: readonly ByteMutation[] = [flipBits, insertBytes, deleteBytes, truncate, changeTypeByte, appendGarbage];

export function fuzzCase(seed: number, index: number, now: number): FuzzCase {
  const rng = new Random(seed, index);
  const category = rng.weighted(WEIGHTS);
  const make = (steps: string[], m: Mutated): FuzzCase => ({ seed, index, category, steps: [...steps, m.label], bytes: m.bytes });
  if (category === 'random-bytes') return make([], randomBytes(rng));

  const base = seedPacket(rng, now, index, category === 'timestamp' ? 'prepare' : category === 'address' ? rng.pick(['prepare', 'reject'] as const) : undefined);
  const steps = [describeSeed(base)];
  switch (category) {
    case 'valid': return { seed, index, category, steps, bytes: base.bytes };
    case 'bit-flip': return make(steps, flipBits(rng, base.bytes));
    case 'byte-insert': return make(steps, insertBytes(rng, base.bytes));
    case 'byte-delete': return make(steps, deleteBytes(rng, base.bytes));
    case 'truncate': return make(steps, truncate(rng, base.bytes));
    case 'type-byte': return make(steps, changeTypeByte(rng, base.bytes));
    case 'length-prefix': return make(steps, corruptLengthPrefix(rng, base, base.bytes));
    case 'timestamp': return make(steps, corruptTimestamp(rng, base as SeedPacket & { kind: 'prepare' }));
    case 'address': return make(steps, corruptAddress(rng, base as SeedPacket & { kind: 'prepare' | 'reject' }));
    case 'data-length': return make(steps, dataLengthExtreme(rng, base));
    case 'trailing': return make(steps, trailingBytes(rng, base));
    case 'forge-flaw': return make(steps, structuredFlaw(rng, base));
    case 'stacked': {
      let current: Mutated = rng.chance(0.5) ? structuredMutation(rng, base) : corruptLengthPrefix(rng, base, base.bytes);
      const labels = [...steps, current.label];
      for (let i = rng.between(1, 3); i > 0; i--) {
        current = rng.pick(BYTE_MUTATIONS)(rng, current.bytes);
        labels.push(current.label);
      }
      return { seed, index, category, steps: labels, bytes: current.bytes };
    }
  }
}

function structuredMutation(rng: Random, base: SeedPacket): Mutated {
  if (base.kind === 'prepare' || base.kind === 'ildcp') {
    const pick = rng.below(3);
    if (pick === 0) return corruptTimestamp(rng, base);
    if (pick === 1) return corruptAddress(rng, base);
  }
  return rng.chance(0.5) ? trailingBytes(rng, base) : structuredFlaw(rng, base);
}

function describeSeed(seed: SeedPacket): string {
  switch (seed.kind) {
    case 'prepare': return `Prepare ${seed.packet.amount} to ${seed.packet.destination} expiring ${seed.packet.expiresAt.toISOString()} data ${seed.packet.data.length} bytes`;
    case 'ildcp': return `IL-DCP request expiring ${seed.packet.expiresAt.toISOString()}`;
    case 'fulfill': return `Fulfill data ${seed.packet.data.length} bytes`;
    case 'reject': return `Reject ${seed.packet.code} by ${seed.packet.triggeredBy}`;
  }
}
