import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ERROR_CODES, decodeAmountTooLargeData, encodeAmountTooLargeData, errorCodeClass, isAssignedErrorCode, isIa5ErrorCode,
  isWellFormedErrorCode,
} from './error-codes';
import { assertCodecError, hex } from './testing';

describe('ILPv4 error codes (ERR-001)', () => {
  it('assigns exactly F00-F08, F99, T00-T05, T99, R00-R02, R99', () => {
    assert.deepEqual(Object.keys(ERROR_CODES).sort(), [
      'F00', 'F01', 'F02', 'F03', 'F04', 'F05', 'F06', 'F07', 'F08', 'F99',
      'R00', 'R01', 'R02', 'R99', 'T00', 'T01', 'T02', 'T03', 'T04', 'T05', 'T99',
    ]);
    assert.deepEqual(ERROR_CODES.F08, { name: 'Amount Too Large', class: 'final' });
    assert.deepEqual(ERROR_CODES.T04, { name: 'Insufficient Liquidity', class: 'temporary' });
    assert.deepEqual(ERROR_CODES.R02, { name: 'Insufficient Timeout', class: 'relative' });
    for (const [code, info] of Object.entries(ERROR_CODES)) assert.equal(errorCodeClass(code), info.class, code);
  });

  it('classifies by letter, and tells assigned, well-formed and wire-legal codes apart', () => {
    assert.equal(errorCodeClass('T42'), 'temporary');
    assert.equal(errorCodeClass('X00'), undefined);
    assert.equal(errorCodeClass(''), undefined);
    assert.ok(isAssignedErrorCode('F99') && !isAssignedErrorCode('F09') && !isAssignedErrorCode('toString'));
    assert.ok(isWellFormedErrorCode('F09') && !isWellFormedErrorCode('f01') && !isWellFormedErrorCode('F1') && !isWellFormedErrorCode('FA1'));
    assert.ok(isIa5ErrorCode('tw\x7f') && !isIa5ErrorCode('twé') && !isIa5ErrorCode('F0'));
  });
});

describe('F08 AmountTooLargeErrorData (ERR-003)', () => {
  it('encodes two big-endian UInt64 (REJECT-C-005 data) and decodes them back', () => {
    const data = encodeAmountTooLargeData({ receivedAmount: 101n, maximumAmount: 100n });
    assert.equal(Buffer.from(data).toString('hex'), '00000000000000650000000000000064');
    assert.deepEqual(decodeAmountTooLargeData(data), { receivedAmount: 101n, maximumAmount: 100n });
    const max = 18446744073709551615n;
    assert.deepEqual(decodeAmountTooLargeData(encodeAmountTooLargeData({ receivedAmount: max, maximumAmount: 0n })), { receivedAmount: max, maximumAmount: 0n });
  });

  it('ignores extra bytes and refuses fewer than 16 (15 / 16 / 17)', () => {
    assert.deepEqual(decodeAmountTooLargeData(hex('00000000000000650000000000000064ff')), { receivedAmount: 101n, maximumAmount: 100n });
    assertCodecError(() => decodeAmountTooLargeData(new Uint8Array(15)), { kind: 'Truncated', field: 'maximumAmount', offset: 8, details: { needed: 16, available: 15 } });
    assertCodecError(() => decodeAmountTooLargeData(new Uint8Array(3)), { kind: 'Truncated', field: 'receivedAmount', offset: 0 });
  });

  it('refuses amounts outside UInt64', () => {
    assertCodecError(() => encodeAmountTooLargeData({ receivedAmount: -1n, maximumAmount: 0n }), { kind: 'ValueOutOfRange', field: 'receivedAmount', offset: -1 });
    assertCodecError(() => encodeAmountTooLargeData({ receivedAmount: 0n, maximumAmount: 2n ** 64n }), { kind: 'ValueOutOfRange', field: 'maximumAmount' });
  });
});
