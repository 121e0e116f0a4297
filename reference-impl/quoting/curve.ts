/**
 * A 2017 liquidity curve read the way the InterledgerTypes ASN.1 (LiquidityCurve comment) says: points
 * <inputAmount, outputAmount> with x strictly rising and y never falling; the first point is the smallest
 * amount that can be transacted and the last the largest; between points, linear interpolation; asked by
 * output amount where several points match exactly, the lowest input. All arithmetic is BigInt, so every
 * UInt64 keeps its digits.
 *
 * Where the texts leave a choice, this reference takes one the scenarios accept among others:
 *  - an input outside [first x, last x] transacts nothing: `undefined` (not 0, not the last y);
 *  - a non-integer interpolation of the output is rounded down (the connector promises no unit it lacks);
 *  - a reverse quote is the smallest whole input whose interpolated output reaches the amount asked (rounded
 *    up): QuoteByDestinationAmountResponse's sourceAmount is what the sender "needs to send" (IL-RFC 8).
 */
import { CodecError, liquidityCurveProblem, type CurvePoint } from '../../lib/codec';
import type { QuotingFault } from './faults';

export type Faults = ReadonlySet<QuotingFault>;
const NONE: Faults = new Set();

function checked(curve: readonly CurvePoint[]): readonly CurvePoint[] {
  const problem = liquidityCurveProblem(curve);
  if (problem) throw new CodecError('ValueOutOfRange', 'liquidityCurve', -1, { reason: `the curve breaks the QUOTE-001 order: ${problem}` });
  if (curve.length === 0) throw new CodecError('ValueOutOfRange', 'liquidityCurve', -1, { reason: 'a curve needs at least one point' });
  return curve;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** The output amount an input of `x` gives, or undefined when the curve transacts no such input. */
export function amountAt(points: readonly CurvePoint[], x: bigint, faults: Faults = NONE): bigint | undefined {
  let curve = checked(points);
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  // FAULT curve-exclusive-bounds: the smallest and largest amount themselves taken as outside.
  if (faults.has('curve-exclusive-bounds') && (x === first.x || x === last.x)) return undefined;
  // FAULT curve-below-minimum-first-output: below the smallest amount, the first point's output.
  if (x < first.x) return faults.has('curve-below-minimum-first-output') ? first.y : undefined;
  if (x > last.x) {
    // FAULT curve-extrapolate: the last segment continued past the largest amount the curve transacts.
    if (faults.has('curve-extrapolate') && curve.length > 1) {
      const before = curve[curve.length - 2]!;
      return last.y + ((x - last.x) * (last.y - before.y)) / (last.x - before.x);
    }
    return undefined;
  }
  // FAULT curve-ends-only: the points between the first and the last ignored.
  if (faults.has('curve-ends-only')) curve = [first, last];
  const i = curve.findIndex((p) => p.x >= x);
  const b = curve[i]!;
  if (b.x === x) return b.y;
  const a = curve[i - 1]!;
  // FAULT curve-step: the output of the point before, as if the curve were a staircase.
  if (faults.has('curve-step')) return a.y;
  return a.y + ((x - a.x) * (b.y - a.y)) / (b.x - a.x);
}

/** The smallest input whose output reaches `y`, or undefined when no input on the curve reaches it. */
export function amountReverse(points: readonly CurvePoint[], y: bigint, faults: Faults = NONE): bigint | undefined {
  let curve = checked(points);
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  // FAULT curve-exclusive-bounds: the first and last point's outputs taken as outside.
  if (faults.has('curve-exclusive-bounds') && (y === first.y || y === last.y)) return undefined;
  // FAULT curve-reverse-above-maximum-last-input: the largest amount, which delivers less than asked.
  if (y > last.y) return faults.has('curve-reverse-above-maximum-last-input') ? last.x : undefined;
  // FAULT curve-reverse-below-minimum-extrapolates: the first segment continued below the first point.
  if (y < first.y && curve.length > 1 && faults.has('curve-reverse-below-minimum-extrapolates')) {
    const next = curve[1]!;
    const back = next.y === first.y ? 0n : ceilDiv((first.y - y) * (next.x - first.x), next.y - first.y);
    return back > first.x ? 0n : first.x - back;
  }
  // FAULT curve-ends-only: the points between the first and the last ignored.
  if (faults.has('curve-ends-only')) curve = [first, last];
  const i = curve.findIndex((p) => p.y >= y);
  if (i === -1) return undefined;
  const b = curve[i]!;
  if (b.y === y && faults.has('curve-flat-highest-input')) {
    // FAULT curve-flat-highest-input: the last of the points that match exactly.
    let j = i;
    while (j + 1 < curve.length && curve[j + 1]!.y === y) j++;
    return curve[j]!.x;
  }
  if (i === 0) return b.x;
  const a = curve[i - 1]!;
  const numerator = (y - a.y) * (b.x - a.x);
  const dy = b.y - a.y;
  // FAULT curve-reverse-floor: rounded down, so the input may deliver less than asked.
  return a.x + (faults.has('curve-reverse-floor') ? numerator / dy : ceilDiv(numerator, dy));
}
