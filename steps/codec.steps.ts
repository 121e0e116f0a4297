/**
 * Steps of the codec features (features/addresses, features/oer, features/packets), run against the worker's
 * codec target, in-process or an adapter (steps/support/codec-worker.ts), through lib/targets/codec-client.ts.
 * When-steps store what the codec did, a value or a refusal, and never throw on a refusal; Then-steps judge
 * it and, when it is wrong, print the scenario's requirement IDs, what was expected and the actual result.
 */
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { createHash } from 'node:crypto';
import {
  decodeAmountTooLargeData, decodeIldcpResponse, isCodecError, isWellFormedErrorCode,
  type AmountTooLargeData, type CodecErrorKind, type DecodeMode, type IlpPacket, type IlpPrepare, type IldcpResponse, type PrepareFlaw, type UIntBits,
} from '../lib/codec';
import type { IlpWorld } from './world';
import {
  contentsOf, describeResult, fail, hex, markJudged, nextKey, indexOfBytes, judgeBytes, judgeRefusal, judgeWrite, lastResult, readValue,
  state, store, succeeded, written, type AddressVerdict, type CodecScenario,
} from './support/codec-scenario';
import type { AddressRule, PacketKind } from './support/codec-vocabulary';
import { parseAnnotatedHex } from './support/parse-words';
import { comparePacket, defaultPacket, describePacket, expectationsFromTable, kindOf, packetFromTable, sameValue, showValue, typeOf } from './support/packet-tables';


// ------------------------------------------------------------------------------------------- addresses

/** RFC 15 v2.0.0 "Address Requirements": the regular expression (without look-ahead) and the length check. */
const RFC15_ADDRESS = /^(g|private|example|peer|self|test[1-3]?|local)([.][a-zA-Z0-9_~-]+)+$/;
/** RFC 15 v1.0.0 draft 2 (2018-02-02): all addresses, prefixes, destinations. */
const V1_SCHEME = '(g|private|example|peer|self|test[1-3]?)';
const V1_ANY = new RegExp(`^${V1_SCHEME}[.]([a-zA-Z0-9_~-]+[.])*([a-zA-Z0-9_~-]+)?$`);
const V1_PREFIX = new RegExp(`^${V1_SCHEME}[.]([a-zA-Z0-9_~-]+[.])*$`);
const V1_DESTINATION = new RegExp(`^${V1_SCHEME}[.]([a-zA-Z0-9_~-]+[.])+[a-zA-Z0-9_~-]+$`);

function withinLength(address: string): boolean {
  return address.length >= 1 && address.length <= 1023;
}

async function checkAddress(world: IlpWorld, address: string, rules: 'rfc15' | 'legacy2017'): Promise<void> {
  const s = state(world);
  const verdict = await s.target.checkAddress(address, rules);
  const key = nextKey('address check');
  s.address = { address, rules, verdict, key };
  if (!verdict.valid) world.awaitInspection(`the codec refused the address ${JSON.stringify(address)}: ${verdict.reason}`, key);
}

function addressVerdict(world: IlpWorld): AddressVerdict {
  const verdict = state(world).address;
  if (!verdict) throw new Error('Bad step sequence: no address was checked; put "When the codec checks the address ..." first');
  markJudged(world, verdict);
  return verdict;
}

function describeVerdict(v: AddressVerdict): string {
  const subject = `${JSON.stringify(v.address)}${v.rules === 'legacy2017' ? ' (2017 rules)' : ''}`;
  if (!v.verdict.valid) return `${subject} refused: ${v.verdict.reason} (index ${v.verdict.index})`;
  return `${subject} accepted${v.verdict.legacyKind ? ` as ${v.verdict.legacyKind}` : ''}`;
}

When('the codec checks the address {string}', async function (this: IlpWorld, address: string) {
  await checkAddress(this, address, 'rfc15');
});

When('the codec checks the address {string} under the 2017 rules', async function (this: IlpWorld, address: string) {
  await checkAddress(this, address, 'legacy2017');
});

When('the codec checks an address made of {string} and {int} {string} characters', async function (this: IlpWorld, start: string, count: number, fill: string) {
  await checkAddress(this, start + fill.repeat(count), 'rfc15');
});

