/**
 * Runs every vector in fixtures/vectors both ways against lib/codec:
 *   valid:   decode(hex) == fields (strict and lenient), encode(fields) == hex (or canonicalHex)
 *   invalid: strict decode throws that kind and field; lenient accepts exactly the strictOnly ones.
 * Also checks every file against vectors.schema.json and that the boundary vectors the suite relies on exist.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCodecError, conditionOf, decodePacket, encodePacket, packetFromJson, packetToJson } from '../codec';
import {
  VECTORS_DIR, bytesToHex, findVector, loadAllVectors, parseVectorFile, vectorFileNames, vectorSchemaProblems,
  type InvalidVector, type ValidVector,
} from './load';
import { runnerFor } from './run-vector';

const files = loadAllVectors();

describe('vector files', () => {
  for (const name of vectorFileNames()) {
    test(`${name} matches vectors.schema.json`, () => {
      const raw: unknown = JSON.parse(readFileSync(join(VECTORS_DIR, name), 'utf8'));
      assert.deepEqual(vectorSchemaProblems(raw), []);
    });
  }

  test('the schema refuses a vector without an error kind, and a bad hex segment', () => {
    const bad = {
      description: 'x',
      suites: [{ subject: 'prepare', valid: [], invalid: [{ name: 'a', hex: 'zz', error: { field: 'data' }, rfc: 'RFC 27', note: 'n' }] }],
    };
    const problems = vectorSchemaProblems(bad);
    assert.ok(problems.some((p) => p.includes('kind')), problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('/hex')), problems.join('\n'));
    assert.throws(() => parseVectorFile(bad, 'bad.json'), /bad\.json does not match vectors\.schema\.json/);
  });

  test('the schema checks fields per subject', () => {
    const raw = {
      description: 'x',
      suites: [{ subject: 'prepare', valid: [{ name: 'p', hex: '00', fields: { amount: '-1', data: '' }, rfc: 'RFC 27', note: 'n' }], invalid: [] }],
    };
    const problems = vectorSchemaProblems(raw).join('\n');
    assert.match(problems, /must have required property 'destination'/);
    assert.match(problems, /amount must match pattern/);
  });

  test('the loader refuses a duplicate vector name', () => {
    const v = { name: 'twice', hex: '00', error: { kind: 'Truncated', field: 'value' }, rfc: 'RFC 30', note: 'n' };
    const raw = { description: 'x', suites: [{ subject: 'uint8', valid: [], invalid: [v, v] }] };
    assert.throws(() => parseVectorFile(raw, 'dup.json'), /"twice" appears twice/);
  });

  test('segment lists resolve to the bytes they describe', () => {
    const raw = {
      description: 'x',
      suites: [{
        subject: 'var-octet-string',
        valid: [{ name: 'seg', hex: ['03', { ascii: 'a' }, { repeat: 'ff', count: 2 }], fields: { value: ['61', { repeat: 'ff', count: 2 }] }, rfc: 'RFC 30', note: 'n' }],
        invalid: [],
      }],
    };
    const v = parseVectorFile(raw).suites[0]!.valid[0]!;
    assert.equal(v.hex, '0361ffff');
    assert.equal(v.fields.value, '61ffff');
    assert.deepEqual([...v.bytes], [3, 0x61, 0xff, 0xff]);
  });

  test('the boundary vectors the suite relies on are present', () => {
    const required = [
      'prepare-data-32767', 'prepare-data-32768', 'fulfill-data-32767', 'fulfill-data-32768', 'reject-data-32767', 'reject-data-32768',
      'prepare-destination-1023', 'prepare-destination-1024', 'addr-length-1023', 'addr-length-1024',
      'reject-message-8191', 'reject-message-8192', 'prepare-amount-zero-empty-data', 'prepare-amount-uint64-max',
      'length-127', 'length-128', 'prepare-data-127', 'prepare-data-128', 'prepare-contents-127', 'prepare-contents-128',
      'prepare-expires-month-13', 'prepare-expires-hour-24', 'prepare-expires-second-60', 'prepare-expires-leap-day',
      'prepare-expires-feb-29-common-year', 'ts-fixed-leap-day-2024', 'ts-fixed-feb-29-2023', 'ts-fixed-rfc-month-13',
      'ts-fixed-rfc-hour-24', 'ts-fixed-rfc-second-60', 'reject-f08-with-error-data', 'f08-data-51-over-50',
    ];
    for (const name of required) assert.doesNotThrow(() => findVector(name, files), name);
  });

  test('the Prepare condition is the SHA-256 of the Fulfill fulfillment (vectors agree with each other)', () => {
    const prepare = findVector('prepare-typical', files) as ValidVector;
    const fulfill = findVector('fulfill-typical', files) as ValidVector;
    assert.equal(bytesToHex(conditionOf(Buffer.from(fulfill.fields.fulfillment!, 'hex'))), prepare.fields.executionCondition);
  });
});

for (const file of files) {
  for (const suite of file.suites) {
    const run = runnerFor(suite.subject);
    const isPacketSubject = ['packet', 'prepare', 'fulfill', 'reject'].includes(suite.subject);
    describe(`${file.file} ${suite.subject}`, () => {
      for (const v of suite.valid) test(`valid ${v.name}`, () => checkValid(v));
      for (const v of suite.invalid) test(`invalid ${v.name}${v.strictOnly ? ' (strict only)' : ''}`, () => checkInvalid(v));
    });

    function checkValid(v: ValidVector): void {
      if (v.oneWay !== 'encode') {
        assert.deepEqual(run.decode(v.bytes, { mode: 'strict' }), { ...v.fields }, 'strict decode');
        if (run.hasMode) assert.deepEqual(run.decode(v.bytes, { mode: 'lenient' }), { ...v.fields }, 'lenient decode');
      } else {
        assert.doesNotThrow(() => run.decode(v.bytes, { mode: 'strict' }), 'an encoder output must decode');
      }
      if (v.oneWay !== 'decode') assert.equal(bytesToHex(run.encode(v.fields)), v.canonicalHex, 'encode');
      if (isPacketSubject && v.canonicalHex !== v.hex) {
        assert.throws(() => decodePacket(v.bytes, { rejectTrailingBytes: true }), (e: unknown) => isCodecError(e) && e.kind === 'TrailingBytes');
      }
      if (isPacketSubject) {
        // The JSON form (CLI, transcripts) carries the same fields: decode -> JSON, and JSON -> bytes.
        const type = { 12: 'prepare', 13: 'fulfill', 14: 'reject' }[v.bytes[0] as 12 | 13 | 14];
        const json: Record<string, unknown> = { ...packetToJson(decodePacket(v.bytes)) };
        delete json.codeName;
        delete json.codeClass;
        assert.deepEqual(json, { ...v.fields, type }, 'packetToJson');
        assert.equal(bytesToHex(encodePacket(packetFromJson({ ...v.fields, type }))), v.canonicalHex, 'packetFromJson');
      }
    }

    function checkInvalid(v: InvalidVector): void {
      let thrown: unknown;
      try {
        const decoded = run.decode(v.bytes, { mode: 'strict' });
        assert.fail(`strict decode accepted it: ${JSON.stringify(decoded).slice(0, 200)}`);
      } catch (error) {
        thrown = error;
      }
      assert.ok(isCodecError(thrown), `expected a CodecError, got ${String(thrown)}`);
      assert.deepEqual({ kind: thrown.kind, field: thrown.field }, v.error, thrown.message);
      assert.ok(thrown.offset >= -1 && thrown.offset <= v.bytes.length, `offset ${thrown.offset} outside the input`);
      assert.match(thrown.message, new RegExp(`^${v.error.kind} .*field=${v.error.field}`));
      if (!run.hasMode) {
        assert.equal(v.strictOnly, false, 'strictOnly on a subject without a lenient mode');
        return;
      }
      if (v.strictOnly) {
        assert.doesNotThrow(() => run.decode(v.bytes, { mode: 'lenient' }), 'lenient mode must accept it');
      } else {
        assert.throws(() => run.decode(v.bytes, { mode: 'lenient' }), (e: unknown) => isCodecError(e) && e.kind === v.error.kind, 'lenient mode must refuse it too');
      }
    }
  }
}
