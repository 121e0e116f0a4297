/**
 * Steps of the 2017 packet features (features/legacy: ILPv1 Payment, ILQP, Error, Fulfillment Data, Forwarded
 * Payment, Rejection), run against the worker's codec
 * target through its `legacy-packets` capability. Refusals and written bytes are judged by the codec steps
 * ("it is refused as ...", "the bytes written are ..."), which read the same stored result.
 */
import { defineParameterType, Then, When, type DataTable } from '@cucumber/cucumber';
import { liquidityCurveProblem, type DecodeMode } from '../lib/codec';
import { legacyFromWire } from '../lib/targets/codec-legacy-wire';
import type { IlpWorld } from './world';
import { describeResult, fail, state, store, succeeded } from './support/codec-scenario';
import { parseAnnotatedHex } from './support/parse-words';

const LEGACY_NAMES: Readonly<Record<string, number>> = {
  'ILPv1 Payment': 1, QuoteLiquidityRequest: 2, QuoteLiquidityResponse: 3, QuoteBySourceAmountRequest: 4,
  QuoteBySourceAmountResponse: 5, QuoteByDestinationAmountRequest: 6, QuoteByDestinationAmountResponse: 7,
  'ILPv1 Error': 8, 'ILPv1 Fulfillment Data': 9, 'ILPv1 Forwarded Payment': 10, 'ILPv1 Rejection': 11,
};

defineParameterType({
  name: 'legacy packet',
  regexp: new RegExp(Object.keys(LEGACY_NAMES).join('|')),
  transformer: (word: string) => LEGACY_NAMES[word]!,
});

/** A two-column table (field | value) as fields; a row of another width is reported by its number. */
function fieldsOf(table: DataTable): Record<string, string> {
  return Object.fromEntries(table.raw().map((row, i) => {
    if (row.length !== 2) throw new Error(`row ${i + 1} of the table has ${row.length} cells; write "| field | value |"`);
    return [row[0]!, row[1]!];
  }));
}

async function decode(world: IlpWorld, mode: DecodeMode, bytes: Uint8Array): Promise<void> {
  await store(world, `decode the 2017 packet (${mode})`, state(world).target.decodeLegacyPacket(bytes, mode), (legacy) => ({ legacy }));
}

When('{decoder} decodes the 2017 packet:', async function (this: IlpWorld, mode: DecodeMode, docString: string) {
  await decode(this, mode, parseAnnotatedHex(docString));
});

When('{decoder} decodes the 2017 packet {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await decode(this, mode, bytes);
});

When('the codec encodes a 2017 {legacy packet} with:', async function (this: IlpWorld, type: number, table: DataTable) {
  const packet = { type, fields: fieldsOf(table) };
  await store(this, `encode the 2017 packet type ${type}`, state(this).target.encodeLegacyPacket(packet), (written) => ({ written }));
});

Then('it is a 2017 {legacy packet} with:', async function (this: IlpWorld, type: number, table: DataTable) {
  const expected = fieldsOf(table);
  const wanted = `type ${type} with ${JSON.stringify(expected)}`;
  const packet = succeeded(this, 'legacy', wanted);
  const wrong = Object.entries(expected).filter(([k, v]) => packet.fields[k] !== v).map(([k, v]) => `${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(packet.fields[k])}`);
  if (packet.type !== type || wrong.length > 0) fail(this, wanted, `${describeResult(state(this).result!)}\n  ${wrong.join('\n  ')}`);
});

function curveProblem(world: IlpWorld): string | undefined {
  const wire = succeeded(world, 'legacy', 'a QuoteLiquidityResponse');
  const packet = legacyFromWire(wire);
  if (packet.type !== 3) fail(world, 'a QuoteLiquidityResponse', `type ${packet.type}`);
  return liquidityCurveProblem(packet.liquidityCurve);
}

Then('its liquidity curve keeps the QUOTE-001 order', async function (this: IlpWorld) {
  const problem = curveProblem(this);
  this.judgements.judge(['QUOTE-001'], problem === undefined, 'x rises strictly and y never falls from point to point', problem ?? 'it does');
});

Then('its liquidity curve breaks the QUOTE-001 order at point {int}', async function (this: IlpWorld, index: number) {
  const problem = curveProblem(this) ?? 'the curve keeps the order';
  this.judgements.judge(['QUOTE-001'], problem.startsWith(`point ${index} `), `the order broken at point ${index}`, problem);
});

When('{decoder} decodes the 2017 packet that was written', async function (this: IlpWorld, mode: DecodeMode) {
  await decode(this, mode, succeeded(this, 'written', 'bytes written by the codec'));
});
