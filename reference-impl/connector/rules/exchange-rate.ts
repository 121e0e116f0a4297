import type { PeerConfig } from '../../../contracts/topology';
import { createConverter } from '../amount-conversion';
import type { IlpRule } from '../context';
import { required } from '../context';
import { InsufficientSourceAmountError, InvalidAmountError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface ExchangeRateOptions extends WithFaults {
  /** Value of one whole unit of each asset code in a common base (topology rates). */
  readonly rates: Readonly<Record<string, string>>;
}

const MAX_UINT64 = 18446744073709551615n;

/**
 * Converts the amount into the next hop's asset and scale (RFC 27 step 6, PKT-010, AMT-003), rounding
 * down, and sets ctx.outgoingAmount. A non-zero amount that converts to zero answers R01 (AMT-005); a
 * zero amount stays zero and is forwarded (peer protocols and probes use zero-amount packets). A result
 * above UInt64 answers F03.
 *
 * Position: after route and incoming-balance, before outgoing-balance (which charges the converted amount).
 * Does not: apply a spread or fee; the topology's rates are used as they are.
 */
export function createExchangeRateRule(opts: ExchangeRateOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  const converters = new Map<string, (amount: bigint) => bigint>();
  const converterFor = (from: PeerConfig, to: PeerConfig) => {
    const key = `${from.asset.code}/${from.asset.scale}>${to.asset.code}/${to.asset.scale}`;
    let convert = converters.get(key);
    // FAULT inverted-rate: the two assets' rates swapped.
    const rates = faults.has('inverted-rate') ? { ...opts.rates, [from.asset.code]: opts.rates[to.asset.code]!, [to.asset.code]: opts.rates[from.asset.code]! } : opts.rates;
    // Stryker disable next-line ConditionalExpression: a cache; building the converter again gives the same one
    if (!convert) converters.set(key, (convert = createConverter(rates, from.asset, to.asset)));
    return convert;
  };
  return {
    name: 'exchange-rate',
    async handle(ctx, next) {
      const to = required(ctx.nextHop, 'nextHop', 'route');
      const amount = ctx.prepare.amount;
      // FAULT ignore-asset-scale: the amount goes on as it came. FAULT forward-zero-amount: no R01.
      const converted = faults.has('ignore-asset-scale') ? amount : converterFor(ctx.from, to)(amount);
      // A zero-amount Prepare goes on at zero, as deployed connectors do (peer protocols and STREAM send them);
      // RFC 27's R01 "zero or less" would also allow refusing it, so no scenario asks either way (the two
      // mutants that refuse it survive by design).
      if (amount > 0n && converted === 0n && !faults.has('forward-zero-amount')) {
        throw new InsufficientSourceAmountError('the amount converts to zero on the next link', {
          amount,
          from: `${ctx.from.asset.code}/${ctx.from.asset.scale}`,
          to: `${to.asset.code}/${to.asset.scale}`,
        });
      }
      // Stryker disable next-line all: the bundled topology's rates and maxima cannot overflow (exchange-rate.test.ts can)
      if (converted > MAX_UINT64) {
        throw new InvalidAmountError('the converted amount does not fit in UInt64', { amount, converted });
      }
      ctx.outgoingAmount = converted;
      return next(ctx);
    },
  };
}
