import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CONNECTOR_CAPABILITIES, neededCapabilities, parseCapabilities } from './capabilities';

test('no declaration means every capability; a list means exactly those', () => {
  assert.deepEqual([...parseCapabilities(undefined)], ALL_CONNECTOR_CAPABILITIES);
  assert.deepEqual([...parseCapabilities('')], ALL_CONNECTOR_CAPABILITIES);
  assert.deepEqual([...parseCapabilities('http-sync, ildcp')], ['http-sync', 'ildcp']);
  assert.deepEqual([...parseCapabilities(['http-async'])], ['http-async']);
});

test('an unknown capability is named with the known ones', () => {
  assert.throws(() => parseCapabilities('http-sync,btp'), /unknown connector capability "btp" \(known: http-sync, http-async, ildcp\)/);
});

test('@needs- tags name the capabilities a scenario needs', () => {
  assert.deepEqual(neededCapabilities(['@connector', '@needs-http-async', '@must']), ['http-async']);
  assert.throws(() => neededCapabilities(['@needs-telepathy']), /@needs-telepathy names no connector capability/);
});
