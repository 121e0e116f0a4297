import { fail, ok, type Result } from './errors';
import type { FaultSet } from './faults';
import { parseDecimalAmount } from '../../contracts/decimal-amount';

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
  if (read.units > MAX_UNITS || read.units < -MAX_UNITS) {
    return fail({ kind: 'invalid-amount', reason: `${text} is beyond what the ledger can hold` });
  }
  return ok(read.units);
}

// Stryker disable all: runs only under the fault round-fine-amounts
function cutFinerDigits(text: string, scale: number): string {
  const point = text.indexOf('.');
  return point < 0 ? text : text.slice(0, point + 1 + scale).replace(/\.$/, '');
}

// Stryker restore all
/** The largest magnitude an SQLite INTEGER holds, so sums of two never overflow silently (the store checks). */
export const MAX_UNITS = 2n ** 62n;

export { formatDecimalAmount as formatAmount } from '../../contracts/decimal-amount';