When(
  'the codec checks an address made of {string} and {int} {string} characters under the 2017 rules',
  async function (this: IlpWorld, start: string, count: number, fill: string) {
    await checkAddress(this, start + fill.repeat(count), 'legacy2017');
  },
);

Then('the address is accepted', async function (this: IlpWorld) {
  const v = addressVerdict(this);
  if (!v.verdict.valid) fail(this, `${JSON.stringify(v.address)} is a valid address`, describeVerdict(v));
});

Then('the address is refused', async function (this: IlpWorld) {
  const v = addressVerdict(this);
  if (v.verdict.valid) fail(this, `${JSON.stringify(v.address)} is refused`, describeVerdict(v));
});

Then('the address is refused for {address rule}', async function (this: IlpWorld, rule: AddressRule) {
  const v = addressVerdict(this);
  // The rule is compared only when the target names one (the protocol's `rule` is optional).
  if (v.verdict.valid || (v.verdict.rule !== undefined && v.verdict.rule !== rule.rule)) {
    fail(this, `${JSON.stringify(v.address)} is refused for ${rule.words}`, describeVerdict(v));
  }
});

Then('the address is refused for the character {string} at index {int}', async function (this: IlpWorld, character: string, index: number) {
  const v = addressVerdict(this);
  const expected = `${JSON.stringify(v.address)} is refused for the character ${JSON.stringify(character)} at index ${index}`;
  const ruleWrong = !v.verdict.valid && v.verdict.rule !== undefined && v.verdict.rule !== 'character';
  const indexWrong = !v.verdict.valid && v.verdict.index !== undefined && v.verdict.index !== index;
  if (v.verdict.valid || ruleWrong || indexWrong || v.address[index] !== character) {
    fail(this, expected, describeVerdict(v));
  }
});

Then('the verdict agrees with the RFC 15 regular expression', async function (this: IlpWorld) {
  const v = addressVerdict(this);
  const rfc = withinLength(v.address) && RFC15_ADDRESS.test(v.address);
  if (v.verdict.valid !== rfc) {
    fail(this, `the verdict of the RFC 15 regular expression and length check: ${rfc ? 'valid' : 'invalid'}`, describeVerdict(v));
  }
});

Then('the address is accepted as a 2017 {legacy kind}', async function (this: IlpWorld, kind: 'destination' | 'prefix') {
  const v = addressVerdict(this);
  if (!v.verdict.valid || v.verdict.legacyKind !== kind) fail(this, `${JSON.stringify(v.address)} is a 2017 ${kind}`, describeVerdict(v));
});

Then('the address is accepted as neither a 2017 destination nor a prefix', async function (this: IlpWorld) {
  const v = addressVerdict(this);
  if (!v.verdict.valid || v.verdict.legacyKind !== 'other') {
    fail(this, `${JSON.stringify(v.address)} is a valid 2017 address, neither destination nor prefix`, describeVerdict(v));
  }
});

Then('the verdict agrees with the 2017 regular expressions', async function (this: IlpWorld) {
  const v = addressVerdict(this);
  const a = v.address;
  const any = withinLength(a) && V1_ANY.test(a);
  const kind = !any ? undefined : V1_PREFIX.test(a) ? 'prefix' : V1_DESTINATION.test(a) ? 'destination' : 'other';
  const actualKind = v.verdict.valid ? v.verdict.legacyKind : undefined;
  if (v.verdict.valid !== any || actualKind !== kind) {
    fail(this, `the 2017 regular expressions' verdict: ${any ? `valid, ${kind}` : 'invalid'}`, describeVerdict(v));
  }
});

// ------------------------------------------------------------------------------------------- OER primitives

When('{decoder} reads {hex} as a {uint type}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array, bits: UIntBits) {
  await store(this, `read ${hex(bytes)} as a UInt${bits}`, state(this).target.readUInt(bytes, bits, mode), (read) => ({ read }));
});

When('the codec writes {uint} as a {uint type}', async function (this: IlpWorld, value: bigint, bits: UIntBits) {
  await store(this, `write ${value} as a UInt${bits}`, state(this).target.writeUInt(value, bits), (written) => ({ written }));
});

When('{decoder} reads the length determinant {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await store(this, `read the length determinant ${hex(bytes)} (${mode})`, state(this).target.readLengthDeterminant(bytes, mode), (read) => ({ read }));
});

