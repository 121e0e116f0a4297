import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasBearerToken, isUuidV4 } from './headers';

test('a bearer token must match exactly; the scheme is case-insensitive', () => {
  assert.equal(hasBearerToken('Bearer abc', 'abc'), true);
  assert.equal(hasBearerToken('bearer abc', 'abc'), true);
  assert.equal(hasBearerToken('Bearer  abc ', 'abc'), true);
  for (const header of [undefined, '', 'abc', 'Basic abc', 'Bearer abcd', 'Bearer ab', 'Bearer ABC', 'Bearer abc def']) {
    assert.equal(hasBearerToken(header, 'abc'), false, String(header));
  }
});

test('Request-Id must be a UUIDv4', () => {
  assert.equal(isUuidV4('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'), true);
  assert.equal(isUuidV4('0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'), true);
  for (const id of [undefined, '', '0a1b2c3d-4e5f-1a6b-8c7d-9e0f1a2b3c4d', '0a1b2c3d-4e5f-4a6b-7c7d-9e0f1a2b3c4d', '0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d']) {
    assert.equal(isUuidV4(id), false, String(id));
  }
});
