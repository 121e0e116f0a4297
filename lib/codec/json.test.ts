import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, packetFromJson, packetToJson, parseExpiresAt, toHex } from './json';
import { encodePacket } from './packets';
import { assertCodecError } from './testing';
import type { IlpPacket } from './types';

const prepareJson = {
  type: 'prepare',
  amount: '18446744073709551615',
  expiresAt: '2017-12-23T01:21:40.549Z',
  executionCondition: '74e1136dc71c9e5f283bec83461cbf1261c4014f72d48f8dd65453a0b84e7de1',
  destination: 'example.alice',
  data: '00ff',
} as const;

describe('packet JSON form', () => {
  it('round-trips a Prepare with a full-range amount', () => {
    const packet = packetFromJson(prepareJson);
    assert.equal(packet.type, 12);
    assert.deepEqual(packetToJson(packet), prepareJson);
  });

  it('adds codeName and codeClass to a Reject, and ignores them when reading', () => {
    const reject: IlpPacket = { type: 14, code: 'F08', triggeredBy: 'test.connie', message: 'too big', data: fromHex('0001', 'data') };
    const json = packetToJson(reject);
    assert.deepEqual(json, { type: 'reject', code: 'F08', codeName: 'Amount Too Large', codeClass: 'final', triggeredBy: 'test.connie', message: 'too big', data: '0001' });
    assert.equal(toHex(encodePacket(packetFromJson(json))), toHex(encodePacket(reject)));
    const unassigned = packetToJson({ ...reject, code: 'T42' });
    assert.equal((unassigned as { codeName?: string }).codeName, undefined);
    assert.equal((unassigned as { codeClass?: string }).codeClass, 'temporary');
  });

  it('round-trips a Fulfill', () => {
    const json = { type: 'fulfill', fulfillment: '00'.repeat(32), data: '' } as const;
    assert.deepEqual(packetToJson(packetFromJson(json)), json);
  });

  it('accepts numeric types, offsets and the 17-digit wire form for expiresAt', () => {
    assert.equal(packetFromJson({ ...prepareJson, type: 12 }).type, 12);
    assert.equal(parseExpiresAt('2017-12-24T18:14:32.000+02:00').toISOString(), '2017-12-24T16:14:32.000Z');
    assert.equal(parseExpiresAt('2017-12-24T16:14:32Z').toISOString(), '2017-12-24T16:14:32.000Z');
    assert.equal(parseExpiresAt('2017-12-24T16:14:32.5Z').toISOString(), '2017-12-24T16:14:32.500Z');
    assert.equal(parseExpiresAt('20171224161432279').toISOString(), '2017-12-24T16:14:32.279Z');
  });

  it('names the bad field', () => {
    assertCodecError(() => packetFromJson({ ...prepareJson, amount: '18446744073709551616' }), { kind: 'ValueOutOfRange', field: 'amount', offset: -1 });
    assertCodecError(() => packetFromJson({ ...prepareJson, amount: '-1' }), { kind: 'ValueOutOfRange', field: 'amount' });
    assertCodecError(() => packetFromJson({ ...prepareJson, amount: 1.5 }), { kind: 'ValueOutOfRange', field: 'amount' });
    assertCodecError(() => packetFromJson({ ...prepareJson, expiresAt: '2017-02-30T00:00:00Z' }), { kind: 'InvalidTimestamp', field: 'expiresAt' });
    assertCodecError(() => packetFromJson({ ...prepareJson, expiresAt: 'tomorrow' }), { kind: 'InvalidTimestamp', field: 'expiresAt' });
    assertCodecError(() => packetFromJson({ ...prepareJson, executionCondition: 'abc' }), { kind: 'ValueOutOfRange', field: 'executionCondition' });
    assertCodecError(() => packetFromJson({ ...prepareJson, executionCondition: '00' }), { kind: 'WrongFixedLength', field: 'executionCondition' });
    assertCodecError(() => packetFromJson({ ...prepareJson, data: 'zz' }), { kind: 'ValueOutOfRange', field: 'data' });
    assertCodecError(() => packetFromJson({ ...prepareJson, destination: 'nope' }), { kind: 'InvalidAddress', field: 'destination' });
    assertCodecError(() => packetFromJson({ ...prepareJson, destination: undefined }), { kind: 'ValueOutOfRange', field: 'destination' });
    const { data: _data, ...noData } = prepareJson;
    assertCodecError(() => packetFromJson(noData), { kind: 'ValueOutOfRange', field: 'data', details: { reason: 'missing' } });
    assertCodecError(() => packetFromJson({ ...prepareJson, type: 'quote' }), { kind: 'UnknownPacketType', field: 'type' });
    assertCodecError(() => packetFromJson([]), { kind: 'ValueOutOfRange', field: 'packet' });
  });

  it('lenient mode lets a Reject carry an empty triggeredBy', () => {
    const json = { type: 'reject', code: 'F00', triggeredBy: '', message: '', data: '' };
    assertCodecError(() => packetFromJson(json), { kind: 'InvalidAddress', field: 'triggeredBy' });
    assert.equal(packetFromJson(json, { mode: 'lenient' }).type, 14);
  });
});