When('the codec writes the length determinant for {uint}', async function (this: IlpWorld, length: bigint) {
  await store(this, `write the length determinant for ${length}`, state(this).target.writeLengthDeterminant(length), (written) => ({ written }));
});

When('{decoder} reads the variable-length unsigned integer {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await store(this, `read the VarUInt ${hex(bytes)} (${mode})`, state(this).target.readVarUInt(bytes, mode), (read) => ({ read }));
});

When('{decoder} reads the variable-length octet string {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await store(this, `read the VarOctetString ${hex(bytes)} (${mode})`, state(this).target.readVarOctetString(bytes, mode), (read) => ({ read }));
});

When('the codec writes an octet string of {int} bytes', async function (this: IlpWorld, size: number) {
  await store(this, `write an octet string of ${size} bytes`, state(this).target.writeVarOctetString(new Uint8Array(size)), (written) => ({ written }));
});

When('the codec writes a SEQUENCE OF the octet strings {hex} and {hex}', async function (this: IlpWorld, a: Uint8Array, b: Uint8Array) {
  await store(this, 'write a SEQUENCE OF two octet strings', state(this).target.writeSequenceOfOctetStrings([a, b]), (written) => ({ written }));
});

Then('the value is {uint}', async function (this: IlpWorld, value: bigint) {
  const actual = readValue(this, `the value ${value}`);
  if (actual !== value) fail(this, `the value ${value}`, describeResult(lastResult(this, 'a value')));
});

Then('the length is {uint}', async function (this: IlpWorld, length: bigint) {
  const actual = readValue(this, `the length ${length}`);
  if (actual !== length) fail(this, `the length ${length}`, describeResult(lastResult(this, 'a length')));
});

Then('the octets read are {hex}', async function (this: IlpWorld, octets: Uint8Array) {
  const actual = readValue(this, `the octets ${hex(octets)}`);
  if (!sameValue(actual, octets)) fail(this, `the octets ${showValue(octets)}`, describeResult(lastResult(this, 'octets')));
});

Then('writing {uint} as a {uint type} gives {hex}', async function (this: IlpWorld, value: bigint, bits: UIntBits, expected: Uint8Array) {
  await judgeWrite(this, `writing ${value} as a UInt${bits}`, state(this).target.writeUInt(value, bits), expected);
});

Then('writing {uint} as a variable-length unsigned integer gives {hex}', async function (this: IlpWorld, value: bigint, expected: Uint8Array) {
  await judgeWrite(this, `writing ${value} as a VarUInt`, state(this).target.writeVarUInt(value), expected);
});

Then('writing the octets {hex} as a variable-length octet string gives {hex}', async function (this: IlpWorld, octets: Uint8Array, expected: Uint8Array) {
  await judgeWrite(this, `writing ${showValue(octets)} as a VarOctetString`, state(this).target.writeVarOctetString(octets), expected);
});

// ------------------------------------------------------------------------------------------- refusals

Then('it is refused as {codec error} in {string}', async function (this: IlpWorld, kind: CodecErrorKind, field: string) {
  judgeRefusal(this, kind, field);
});

Then('it is refused as {codec error} in {string} at byte {int}', async function (this: IlpWorld, kind: CodecErrorKind, field: string, offset: number) {
  judgeRefusal(this, kind, field, offset);
});

// ------------------------------------------------------------------------------------------- packets

async function decode(world: IlpWorld, mode: DecodeMode, bytes: Uint8Array, expected?: PacketKind): Promise<void> {
  const action = `decode ${expected ? `the bytes as a ${expected}` : 'the packet'} (${mode})`;
  await store(world, action, state(world).target.decodePacket(bytes, mode, expected), (packet) => ({ packet }));
}

async function encode(world: IlpWorld, packet: IlpPacket): Promise<void> {
  await store(world, `encode the ${kindOf(packet)}`, state(world).target.encodePacket(packet), (written) => ({ written, source: packet }));
}

When('{decoder} decodes the packet:', async function (this: IlpWorld, mode: DecodeMode, docString: string) {
  await decode(this, mode, parseAnnotatedHex(docString));
});

When('{decoder} decodes the packet {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await decode(this, mode, bytes);
});

