import assert from 'node:assert/strict';
import test from 'node:test';
import { encodeIlpV1Payment } from '../../lib/codec';
import { ilpv1PacketAmount } from './ilpv1-packet-amount';

test("the packet amount is the whole amount in the destination ledger's smallest unit, for any scale", () => {
  assert.equal(ilpv1PacketAmount(9n, 9), 9_000_000_000n);
  assert.equal(ilpv1PacketAmount(9n, 2), 900n);
  assert.equal(ilpv1PacketAmount(11n, 0), 11n);
  assert.equal(ilpv1PacketAmount(0n, 9), 0n);
  assert.throws(() => ilpv1PacketAmount(1n, -1), /scale/);
  assert.throws(() => ilpv1PacketAmount(1n, 1.5), /scale/);
  assert.throws(() => ilpv1PacketAmount(-1n, 2), /negative/);
});

test('9 USD for test.b.bob on a scale-9 ledger is the Payment ilp-connector 21.1.10 forwarded (examples/ilp-connector-v1/FINDINGS.md)', () => {
  const packet = encodeIlpV1Payment({ amount: ilpv1PacketAmount(9n, 9), account: 'test.b.bob', data: Buffer.alloc(0) });
  assert.equal(Buffer.from(packet).toString('base64'), 'ARUAAAACGHEaAAp0ZXN0LmIuYm9iAAA=');
});
