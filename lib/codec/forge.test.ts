import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forgeFulfill, forgePrepare, forgeReject, lengthPrefix } from './forge';
import { encodeFulfill, encodePrepare, encodeReject } from './packets';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const prepare = {
  amount: 1n, expiresAt: new Date('2020-01-01T00:00:00.000Z'), executionCondition: new Uint8Array(32),
  destination: 'test.a', data: Uint8Array.of(1, 2),
};
const reject = { code: 'F00', triggeredBy: 'test.b', message: 'm', data: new Uint8Array(0) };

describe('forge', () => {
  it('with no flaw builds the canonical encoding', () => {
    assert.equal(toHex(forgePrepare(prepare, [])), toHex(encodePrepare(prepare)));
    assert.equal(toHex(forgeReject(reject, [])), toHex(encodeReject(reject)));
    const fulfill = { fulfillment: new Uint8Array(32).fill(1), data: new Uint8Array(0) };
    assert.equal(toHex(forgeFulfill(fulfill, [])), toHex(encodeFulfill(fulfill)));
  });

  it('writes non-canonical length prefixes: long form below 128, a leading zero byte above', () => {
    assert.equal(toHex(lengthPrefix(5, true)), '8105');
    assert.equal(toHex(lengthPrefix(130, true)), '820082');
    assert.equal(toHex(lengthPrefix(300, true)), '8300012c');
    assert.equal(toHex(lengthPrefix(300)), '82012c');
  });

  it('changes one thing per flaw and keeps the envelope length consistent', () => {
    const canonical = encodePrepare(prepare);
    const inside = forgePrepare(prepare, { kind: 'trailing-bytes', bytes: Uint8Array.of(0xaa), inside: true });
    assert.equal(inside[1], canonical[1] + 1);
    assert.equal(toHex(inside.subarray(2)), toHex(canonical.subarray(2)) + 'aa');
    const outside = forgePrepare(prepare, { kind: 'trailing-bytes', bytes: Uint8Array.of(0xaa) });
    assert.equal(toHex(outside), toHex(canonical) + 'aa');
    assert.equal(toHex(forgePrepare(prepare, { kind: 'truncate', bytes: 2 })), toHex(canonical.subarray(0, canonical.length - 2)));
    assert.equal(forgePrepare(prepare, { kind: 'type-byte', value: 99 })[0], 99);
    const indefinite = forgePrepare(prepare, { kind: 'indefinite-length' });
    assert.equal(toHex(indefinite), '0c80' + toHex(canonical.subarray(2)));
    const shortTime = forgePrepare(prepare, { kind: 'raw-expires-at', text: '2020' });
    assert.equal(shortTime.length, canonical.length - 13);
    assert.equal(shortTime[1], canonical[1] - 13);
  });

  it('applies a list of flaws in order', () => {
    const bytes = forgeReject(reject, [{ kind: 'raw-code', bytes: 'F0' }, { kind: 'message-bytes', bytes: Uint8Array.of(0xff) }]);
    assert.equal(toHex(bytes), '0e0c' + '4630' + '06746573742e62' + '01ff' + '00');
  });
});
