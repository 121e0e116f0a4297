/**
 * Steps of features/legacy/liquidity-curves.feature (QUOTE-002, QUOTE-003): a 2017 liquidity curve and a
 * routing table set up in words, the target's answer through its `liquidity-curves` capability, judged
 * against the values the feature writes down. Several acceptable answers are written "152 or 153"; "no
 * amount" is the answer that the curve transacts no such amount.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { liquidityCurveProblem } from '../lib/codec';
import { readCurve } from '../lib/targets/codec-legacy-wire';
import type { IlpWorld } from './world';
import { describeResult, fail, state, store, succeeded } from './support/codec-scenario';

function curveOf(world: IlpWorld) {
  const curve = state(world).curve;
  if (!curve) throw new Error('Bad step sequence: no liquidity curve; start with Given the liquidity curve "x:y x:y"');
  return curve;
}

function amount(text: string): bigint {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) throw new Error(`"${text}" is not a whole amount in decimal`);
  return BigInt(text);
}

Given('the liquidity curve {string}', function (this: IlpWorld, text: string) {
  const curve = readCurve(text);
  // The feature's own curve must keep QUOTE-001, or the scenario would judge a curve no sender may send.
  const problem = liquidityCurveProblem(curve);
  if (problem || curve.length === 0) throw new Error(`the feature's curve "${text}" is no valid curve: ${problem ?? 'no points'}`);
  state(this).curve = curve;
});

When('the curve is asked for the output of an input of {word}', async function (this: IlpWorld, x: string) {
  await store(this, `give the output of the curve for an input of ${x}`, state(this).target.curveAmountAt(curveOf(this), amount(x)), (value) => ({ curve: { amount: value } }));
});

When('the curve is asked for the smallest input that delivers {word}', async function (this: IlpWorld, y: string) {
  await store(this, `give the smallest input of the curve that delivers ${y}`, state(this).target.curveAmountReverse(curveOf(this), amount(y)), (value) => ({ curve: { amount: value } }));
});

/** "70", "152 or 153", "170 or no amount", "no amount". */
Then(/^the curve gives (.+)$/, function (this: IlpWorld, text: string) {
  const accepted = text.split(' or ').map((w) => (w === 'no amount' ? undefined : amount(w)));
  const shown = accepted.map((a) => (a === undefined ? 'no amount' : String(a))).join(' or ');
  const got = succeeded(this, 'curve', shown);
  if (!accepted.includes(got.amount)) fail(this, shown, describeResult(state(this).result!));
});

Given('the routing table holds routes for {string}', function (this: IlpWorld, text: string) {
  state(this).routes = text.split(/\s+/).filter(Boolean);
});

When('the curve of the route {string} is quoted for {string}', async function (this: IlpWorld, routePrefix: string, destination: string) {
  const routes = state(this).routes;
  if (!routes) throw new Error('Bad step sequence: no routing table; start with Given the routing table holds routes for "g.a. g.b."');
  const longest = routes.filter((r) => destination.startsWith(r)).sort((a, b) => b.length - a.length)[0];
  if (longest !== routePrefix) throw new Error(`the feature's routing table (${routes.join(' ')}) sends ${destination} by ${longest ?? 'no route'}, not by "${routePrefix}"`);
  await store(this, `give appliesToPrefix for ${destination} by the route ${routePrefix}`, state(this).target.appliesToPrefix({ routes, routePrefix, destination }), (p) => ({ appliesToPrefix: p }));
});

Then('appliesToPrefix is {string}', function (this: IlpWorld, expected: string) {
  const got = succeeded(this, 'appliesToPrefix', JSON.stringify(expected));
  if (got !== expected) fail(this, JSON.stringify(expected), describeResult(state(this).result!));
});
