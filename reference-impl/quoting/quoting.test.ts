import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCodecError, type CurvePoint } from '../../lib/codec';
import { amountAt, amountReverse } from './curve';
import { appliesToPrefix } from './applies-to-prefix';
import { parseQuotingFaults, QUOTING_FAULTS, type QuotingFault } from './faults';

const curve = (text: string): CurvePoint[] => text.split(' ').map((p) => {
  const [x, y] = p.split(':');
  return { x: BigInt(x!), y: BigInt(y!) };
});
const C = curve('10:20 20:120 30:120 50:170');
const faults = (...names: QuotingFault[]) => new Set(names);

test('amountAt interpolates linearly on and between points, rounding down, and gives nothing outside the curve', () => {
  const cases: Array<[bigint, bigint | undefined]> = [[10n, 20n], [15n, 70n], [20n, 120n], [25n, 120n], [40n, 145n], [43n, 152n], [50n, 170n], [5n, undefined], [51n, undefined]];
  for (const [x, y] of cases) assert.equal(amountAt(C, x), y, `x=${x}`);
  assert.equal(amountAt(curve('7:9'), 7n), 9n, 'a one-point curve transacts its one amount');
  assert.equal(amountAt(curve('0:0 18446744073709551614:9223372036854775807'), 18014398509481986n), 9007199254740993n);
});

test('amountReverse gives the smallest whole input that delivers the output, the lowest on a flat segment', () => {
  const cases: Array<[bigint, bigint | undefined]> = [[20n, 10n], [70n, 15n], [120n, 20n], [121n, 31n], [145n, 40n], [152n, 43n], [170n, 50n], [5n, 10n], [171n, undefined]];
  for (const [y, x] of cases) assert.equal(amountReverse(C, y), x, `y=${y}`);
  // The answer really delivers what was asked, and one unit less does not.
  for (let y = 20n; y <= 170n; y++) {
    const x = amountReverse(C, y)!;
    assert.ok(amountAt(C, x)! >= y, `y=${y}: ${x} delivers ${amountAt(C, x)}`);
    if (x > 10n) assert.ok(amountAt(C, x - 1n)! < y, `y=${y}: ${x - 1n} delivers ${amountAt(C, x - 1n)} too`);
  }
});

test('a curve that breaks the QUOTE-001 order, or has no point, is refused as a codec error', () => {
  for (const bad of [curve('0:0 10:265 10:300'), curve('0:5 10:4'), []]) {
    assert.throws(() => amountAt(bad, 1n), (e: unknown) => isCodecError(e) && e.field === 'liquidityCurve');
    assert.throws(() => amountReverse(bad, 1n), (e: unknown) => isCodecError(e) && e.field === 'liquidityCurve');
  }
});

test('appliesToPrefix: the route prefix, a narrower prefix of the destination, or the destination itself', () => {
  assert.equal(appliesToPrefix({ routes: ['g.a.', 'g.b.', 'g.c.d.'], routePrefix: 'g.a.', destination: 'g.a.c.d' }), 'g.a.');
  assert.equal(appliesToPrefix({ routes: ['g.a.', 'g.a.b.', 'g.b.'], routePrefix: 'g.a.', destination: 'g.a.c.d' }), 'g.a.c.');
  assert.equal(appliesToPrefix({ routes: ['g.a.', 'g.a.c.x.'], routePrefix: 'g.a.', destination: 'g.a.c.d' }), 'g.a.c.d');
  assert.equal(appliesToPrefix({ routes: ['g.a.', 'g.a.b.'], routePrefix: 'g.a.', destination: 'g.a.b' }), 'g.a.b');
  assert.equal(appliesToPrefix({ routes: ['g.a.', 'g.a.bc.'], routePrefix: 'g.a.', destination: 'g.a.b' }), 'g.a.b');
  assert.throws(() => appliesToPrefix({ routes: ['g.a.'], routePrefix: 'g.a.', destination: 'g.b.c' }), /no prefix of the destination/);
});

test('each fault switch changes the answer its description names, and nothing with no faults', () => {
  assert.equal(amountAt(C, 15n, faults('curve-step')), 20n);
  assert.equal(amountAt(C, 25n, faults('curve-ends-only')), 76n);
  assert.equal(amountAt(C, 10n, faults('curve-exclusive-bounds')), undefined);
  assert.equal(amountAt(C, 5n, faults('curve-below-minimum-first-output')), 20n);
  assert.equal(amountAt(C, 60n, faults('curve-extrapolate')), 195n);
  assert.equal(amountReverse(C, 120n, faults('curve-flat-highest-input')), 30n);
  assert.equal(amountReverse(C, 152n, faults('curve-reverse-floor')), 42n);
  assert.equal(amountReverse(C, 200n, faults('curve-reverse-above-maximum-last-input')), 50n);
  assert.equal(amountReverse(C, 5n, faults('curve-reverse-below-minimum-extrapolates')), 8n);
  const table = { routes: ['g.a.', 'g.a.b.'], routePrefix: 'g.a.', destination: 'g.a.c.d' };
  assert.equal(appliesToPrefix(table, faults('applies-to-route-prefix')), 'g.a.');
  assert.equal(appliesToPrefix({ ...table, routes: ['g.a.'] }, faults('applies-to-destination')), 'g.a.c.d');
});

test('fault names are checked against the registry', () => {
  assert.deepEqual([...parseQuotingFaults('curve-step, applies-to-destination')], ['curve-step', 'applies-to-destination']);
  assert.throws(() => parseQuotingFaults('curve-stepp'), /unknown fault "curve-stepp" of the reference quoting functions/);
  for (const info of Object.values(QUOTING_FAULTS)) assert.ok(info.requirements.every((r) => r === 'QUOTE-002' || r === 'QUOTE-003'));
});