When('{decoder} decodes the packet {hex} as a {packet kind}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array, kind: PacketKind) {
  await decode(this, mode, bytes, kind);
});

Given('a lenient decoder has decoded the packet:', async function (this: IlpWorld, docString: string) {
  await decode(this, 'lenient', parseAnnotatedHex(docString));
  succeeded(this, 'packet', 'the lenient decoder accepts the packet');
});

When('the codec encodes a {packet kind} with:', async function (this: IlpWorld, kind: PacketKind, table: DataTable) {
  await encode(this, packetFromTable(kind, table));
});

When('the codec encodes that {packet kind} again', async function (this: IlpWorld, kind: PacketKind) {
  const packet = succeeded(this, 'packet', `a decoded ${kind}`);
  if (packet.type !== typeOf(kind)) fail(this, `a decoded ${kind}`, describePacket(packet));
  await encode(this, packet);
});

When('the codec encodes a Prepare to {string} followed by {int} {string} characters', async function (this: IlpWorld, start: string, count: number, fill: string) {
  await encode(this, { ...defaultPrepare(), destination: start + fill.repeat(count) });
});

function defaultPrepare(): IlpPrepare {
  return defaultPacket('Prepare') as IlpPrepare;
}

function forgedPrepare(world: IlpWorld, destination: string, flaw: PrepareFlaw): void {
  state(world).prepared = state(world).target.forgePrepare({ ...defaultPrepare(), destination }, flaw);
}

Given('a Prepare to {string} forged to carry {int} bytes of data', async function (this: IlpWorld, destination: string, length: number) {
  forgedPrepare(this, destination, { kind: 'data-length', length });
});

Given('a Prepare forged with a destination of {string} followed by {int} {string} characters', async function (this: IlpWorld, start: string, count: number, fill: string) {
  forgedPrepare(this, 'test.bob', { kind: 'raw-destination', text: start + fill.repeat(count) });
});

When('{decoder} decodes it', async function (this: IlpWorld, mode: DecodeMode) {
  const bytes = state(this).prepared;
  if (!bytes) throw new Error('Bad step sequence: nothing to decode; put a Given-step that forges a packet first');
  await decode(this, mode, bytes);
});

Then('it is a {packet kind}', async function (this: IlpWorld, kind: PacketKind) {
  const packet = succeeded(this, 'packet', `a ${kind}`);
  if (packet.type !== typeOf(kind)) fail(this, `a ${kind}`, describePacket(packet));
});

Then('it is a {packet kind} with:', async function (this: IlpWorld, kind: PacketKind, table: DataTable) {
  const expectations = expectationsFromTable(kind, table);
  const packet = succeeded(this, 'packet', `a ${kind}`);
  if (packet.type !== typeOf(kind)) fail(this, `a ${kind}`, describePacket(packet));
  const differences = comparePacket(packet, expectations);
  if (differences.length) fail(this, `a ${kind} with ${expectations.map((e) => `${e.key}=${showValue(e.expected)}`).join(' ')}`, `${describePacket(packet)}\n  ${differences.join('\n  ')}`);
});

Then('the bytes written are {hex}', async function (this: IlpWorld, expected: Uint8Array) {
  judgeBytes(this, expected);
});

Then('the bytes written are:', async function (this: IlpWorld, docString: string) {
  judgeBytes(this, parseAnnotatedHex(docString));
});

Then('the bytes written start with {hex}', async function (this: IlpWorld, start: Uint8Array) {
  const actual = written(this, `bytes starting with ${hex(start)}`);
  if (!sameValue(actual.subarray(0, start.length), start)) fail(this, `bytes starting with ${hex(start)}`, showValue(actual));
});

Then('the bytes written contain {hex}', async function (this: IlpWorld, part: Uint8Array) {
  const actual = written(this, `bytes containing ${hex(part)}`);
  if (indexOfBytes(actual, part) < 0) fail(this, `bytes containing ${hex(part)}`, showValue(actual));
});

Then('the contents written begin with {hex}', async function (this: IlpWorld, start: Uint8Array) {
  const actual = written(this, `a packet whose contents begin with ${hex(start)}`);
  const contents = contentsOf(actual);
  if (!sameValue(contents.subarray(0, start.length), start)) fail(this, `contents beginning with ${hex(start)}`, `packet ${showValue(actual)}, contents ${showValue(contents)}`);
});

