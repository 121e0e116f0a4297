/**
 * The ILPv1 connector's one rate, exact: `rate` whole units of the outgoing ledger's asset for each whole unit
 * of the incoming ledger's. A decimal text ("1", "0.98"); no floating point on the way.
 */
export interface Rate {
  readonly text: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

export function parseRate(text: string): Rate {
  const m = /^(\d{1,18})(?:\.(\d{1,18}))?$/.exec(text.trim());
  if (!m) throw new Error(`rate "${text}" is not a non-negative decimal number such as 1 or 0.98`);
  const fraction = m[2] ?? '';
  const rate = { text: text.trim(), numerator: BigInt(m[1]! + fraction), denominator: 10n ** BigInt(fraction.length) };
  if (rate.numerator === 0n) throw new Error('a rate of 0 forwards nothing');
  return rate;
}

/**
 * What `units` received on a ledger of scale `inScale` are worth on a ledger of scale `outScale`, in its
 * smallest units, rounded down (the connector never promises more than it was paid for).
 */
export function worthAt(rate: Rate, units: bigint, inScale: number, outScale: number): bigint {
  return (units * rate.numerator * 10n ** BigInt(outScale)) / (rate.denominator * 10n ** BigInt(inScale));
}
