import { fail, ok, type Result } from './errors';
import type { FaultSet } from './faults';
import { formatDecimalAmount, parseDecimalAmount } from '../../contracts/decimal-amount';

/**
 * The ledger's reading of wire amounts (contracts/decimal-amount.ts), with its own range limit and the
 * fault switch that cuts finer digits instead of refusing them.
 */
export function parseAmount(text: string, scale: number, faults?: FaultSet): Result<bigint> {
  // FAULT round-fine-amounts: digits beyond the scale are cut off instead of refused.
  // FAULT amounts-as-doubles: the text goes through a JavaScript number first (fixed notation, at the scale).
  const asDouble = faults?.has('amounts-as-doubles') && /^-?\d+(\.\d+)?$/.test(text) ? Number(text).toFixed(scale) : text;
  const read = parseDecimalAmount(faults?.has('round-fine-amounts') ? cutFinerDigits(asDouble, scale) : asDouble, scale);
  if (!read.ok) return fail({ kind: 'invalid-amount', reason: read.reason });
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only the upper bound is pinned (amount-limits): a negative amount beyond -(2^64 - 1) is a transfer amount the request schema refuses first, or a minimum balance, the operator's input
  if (read.units > MAX_UNITS || read.units < -MAX_UNITS) {
    // FAULT wrap-at-64-bits: the amount is taken modulo 2^64, as an unsigned 64-bit column would store it.
    if (faults?.has('wrap-at-64-bits')) return ok(wrap64(read.units));
    return fail({ kind: 'invalid-amount', reason: `${text} is beyond what the ledger can hold (${formatDecimalAmount(MAX_UNITS, scale)})` });
  }
  return ok(read.units);
}

// Stryker disable all: runs only under the fault round-fine-amounts
function cutFinerDigits(text: string, scale: number): string {
  const point = text.indexOf('.');
  return point < 0 ? text : text.slice(0, point + 1 + scale).replace(/\.$/, '');
}

// Stryker restore all
/**
 * The most smallest units an amount, a balance or a minimum balance may have (a balance may be as negative):
 * 2^64 - 1, the ILPv4 UInt64 maximum, so the ledger can move any amount an ILP packet asks for. The store
 * keeps amounts as decimal text, so they stay exact; the metadata states it as `max_amount`.
 */
// Stryker disable next-line ArithmeticOperator: RFC 17 names no maximum: amount-limits judges a ledger against the limit its metadata states (max_amount, derived from this), so 2^64 + 1 is as conforming
export const MAX_UNITS = 2n ** 64n - 1n;

/** fault wrap-at-64-bits only: `units` modulo 2^64, in 0 .. 2^64 - 1. */
// Stryker disable next-line all: called only under the fault wrap-at-64-bits
export function wrap64(units: bigint): bigint {
  return BigInt.asUintN(64, units);
}

export { formatDecimalAmount as formatAmount };