Then('decoding the bytes gives back the same {packet kind}', async function (this: IlpWorld, kind: PacketKind) {
  const s = state(this);
  const bytes = written(this, `an encoded ${kind}`);
  const source = s.result?.source;
  const decoded = await s.target.decodePacket(bytes, 'strict', kind);
  if (!decoded.ok) fail(this, `the bytes written decode strictly as a ${kind}`, `refused: ${decoded.refusal.message}`);
  if (source) {
    const fields = Object.keys(source).filter((prop) => prop !== 'type');
    const differences = comparePacket(decoded.value, fields.map((prop) => ({ key: prop, prop, expected: (source as unknown as Record<string, unknown>)[prop] })));
    if (differences.length) fail(this, `decoding gives back the ${describePacket(source)}`, `${describePacket(decoded.value)}\n  ${differences.join('\n  ')}`);
  }
  const again = await s.target.encodePacket(decoded.value);
  if (!again.ok || !sameValue(again.value, bytes)) {
    fail(this, `the decoded ${kind} encodes to the same bytes again`, again.ok ? showValue(again.value) : `refused: ${again.refusal.message}`);
  }
});

// ------------------------------------------------------------------------------------------- timestamps

When('the codec writes {instant} as an ILP timestamp', async function (this: IlpWorld, instant: Date) {
  await store(this, `write ${instant.toISOString()} as an ILP timestamp`, state(this).target.encodeIlpTimestamp(instant), (text) => ({ text }));
});

When('{decoder} reads the ILP timestamp {string}', async function (this: IlpWorld, _mode: DecodeMode, text: string) {
  await store(this, `read the ILP timestamp ${JSON.stringify(text)}`, state(this).target.decodeIlpTimestamp(text), (instant) => ({ instant }));
});

When('the codec writes {instant} as a variable-length timestamp', async function (this: IlpWorld, instant: Date) {
  await store(this, `write ${instant.toISOString()} as a variable-length timestamp`, state(this).target.encodeGeneralizedTime(instant), (v) => ({ text: v.text, written: v.bytes }));
});

When('{decoder} reads the variable-length timestamp {string}', async function (this: IlpWorld, _mode: DecodeMode, text: string) {
  await store(this, `read the variable-length timestamp ${JSON.stringify(text)}`, state(this).target.decodeGeneralizedTime(text), (instant) => ({ instant }));
});

Then('the timestamp written is {string}', async function (this: IlpWorld, expected: string) {
  const text = succeeded(this, 'text', `the timestamp ${JSON.stringify(expected)}`);
  if (text !== expected) fail(this, `the timestamp ${JSON.stringify(expected)}`, JSON.stringify(text));
});

Then('the instant read is {instant}', async function (this: IlpWorld, expected: Date) {
  const instant = succeeded(this, 'instant', `the instant ${expected.toISOString()}`);
  if (!sameValue(instant, expected)) fail(this, `the instant ${expected.toISOString()}`, showValue(instant));
});

// ------------------------------------------------------------------------------------------- error codes

const ERROR_CLASSES = ['final', 'temporary', 'relative'] as const;

function errorCodeLookup(world: IlpWorld): NonNullable<CodecScenario['errorCode']> {
  const found = state(world).errorCode;
  if (!found) throw new Error('Bad step sequence: no error code was looked up; put "When the codec looks up the error code ..." first');
  return found;
}

function describeLookup(found: NonNullable<CodecScenario['errorCode']>): string {
  const l = found.lookup;
  const assigned = l.assigned ? `assigned: ${l.assigned.class} "${l.assigned.name}"` : 'not assigned';
  return `${JSON.stringify(found.code)}: ${assigned}, ${l.wellFormed ? 'well-formed' : 'not well-formed'}, class by letter ${l.class ?? 'none'}`;
}

function errorClassWord(word: string): (typeof ERROR_CLASSES)[number] {
  const found = ERROR_CLASSES.find((c) => c === word);
  if (!found) throw new Error(`"${word}" is not an error class (classes: ${ERROR_CLASSES.join(', ')})`);
  return found;
}

When('the codec looks up the error code {word}', async function (this: IlpWorld, code: string) {
  const s = state(this);
  s.errorCode = { code, lookup: await s.target.lookUpErrorCode(code) };
});

