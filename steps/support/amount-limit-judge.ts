/**
 * Judging amounts at the limit of what a ledger holds (features/ledger/amount-limits.feature). RFC 17 names
 * no maximum, so the ledger's own statement decides (lib/targets/ledger-amount-limit.ts):
 *  - it states a limit: every amount within it is held to the unit, and an action that would make it hold
 *    more (an opening balance, a transfer amount, a credited balance) is refused whole;
 *  - it states none: it holds the amount exactly, or refuses it whole.
 * Accepting and rounding always fails: the balances are read back to the unit.
 */
import type { AmountLimit } from '../../lib/targets/ledger-amount-limit';

/** Words for an amount in a step: digits, or relative to the first amount the ledger says it cannot hold. */
export type LimitUnits = { readonly kind: 'units'; readonly units: bigint } | { readonly kind: 'first-beyond'; readonly offset: bigint };

export const LIMIT_UNITS_PATTERN = /\d+|the first amount beyond it|one unit below the first amount beyond it/;

export function parseLimitUnits(text: string): LimitUnits {
  if (text === 'the first amount beyond it') return { kind: 'first-beyond', offset: 0n };
  if (text === 'one unit below the first amount beyond it') return { kind: 'first-beyond', offset: -1n };
  if (!/^\d+$/.test(text)) throw new Error(`"${text}" is not a number of smallest units, "the first amount beyond it" or "one unit below the first amount beyond it"`);
  return { kind: 'units', units: BigInt(text) };
}

export function resolveLimitUnits(words: LimitUnits, limit: AmountLimit): bigint {
  return words.kind === 'units' ? words.units : limit.firstBeyond + words.offset;
}

export type LimitOutcome = 'accepted' | 'refused' | 'broken';

/**
 * Whether the ledger may have answered an action that makes it hold `needed` smallest units (the largest
 * magnitude among the amount and the balances it leads to) as it did: undefined when it may, else what was
 * expected. Wholeness and exactness are judged by reading the balances back.
 */
export function limitVerdict(limit: AmountLimit, needed: bigint, outcome: LimitOutcome): string | undefined {
  if (outcome === 'broken') return 'an acceptance or a 4xx refusal';
  if (limit.beyond === undefined) return undefined;
  const beyond = limit.beyond(needed);
  if (outcome === 'accepted' && beyond) return `a refusal: it would make the ledger hold ${needed} smallest units, beyond what it says it can hold, ${limit.statement}`;
  if (outcome === 'refused' && !beyond) return `the ledger holds ${needed} smallest units to the unit: it is within what it says it can hold, ${limit.statement}`;
  return undefined;
}

export function magnitude(units: bigint): bigint {
  return units < 0n ? -units : units;
}

export function largest(...units: bigint[]): bigint {
  return units.map(magnitude).reduce((a, b) => (a > b ? a : b), 0n);
}
