/**
 * The fast decode paths (fast-decode.ts) against the full decoder: whatever the fast path accepts, the full
 * decoder accepts in both modes with the same fields; and it accepts the usual packets (or it would be
 * dead code). Inputs are valid packets and random damage to them, long and short lengths alike.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fastPacket } from './fast-decode';
import { decodePacket, encodePacket } from './packets';
import type { IlpPacket } from './types';

/** The full decoder: a plain Uint8Array copy never takes the fast path. */
function full(bytes: Uint8Array, mode: 'strict' | 'lenient'): IlpPacket | string {
  try {
    return decodePacket(Uint8Array.from(bytes), { mode });
  } catch (error) {
    return (error as Error).message;
  }
}

function normal(p: IlpPacket | string): unknown {
  return typeof p === 'string' ? p : JSON.parse(JSON.stringify(p, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));
}

const address = fc.stringMatching(/^(g|test|example)(\.[a-z0-9_~-]{1,8}){1,3}$/);
const data = fc.uint8Array({ maxLength: 400 });
const packet: fc.Arbitrary<IlpPacket> = fc.oneof(
  fc.record({
    type: fc.constant(12 as const), amount: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    expiresAt: fc.date({ min: new Date('0000-01-01T00:00:00.000Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
    executionCondition: fc.uint8Array({ minLength: 32, maxLength: 32 }), destination: address, data,
  }),
  fc.record({ type: fc.constant(13 as const), fulfillment: fc.uint8Array({ minLength: 32, maxLength: 32 }), data }),
  fc.record({
    type: fc.constant(14 as const), code: fc.constantFrom('F02', 'T04', 'R00', 'X1z'), triggeredBy: address,
    message: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('é', 'no route')), data,
  }),
);
const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 });

test('whatever the fast path decodes, the full decoder decodes the same way in both modes', () => {
  let fastHits = 0;
  fc.assert(
    fc.property(packet, damage, fc.nat({ max: 4 }), (p, changes, cut) => {
      const bytes = Buffer.from(encodePacket(p));
      for (const [at, value] of changes) bytes[at % bytes.length] = value;
      const input = cut === 4 ? bytes.subarray(0, Math.max(0, bytes.length - 1 - (changes.length ? changes[0]![0] % 8 : 0))) : bytes;
      const fast = fastPacket(input);
      if (fast === undefined) return;
      fastHits += 1;
      assert.deepEqual(normal(fast), normal(full(input, 'strict')));
      assert.deepEqual(normal(fast), normal(full(input, 'lenient')));
    }),
    { numRuns: 3000 },
  );
  assert.ok(fastHits > 1000, `the fast path decoded ${fastHits} of 3000 inputs`);
});

test('non-canonical and unusual lengths are left to the full decoder, which refuses them in strict mode', () => {
  const f = '11'.repeat(32);
  for (const hex of [
    `0d8122${f}00`, // envelope length 34 in long form
    `0d820022${f}00`, // envelope length with a leading zero byte
    `0d23${f}810000`.slice(0, 4 + 64 + 4), // data length 0 in long form (cut to the contents)
    `0d24${f}82000000`,
    `0d80${f}00`, // indefinite length
    `0c0a${'00'.repeat(10)}`, // a Prepare too short for its fields
  ]) {
    const bytes = Buffer.from(hex, 'hex');
    const fast = fastPacket(bytes);
    if (fast !== undefined) assert.deepEqual(normal(fast), normal(full(bytes, 'strict')), hex);
  }
  const longData = Buffer.from(`0d22${f}8100`, "hex");
  assert.equal(fastPacket(longData), undefined, 'data length 0 in long form is not canonical');
  assert.match(String(full(longData, 'strict')), /NonCanonicalLength/);
});

test('the usual packets take the fast path', () => {
  fc.assert(fc.property(packet, (p) => {
    const message = p.type === 14 ? p.message : '';
    const ascii = [...message].every((c) => c.charCodeAt(0) < 0x80);
    if (ascii) assert.ok(fastPacket(Buffer.from(encodePacket(p))), 'fast path taken');
  }), { numRuns: 500 });
});
