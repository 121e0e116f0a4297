/**
 * Amounts in the ledger API are decimal strings in whole currency units ("12.5"); a participant holds them
 * as integers in the smallest unit (10^-scale), so "12.5" at scale 2 is 1250n. Both sides of the API read
 * and write them with these two functions. Formatting drops trailing fraction zeros ("12.50" -> "12.5").
 */
export type DecimalAmount = { readonly ok: true; readonly units: bigint } | { readonly ok: false; readonly reason: string };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * The amount `text` stands for at `scale`, or why it stands for none: not a decimal number, or digits
 * finer than the scale (a trailing zero is not finer: "1.50" at scale 1 is 15). No range check: the
 * holder of the amount knows its own limits.
 */
export function parseDecimalAmount(text: string, scale: number): DecimalAmount {
  const match = DECIMAL.exec(text);
  if (!match) return { ok: false, reason: `${JSON.stringify(text)} is not a decimal number` };
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) return { ok: false, reason: `${text} has more than ${scale} digits after the point` };
  const units = BigInt(whole! + significant.padEnd(scale, '0'));
  return { ok: true, units: sign === '-' ? -units : units };
}

export function formatDecimalAmount(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
