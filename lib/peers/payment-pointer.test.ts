import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePaymentPointer } from './payment-pointer';

test('payment pointers resolve to https URLs, /.well-known/pay for an empty path (SPSP-013)', () => {
  assert.deepEqual(resolvePaymentPointer('$example.com'), { ok: true, url: 'https://example.com/.well-known/pay' });
  assert.deepEqual(resolvePaymentPointer('$example.com/'), { ok: true, url: 'https://example.com/.well-known/pay' });
  assert.deepEqual(resolvePaymentPointer('$example.com/bob'), { ok: true, url: 'https://example.com/bob' });
  assert.deepEqual(resolvePaymentPointer('$alice.wallet.example/p/1'), { ok: true, url: 'https://alice.wallet.example/p/1' });
});

test('a pointer with a port, userinfo, query or fragment is invalid and names why (SPSP-014)', () => {
  const reasons: [string, RegExp][] = [
    ['$example.com:8443/bob', /no port/],
    ['$user@example.com', /no userinfo/],
    ['$example.com/bob?x=1', /no query or fragment/],
    ['$example.com/bob#top', /no query or fragment/],
    ['example.com/bob', /starts with "\$"/],
    ['$', /not a host name/],
  ];
  for (const [pointer, reason] of reasons) {
    const r = resolvePaymentPointer(pointer);
    assert.ok(!r.ok && reason.test(r.reason), `${pointer}: ${JSON.stringify(r)}`);
  }
});
