import { fail, ok, type Result } from './errors';
import type { FaultSet } from './faults';

/**
 * Amounts on the wire are decimal strings in whole currency units; inside the ledger they are integers in
 * the smallest unit (10^-scale), so "12.5" at scale 2 is 1250n. Formatting drops trailing fraction zeros.
 */
export function parseAmount(text: string, scale: number, faults?: FaultSet): Result<bigint> {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return fail({ kind: 'invalid-amount', reason: `${JSON.stringify(text)} is not a decimal number` });
  const [, sign, whole, fraction = ''] = match;
  // FAULT round-fine-amounts: digits beyond the scale are cut off instead of refused.
  const significant = faults?.has('round-fine-amounts') ? fraction.replace(/0+$/, '').slice(0, scale) : fraction.replace(/0+$/, '');
  if (significant.length > scale) {
    return fail({ kind: 'invalid-amount', reason: `${text} has more than ${scale} digits after the point` });
  }
  const units = BigInt(whole + significant.padEnd(scale, '0'));
  const value = sign === '-' ? -units : units;
  if (value > MAX_UNITS || value < -MAX_UNITS) {
    return fail({ kind: 'invalid-amount', reason: `${text} is beyond what the ledger can hold` });
  }
  return ok(value);
}

/** The largest magnitude an SQLite INTEGER holds, so sums of two never overflow silently (the store checks). */
export const MAX_UNITS = 2n ** 62n;

export function formatAmount(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
