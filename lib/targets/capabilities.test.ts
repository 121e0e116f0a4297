import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CONNECTOR_CAPABILITIES, declareConnector, neededCapabilities, parseCapabilities } from './capabilities';

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

test('an external connector with nothing declared is taken at RFC 35 draft 2, synchronous only; the bundled reference does everything', () => {
  const external = declareConnector({ external: true });
  assert.deepEqual([[...external.capabilities], [...external.rfc35], external.source], [['http-sync'], ['draft-2'], 'default']);
  const draft3 = declareConnector({ external: true, rfc35: 'draft-3' });
  assert.deepEqual([...draft3.capabilities], ['http-async'], 'a draft 3 connector is asynchronous');
  const bundled = declareConnector({ external: false });
  assert.deepEqual([[...bundled.capabilities], [...bundled.rfc35]], [ALL_CONNECTOR_CAPABILITIES, ['draft-2', 'draft-3']]);
  const declared = declareConnector({ external: true, capabilities: 'http-sync,ildcp' });
  assert.deepEqual([[...declared.capabilities], declared.source], [['http-sync', 'ildcp'], 'declared']);
  assert.throws(() => declareConnector({ external: true, rfc35: 'draft-9' }), /unknown RFC 35 revision "draft-9" \(known: draft-2, draft-3\)/);
});
