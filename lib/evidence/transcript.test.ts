import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Transcript } from './transcript';

test('entries carry hex, decoded fields with bigint and bytes, and time before expiry', () => {
  const t = new Transcript();
  const expiresAt = new Date(Date.now() + 1000);
  t.record({ direction: 'sent', channel: 'alice', label: 'ILP Prepare', bytes: Uint8Array.from([12, 1, 0]), decoded: { amount: 5n, data: Buffer.from([1, 2]) }, expiresAt });
  const json = JSON.parse(t.toJson());
  assert.equal(json.entries[0].hex, '0c0100');
  assert.equal(json.entries[0].decoded.amount, '5');
  assert.equal(json.entries[0].decoded.data, '0102');
  assert.ok(json.entries[0].msBeforeExpiry > 900 && json.entries[0].msBeforeExpiry <= 1000);
  assert.match(t.toText(), /-> alice ILP Prepare \(\d+ms before expiry\)/);
});

test('secrets are masked in both text and JSON', () => {
  const t = new Transcript();
  t.addSecret('s3cret-token');
  t.record({ direction: 'sent', channel: 'sut', label: 'HTTP POST', headers: { authorization: 'Bearer s3cret-token' } });
  assert.doesNotMatch(t.toText(), /s3cret-token/);
  assert.doesNotMatch(t.toJson(), /s3cret-token/);
  assert.match(t.toJson(), /Bearer \*\*\*/);
});

test('an empty transcript says so', () => {
  assert.equal(new Transcript().isEmpty, true);
});
