import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

/**
 * Named fault switches of the reference quoting functions (DESIGN decision 14), in the one shape of
 * contracts/faults.ts. Each breaks one rule of the 2017 quoting texts in one documented way so the self-test
 * (scripts/selftest.ts) can prove that a scenario of features/legacy/liquidity-curves.feature goes red. The
 * branches are marked `// FAULT <name>` where they sit; with no faults the functions run their normal code.
 */
export const QUOTING_FAULTS = {
  'curve-step': { description: 'give the output of the point at or before the input (a step function) instead of interpolating between points', requirements: ['QUOTE-002'] },
  'curve-ends-only': { description: 'interpolate between the first and the last point only, ignoring the points between them', requirements: ['QUOTE-002'] },
  'curve-exclusive-bounds': { description: 'treat the first and last point as outside the curve (no amount at exactly the smallest or largest amount)', requirements: ['QUOTE-002'] },
  'curve-below-minimum-first-output': { description: 'give an input below the first point the first point\'s output instead of nothing', requirements: ['QUOTE-002'] },
  'curve-reverse-above-maximum-last-input': { description: 'answer an output above the last point with the last point\'s input, which delivers less, instead of no amount', requirements: ['QUOTE-002'] },
  'curve-reverse-below-minimum-extrapolates': { description: 'answer an output below the first point\'s with an input below the first point (the first segment continued down)', requirements: ['QUOTE-002'] },
  'curve-extrapolate': { description: 'extend the last segment beyond the last point instead of stopping at the largest amount the curve transacts', requirements: ['QUOTE-002'] },
  'curve-flat-highest-input': { description: 'answer an output that a flat segment matches exactly with the largest input of that segment instead of the lowest', requirements: ['QUOTE-002'] },
  'curve-reverse-floor': { description: 'round a reverse quote down, to an input that delivers less than the output asked for', requirements: ['QUOTE-002'] },
  'applies-to-route-prefix': { description: 'give the route prefix as appliesToPrefix even when a more specific route lies beneath it', requirements: ['QUOTE-003'] },
  'applies-to-destination': { description: 'give the destination as appliesToPrefix even when the curve applies to a whole prefix', requirements: ['QUOTE-003'] },
} as const satisfies FaultRegistry;

export type QuotingFault = keyof typeof QUOTING_FAULTS;

/** The faults asked for; unknown names are refused, naming the known ones. */
export function parseQuotingFaults(list: string | readonly string[] | undefined): ReadonlySet<QuotingFault> {
  return parseFaultNames(QUOTING_FAULTS, 'reference quoting functions', list);
}
