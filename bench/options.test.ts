import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchOptions } from './options';

const spec = { integers: { duration: 400, packets: undefined }, flags: ['json'] as const, strings: ['db'] as const };

test('defaults, integers, flags and strings', () => {
  assert.deepEqual(parseBenchOptions([], spec), { duration: 400, json: false, db: undefined });
  assert.deepEqual(parseBenchOptions(['--duration', '50', '--packets', '7', '--json', '--db', 'x.sqlite'], spec), { duration: 50, packets: 7, json: true, db: 'x.sqlite' });
});

test('a non-positive or non-integer value names the option', () => {
  assert.throws(() => parseBenchOptions(['--duration', '0'], spec), /--duration needs a positive integer, got "0"/);
  assert.throws(() => parseBenchOptions(['--duration', '1.5'], spec), /--duration needs a positive integer/);
});

test('an unknown option lists the known ones', () => {
  assert.throws(() => parseBenchOptions(['--nope'], spec), /--nope.*\(options: --duration, --packets, --db, --json\)/);
});
