/**
 * The currency exponent (ISO 4217 minor units) FSPIOP section 6.5.2.3 scales packet amounts by. A short
 * table of the currencies the suite's scenarios and the reference use; a currency outside it is refused by
 * name rather than guessed.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  USD: 2, EUR: 2, GBP: 2, KES: 2, ZAR: 2, TZS: 2, UGX: 0, XOF: 0, XAF: 0, JPY: 0, BHD: 3, KWD: 3, TND: 3,
};

export function currencyScale(currency: string): number {
  const scale = MINOR_UNITS[currency];
  if (scale === undefined) throw new RangeError(`currency ${JSON.stringify(currency)} has no known exponent (known: ${Object.keys(MINOR_UNITS).join(', ')})`);
  return scale;
}
