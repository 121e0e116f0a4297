import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodePacket, isCodecError } from '../../../lib/codec';
import { CATEGORIES, fuzzCase } from './fuzz-cases';
import { Random } from './random';

const NOW = Date.parse('2030-01-01T00:00:00.000Z');

test('the same seed and index give the same case; another seed gives other bytes', () => {
  for (const index of [0, 1, 999, 123_456]) {
    const a = fuzzCase(7, index, NOW);
    const b = fuzzCase(7, index, NOW);
    assert.deepEqual(Buffer.from(a.bytes), Buffer.from(b.bytes));
    assert.deepEqual(a.steps, b.steps);
  }
  const differ = [0, 1, 2, 3, 4].filter((i) => !Buffer.from(fuzzCase(7, i, NOW).bytes).equals(Buffer.from(fuzzCase(8, i, NOW).bytes)));
  assert.ok(differ.length >= 4, 'seeds 7 and 8 should give different inputs');
});

test('Random: below() stays in range and covers it; streams are independent', () => {
  const rng = new Random(1, 2);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const n = rng.below(10);
    assert.ok(n >= 0 && n < 10);
    seen.add(n);
  }
  assert.equal(seen.size, 10);
  assert.notEqual(new Random(1, 2).uint32(), new Random(1, 3).uint32());
});

test('3000 cases cover every category; unmutated ones decode strictly; random bytes stay within 0..40000', () => {
  const counts = new Map<string, number>();
  let longestRandom = 0;
  for (let i = 0; i < 3000; i++) {
    const c = fuzzCase(11, i, NOW);
    counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    if (c.category === 'valid') assert.doesNotThrow(() => decodePacket(c.bytes, { rejectTrailingBytes: true }), c.steps.join(' | '));
    if (c.category === 'random-bytes') longestRandom = Math.max(longestRandom, c.bytes.length);
  }
  for (const category of CATEGORIES) assert.ok((counts.get(category) ?? 0) > 20, `category ${category}: ${counts.get(category) ?? 0} cases`);
  assert.ok(longestRandom > 4096 && longestRandom <= 40_000, `longest random input ${longestRandom}`);
});

test('mutated cases are mostly invalid, and the hostile length prefixes show up', () => {
  let invalid = 0;
  let mutated = 0;
  let hugeLength = 0;
  for (let i = 0; i < 3000; i++) {
    const c = fuzzCase(12, i, NOW);
    if (c.category === 'valid') continue;
    mutated++;
    try {
      decodePacket(c.bytes, { rejectTrailingBytes: true });
    } catch (error) {
      assert.ok(isCodecError(error), String(error));
      invalid++;
    }
    if (c.steps.some((s) => / -> 88(ff|7f|00)/.test(s))) hugeLength++;
  }
  assert.ok(invalid / mutated > 0.8, `${invalid} of ${mutated} mutated cases fail strict decoding`);
  assert.ok(hugeLength > 10, `${hugeLength} cases with an 8-byte long-form length`);
});
