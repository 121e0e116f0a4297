import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import test from 'node:test';
import { conditionUri, decodeFulfillment, digestOfConditionUri, encodeFulfillment } from './five-bells-conditions';

test('a 32-byte preimage becomes A0 22 80 20 <preimage>, and back', () => {
  const preimage = Buffer.alloc(32, 7);
  const text = encodeFulfillment(preimage);
  assert.equal(Buffer.from(text, 'base64url').subarray(0, 4).toString('hex'), 'a0228020');
  assert.deepEqual(decodeFulfillment(text), { ok: true, preimage });
});

test('preimages of 0, 127, 128 and 65535 bytes round-trip with DER long-form lengths', () => {
  for (const length of [0, 127, 128, 65535]) {
    const preimage = Buffer.alloc(length, 1);
    const read = decodeFulfillment(encodeFulfillment(preimage));
    assert.ok(read.ok && read.preimage.equals(preimage), `length ${length}`);
  }
});

test('a fulfillment of another type or with a wrong length is refused with its reason', () => {
  assert.match(String((decodeFulfillment('oQA') as { reason: string }).reason), /not 0xa0/);
  const cut = Buffer.from(encodeFulfillment(Buffer.alloc(32)), 'base64url').subarray(0, 30).toString('base64url');
  assert.match(String((decodeFulfillment(cut) as { reason: string }).reason), /length/);
});

test('the condition URI carries the native digest and gives it back', () => {
  const digest = createHash('sha256').update(Buffer.alloc(32)).digest('base64url');
  const uri = conditionUri(digest);
  assert.equal(uri, `ni:///sha-256;${digest}?fpt=preimage-sha-256&cost=32`);
  assert.equal(digestOfConditionUri(uri), digest);
  assert.equal(digestOfConditionUri('ni:///sha-256;abc?fpt=prefix-sha-256&cost=32'), undefined);
});
