import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DataTable } from '@cucumber/cucumber';
import { comparePacket, expectationsFromTable, packetFromTable } from './packet-tables';

function table(rows: string[][]): DataTable {
  return { raw: () => rows } as unknown as DataTable;
}

describe('packet tables', () => {
  it('fills unstated fields with valid defaults and reads each cell by its type', () => {
    const p = packetFromTable('Prepare', table([['amount', '18446744073709551616'], ['data', '257 bytes of 6c'], ['expires at', '2017-12-24T16:14:32.279Z']]));
    assert.equal(p.type, 12);
    if (p.type !== 12) return;
    assert.equal(p.amount, 2n ** 64n);
    assert.equal(p.data.length, 257);
    assert.equal(p.data[256], 0x6c);
    assert.equal(p.expiresAt.toISOString(), '2017-12-24T16:14:32.279Z');
    assert.equal(p.destination, 'test.bob');
    assert.equal(p.executionCondition.length, 32);
  });

  it('reads empty cells, zero bytes and repeated text', () => {
    const r = packetFromTable('Reject', table([['message', '3 × "é"'], ['triggered by', '""'], ['data', '4 zero bytes']]));
    assert.equal(r.type, 14);
    if (r.type !== 14) return;
    assert.equal(r.message, 'ééé');
    assert.equal(r.triggeredBy, '');
    assert.deepEqual([...r.data], [0, 0, 0, 0]);
  });

  it('names the row and column of a bad cell or an unknown field', () => {
    assert.throws(() => packetFromTable('Prepare', table([['amount', '-1']])), /row 1, column 2 \(amount\): "-1" is not a valid amount/);
    assert.throws(() => packetFromTable('Fulfill', table([['data', ''], ['condition', '00']])), /row 2, column 1: "condition" is not a Fulfill field \(fields: fulfillment, data\)/);
    assert.throws(() => packetFromTable('Fulfill', table([['data', 'xyz']])), /row 1, column 2 \(data\): "xyz" is not hex bytes/);
  });

  it('reports every field that differs', () => {
    const packet = packetFromTable('Fulfill', table([['data', 'ab']]));
    const expected = expectationsFromTable('Fulfill', table([['data', 'ac'], ['fulfillment', '32 bytes of 11']]));
    assert.deepEqual(comparePacket(packet, expected), ['data: expected ac, actual ab']);
  });
});
