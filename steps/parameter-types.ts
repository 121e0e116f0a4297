/**
 * Parameter types shared by every area of the suite. Each one turns a word of a step into a checked value
 * at the edge, or throws a sentence naming the bad word, so a step body never sees an unchecked string.
 *
 *   {amount}      a whole, non-negative number of base units: `107`, `1_000_000` -> bigint
 *   {uint}        a non-negative integer of any size (lengths, counts, OER values) -> bigint
 *   {error code}  an assigned ILP error code, upper case: `F08`, `T04`, `R00` -> string
 *   {address}     an RFC 15 ILP address, bare (`test.bob`) or quoted (`"test.bob.x"`) -> string
 *   {duration}    `500 ms`, `2 seconds`, `1.5 s`, `1 minute` -> number of milliseconds
 *   {instant}     an ISO-8601 date-time with a zone: `2017-12-24T16:14:32.279Z`, `...+02:00` -> Date
 *   {hex}         bytes as hex, bare (`8107`) or quoted (`"0c 68"`, `""` for no bytes) -> Uint8Array
 *
 * The transformers themselves are in steps/support/parse-words.ts (usable outside Cucumber).
 * Actors and peers are not defined here (the connector steps own `{peer}`); codec-only words such as
 * packet kinds and codec error kinds live in steps/support/codec-vocabulary.ts.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { parseAddress, parseAmount, parseDuration, parseErrorCode, parseHex, parseInstant, parseUnsigned } from './support/parse-words';

defineParameterType({
  name: 'amount',
  // Deliberately wider than a valid amount, so `-5`, `1.5` or `12abc` reach the transformer and get a sentence.
  regexp: /-?\d(?:\w|\.\d)*/,
  transformer: (text: string) => parseAmount(text),
});

defineParameterType({
  name: 'uint',
  regexp: /-?\d(?:\w|\.\d)*/,
  transformer: (text: string) => parseUnsigned(text, 'number'),
});

defineParameterType({
  name: 'error code',
  regexp: /[A-Za-z]\d\d/,
  transformer: (text: string) => parseErrorCode(text),
});

defineParameterType({
  name: 'address',
  regexp: /"([^"]*)"|((?:g|private|example|peer|self|test[1-3]?|local)(?:\.[A-Za-z0-9_~-]+)+)/,
  transformer: (quoted: string | null, bare: string | null) => parseAddress(quoted ?? bare ?? ''),
});

defineParameterType({
  name: 'duration',
  regexp: /(\d+(?:\.\d+)?) ?(ms|milliseconds?|s|seconds?|min|minutes?)/,
  transformer: (value: string, unit: string) => parseDuration(value, unit),
});

defineParameterType({
  name: 'instant',
  regexp: /\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:?\d\d)/,
  transformer: (text: string) => parseInstant(text),
});

defineParameterType({
  name: 'hex',
  regexp: /"([0-9A-Fa-f ]*)"|([0-9A-Fa-f]+)/,
  transformer: (quoted: string | null, bare: string | null) => parseHex(quoted ?? bare ?? ''),
});

export { parseAddress, parseAmount, parseDuration, parseErrorCode, parseHex, parseInstant, parseUnsigned } from './support/parse-words';