Then('it is a {word} error named {string}', async function (this: IlpWorld, classWord: string, name: string) {
  const errorClass = errorClassWord(classWord);
  const found = errorCodeLookup(this);
  const l = found.lookup;
  if (!l.assigned || l.assigned.class !== errorClass || l.assigned.name !== name || !l.wellFormed || l.class !== errorClass) {
    fail(this, `${found.code}: assigned, ${errorClass}, named "${name}"`, describeLookup(found));
  }
});

Then('it is a well-formed {word} code that RFC 27 does not assign', async function (this: IlpWorld, classWord: string) {
  const errorClass = errorClassWord(classWord);
  const found = errorCodeLookup(this);
  const l = found.lookup;
  if (l.assigned || !l.wellFormed || l.class !== errorClass) fail(this, `${found.code}: well-formed, ${errorClass}, not assigned`, describeLookup(found));
});

Then('it is not a well-formed ILP error code', async function (this: IlpWorld) {
  const found = errorCodeLookup(this);
  if (found.lookup.wellFormed || found.lookup.assigned) fail(this, `${JSON.stringify(found.code)} is not a well-formed ILP error code`, describeLookup(found));
});

Then(
  'either it is refused as {codec error} in {string} or its code is not a well-formed ILP error code',
  async function (this: IlpWorld, kind: CodecErrorKind, field: string) {
    const result = lastResult(this, 'a decoded Reject or a refusal');
    if (result.error) return judgeRefusal(this, kind, field);
    const packet = succeeded(this, 'packet', 'a Reject');
    const expected = `a refusal as ${kind} in "${field}", or a Reject whose code is not a well-formed ILP error code`;
    if (packet.type !== 14 || isWellFormedErrorCode(packet.code)) fail(this, expected, describePacket(packet));
  },
);

// ------------------------------------------------------------------------------------------- F08 data

When('the codec writes the F08 data for received amount {amount} and maximum amount {amount}', async function (this: IlpWorld, received: bigint, maximum: bigint) {
  await store(this, `write F08 data (received ${received}, maximum ${maximum})`, state(this).target.encodeAmountTooLargeData(received, maximum), (written) => ({ written }));
});

When('{decoder} reads the F08 data {hex}', async function (this: IlpWorld, _mode: DecodeMode, bytes: Uint8Array) {
  await store(this, `read the F08 data ${hex(bytes)}`, state(this).target.decodeAmountTooLargeData(bytes), (f08) => ({ f08 }));
});

Then('the F08 data holds received amount {amount} and maximum amount {amount}', async function (this: IlpWorld, received: bigint, maximum: bigint) {
  const expected = `F08 data holding received amount ${received} and maximum amount ${maximum}`;
  const result = lastResult(this, expected);
  markJudged(this, result);
  // The data to read: what the decoder read, else the data of a decoded Reject, else the bytes written
  // (those two read by the harness's own codec: the target produced the bytes, the judge reads them).
  let data: AmountTooLargeData | undefined = result.f08;
  if (!data && !result.error) {
    const bytes = result.packet?.type === 14 ? result.packet.data : result.written;
    if (bytes) data = harnessRead(this, expected, bytes, () => decodeAmountTooLargeData(bytes));
  }
  if (!data) fail(this, expected, describeResult(result));
  if (data.receivedAmount !== received || data.maximumAmount !== maximum) {
    fail(this, expected, `received amount ${data.receivedAmount}, maximum amount ${data.maximumAmount}`);
  }
});

// ------------------------------------------------------------------------------------------- conditions

When('the codec computes the condition for the fulfillment {hex}', async function (this: IlpWorld, fulfillment: Uint8Array) {
  const s = state(this);
  s.condition = { fulfillment, condition: await s.target.conditionOf(fulfillment) };
});

When('the codec makes a random fulfillment', async function (this: IlpWorld) {
  const s = state(this);
  const fulfillment = await s.target.randomFulfillment();
  s.condition = { fulfillment, condition: await s.target.conditionOf(fulfillment) };
});

When('the codec computes the peer-protocol condition', async function (this: IlpWorld) {
  const s = state(this);
  s.condition = await s.target.peerProtocol();
});

