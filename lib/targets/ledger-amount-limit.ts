/**
 * What a ledger says about the largest amounts it holds, read from its metadata in its own dialect, in one
 * form the amount-limit steps judge by (features/ledger/amount-limits.feature). RFC 17 names no maximum; an
 * ILPv4 amount is a UInt64, so 2^64 - 1 smallest units is the most a packet can ask a ledger to move.
 *
 * - native: `max_amount` (whole units at the ledger's scale). Every amount up to it is held to the unit;
 *   anything beyond it must be refused whole. Absent: the ledger states no limit.
 * - five-bells: `precision` and `scale`. Five Bells documents precision as "how many total decimal digits
 *   of precision this ledger uses to represent currency amounts", and five-bells-ledger 21 refuses a transfer
 *   amount with more significant digits than that (bignumber.js precision(), which does not count trailing
 *   zeros of the integer part). So an amount is beyond it exactly when it needs more than `precision`
 *   significant digits: everything up to 10^precision - 1 smallest units is held, 10^precision (one
 *   significant digit) is not beyond, and 10^precision + 1 is the first amount above that which is.
 */
import { parseDecimalAmount } from '../../contracts/decimal-amount';
import type { LedgerMetadata } from '../../contracts/ledger-api';

/** The first amount beyond an ILPv4 UInt64: what a ledger stating no limit is tried with. */
export const ILP_FIRST_BEYOND = 2n ** 64n;

export interface AmountLimit {
  /** What the ledger stated, in words for verdicts ("max_amount 184467440737095516.15 (scale 2)"). */
  readonly statement: string;
  /** Whether the ledger says it cannot hold `units` smallest units (either sign); undefined when it states no limit. */
  readonly beyond: ((units: bigint) => boolean) | undefined;
  /**
   * The least positive amount, in smallest units, that the ledger says it cannot hold, such that one unit
   * less is held; ILP_FIRST_BEYOND when it states no limit.
   */
  readonly firstBeyond: bigint;
}

/** The native metadata's max_amount; a max_amount that is no amount at the ledger's scale is an error naming it. */
export function nativeAmountLimit(metadata: Pick<LedgerMetadata, 'max_amount' | 'scale'>): AmountLimit {
  if (metadata.max_amount === undefined) {
    return { statement: 'no max_amount in its metadata (so it must hold every amount exactly or refuse it whole)', beyond: undefined, firstBeyond: ILP_FIRST_BEYOND };
  }
  const read = parseDecimalAmount(metadata.max_amount, metadata.scale);
  if (!read.ok || read.units <= 0n) throw new Error(`the ledger's max_amount ${JSON.stringify(metadata.max_amount)} is no positive amount at its scale ${metadata.scale}`);
  const max = read.units;
  return {
    statement: `max_amount ${metadata.max_amount} (${max} smallest units at scale ${metadata.scale})`,
    beyond: (units) => (units < 0n ? -units : units) > max,
    firstBeyond: max + 1n,
  };
}

/** Significant decimal digits of an integer amount of smallest units (trailing zeros do not count; 0 has 1). */
export function significantDigits(units: bigint): number {
  const digits = (units < 0n ? -units : units).toString().replace(/0+$/, '');
  return Math.max(1, digits.length);
}

/** Five Bells' `precision` (total significant digits) at its `scale`. */
export function fiveBellsAmountLimit(precision: number, scale: number): AmountLimit {
  if (!Number.isInteger(precision) || precision < 1) throw new Error(`the ledger's precision ${precision} is no positive integer`);
  return {
    statement: `precision ${precision} at scale ${scale} (at most ${precision} significant digits: every amount up to ${10n ** BigInt(precision) - 1n} smallest units)`,
    beyond: (units) => significantDigits(units) > precision,
    firstBeyond: 10n ** BigInt(precision) + 1n,
  };
}
