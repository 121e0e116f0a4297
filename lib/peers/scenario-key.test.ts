import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findScenarioKey, isScenarioKey, newScenarioKey } from './scenario-key';
import { isValidIlpAddress } from '../codec';

test('scenario keys are fresh, valid address segments', () => {
  const keys = new Set(Array.from({ length: 1000 }, () => newScenarioKey()));
  assert.equal(keys.size, 1000);
  for (const key of keys) {
    assert.ok(isScenarioKey(key), key);
    assert.ok(isValidIlpAddress(`test.bob.${key}.p1`));
  }
});

test('the key is found in any segment of the destination, else in the data, and only when known', () => {
  const key = newScenarioKey();
  const known = (k: string) => k === key;
  assert.equal(findScenarioKey(`test.lp.deep.${key}.p1`, new Uint8Array(), known), key);
  assert.equal(findScenarioKey(`test.bob.${newScenarioKey()}.p1`, new Uint8Array(), known), undefined);
  assert.equal(findScenarioKey('peer.config', Buffer.from(`xx${key}yy`), known), key);
  assert.equal(findScenarioKey('peer.config', new Uint8Array(), known), undefined);
});