function conditionPair(world: IlpWorld): NonNullable<CodecScenario['condition']> {
  const pair = state(world).condition;
  if (!pair) throw new Error('Bad step sequence: no fulfillment or condition yet; put a When-step that computes one first');
  return pair;
}

Then('the condition is {hex}', async function (this: IlpWorld, expected: Uint8Array) {
  const pair = conditionPair(this);
  if (!sameValue(pair.condition, expected)) fail(this, `the condition ${hex(expected)}`, `${hex(pair.condition)} for the fulfillment ${hex(pair.fulfillment)}`);
});

Then('the peer-protocol fulfillment is {hex}', async function (this: IlpWorld, expected: Uint8Array) {
  const pair = conditionPair(this);
  if (!sameValue(pair.fulfillment, expected)) fail(this, `the peer-protocol fulfillment ${hex(expected)}`, hex(pair.fulfillment));
});

Then('it is {int} bytes long', async function (this: IlpWorld, length: number) {
  const pair = conditionPair(this);
  if (pair.fulfillment.length !== length) fail(this, `a fulfillment of ${length} bytes`, `${pair.fulfillment.length} bytes: ${hex(pair.fulfillment)}`);
});

Then('its condition is its SHA-256 digest', async function (this: IlpWorld) {
  const pair = conditionPair(this);
  const digest = createHash('sha256').update(pair.fulfillment).digest();
  if (!sameValue(pair.condition, digest)) fail(this, `the condition ${digest.toString('hex')} (SHA-256 of ${hex(pair.fulfillment)})`, hex(pair.condition));
});

// ------------------------------------------------------------------------------------------- IL-DCP

When('the codec builds an IL-DCP request expiring at {instant}', async function (this: IlpWorld, expiresAt: Date) {
  await store(this, `build an IL-DCP request expiring at ${expiresAt.toISOString()}`, state(this).target.buildIldcpRequest(expiresAt), (written) => ({ written }));
});

When(
  'the codec writes the IL-DCP response for {string} with asset scale {int} and asset code {string}',
  async function (this: IlpWorld, clientAddress: string, assetScale: number, assetCode: string) {
    const info = { clientAddress, assetScale, assetCode };
    await store(this, `write the IL-DCP response ${JSON.stringify(info)}`, state(this).target.encodeIldcpResponse(info), (written) => ({ written, ildcp: info }));
  },
);

When('{decoder} reads the IL-DCP response {hex}', async function (this: IlpWorld, mode: DecodeMode, bytes: Uint8Array) {
  await store(this, `read the IL-DCP response ${hex(bytes)} (${mode})`, state(this).target.decodeIldcpResponse(bytes, mode), (ildcp) => ({ ildcp }));
});

/** The harness's own codec reading bytes the target wrote, as a judge; a refusal fails the check. */
function harnessRead<T>(world: IlpWorld, expected: string, bytes: Uint8Array, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isCodecError(error)) throw error;
    return fail(world, expected, `${showValue(bytes)}, which the harness cannot read: ${error.message}`);
  }
}

function judgeIldcp(world: IlpWorld, expected: IldcpResponse, data: Uint8Array): void {
  const wanted = `IL-DCP response data for ${JSON.stringify(expected)}`;
  const actual = harnessRead(world, wanted, data, () => decodeIldcpResponse(data));
  if (actual.clientAddress !== expected.clientAddress || actual.assetScale !== expected.assetScale || actual.assetCode !== expected.assetCode) {
    fail(world, wanted, JSON.stringify(actual));
  }
}

Then(
  'its data is an IL-DCP response for {string} with asset scale {int} and asset code {string}',
  async function (this: IlpWorld, clientAddress: string, assetScale: number, assetCode: string) {
    const packet = succeeded(this, 'packet', 'a Fulfill carrying an IL-DCP response');
    if (packet.type !== 13) fail(this, 'a Fulfill carrying an IL-DCP response', describePacket(packet));
    judgeIldcp(this, { clientAddress, assetScale, assetCode }, packet.data);
  },
);

Then('the IL-DCP response read back has the same address, scale and code', async function (this: IlpWorld) {
  const bytes = written(this, 'written IL-DCP response data');
  const source = state(this).result?.ildcp;
  if (!source) throw new Error('Bad step sequence: no IL-DCP response was written');
  judgeIldcp(this, source, bytes);
});
