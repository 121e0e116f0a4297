/**
 * Exact amount conversion between two links (RFC 27 step 6, AMT-003). Rates are decimal strings giving the
 * value of one whole unit of each asset in a common base; amounts are integers in each link's scale:
 *
 *   out = floor(in * rate[inCode] / rate[outCode] * 10^(outScale - inScale))
 *
 * computed with bigint fractions, so nothing is lost to floating point. Rounds down, like deployed connectors.
 */
export interface LinkAsset {
  readonly code: string;
  readonly scale: number;
}

/** A decimal string as numerator / 10^exponent. Throws naming the text when it is not a plain decimal. */
export function parseDecimal(text: string): { numerator: bigint; exponent: number } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new Error(`rate "${text}" is not a non-negative decimal number`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(match[1]! + fraction), exponent: fraction.length };
}

/** Returns convert(amount) for one pair of links; precompute per pair, call per packet. */
export function createConverter(
  rates: Readonly<Record<string, string>>,
  from: LinkAsset,
  to: LinkAsset,
): (amount: bigint) => bigint {
  const rateOf = (code: string) => {
    const text = rates[code];
    if (text === undefined) throw new Error(`no rate for asset ${code}`);
    return parseDecimal(text);
  };
  const a = rateOf(from.code);
  const b = rateOf(to.code);
  if (b.numerator === 0n) throw new Error(`rate for asset ${to.code} is zero`);
  // in * (a.n / 10^a.e) / (b.n / 10^b.e) * 10^(to.scale - from.scale), with every power of ten moved to
  // the numerator or the denominator so both stay integers.
  const upExponent = b.exponent + to.scale;
  const downExponent = a.exponent + from.scale;
  const shift = upExponent - downExponent;
  const numerator = a.numerator * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const denominator = b.numerator * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  if (numerator === denominator) return (amount) => amount;
  return (amount) => (amount * numerator) / denominator;
}
