import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PEER_PROTOCOL_CONDITION, PEER_PROTOCOL_FULFILLMENT, buildIldcpFulfill, buildIldcpRequest, decodeIldcpResponse,
  encodeIldcpResponse, ildcpFulfillProblem, ildcpRequestProblem,
} from './ildcp';
import { conditionOf, decodeFulfill, encodeFulfill } from './packets';
import { assertCodecError, hex } from './testing';

const info = { clientAddress: 'example.client', assetScale: 13, assetCode: 'XAM' };

describe('IL-DCP (RFC 31)', () => {
  it('the peer-protocol condition is SHA-256 of the 32-zero-byte fulfillment (COND-008)', () => {
    assert.deepEqual(Buffer.from(PEER_PROTOCOL_FULFILLMENT), Buffer.alloc(32));
    assert.deepEqual(Buffer.from(conditionOf(PEER_PROTOCOL_FULFILLMENT)), Buffer.from(PEER_PROTOCOL_CONDITION));
    assert.equal(Buffer.from(PEER_PROTOCOL_CONDITION).toString('base64'), 'Zmh6rfhivXdsj8GLjp+OIAiXFIVu4jOzkCpZHQ1fKSU=');
  });

  it('encodes and decodes the response data (DCP-002)', () => {
    const data = encodeIldcpResponse(info);
    assert.equal(Buffer.from(data).toString('hex'), '0e6578616d706c652e636c69656e740d0358414d');
    assert.deepEqual(decodeIldcpResponse(data), info);
    assert.deepEqual(decodeIldcpResponse(encodeIldcpResponse({ ...info, assetCode: '€uro', assetScale: 255 })), { ...info, assetCode: '€uro', assetScale: 255 });
    const fulfill = decodeFulfill(encodeFulfill(buildIldcpFulfill(info)));
    assert.equal(ildcpFulfillProblem(fulfill), undefined);
  });

  it('refuses bad response data with field and offset', () => {
    assertCodecError(() => encodeIldcpResponse({ ...info, clientAddress: 'client' }), { kind: 'InvalidAddress', field: 'clientAddress', offset: -1 });
    assertCodecError(() => encodeIldcpResponse({ ...info, assetScale: 256 }), { kind: 'ValueOutOfRange', field: 'assetScale' });
    assertCodecError(() => decodeIldcpResponse(hex('0e6578616d706c652e636c69656e74')), { kind: 'Truncated', field: 'assetScale', offset: 15 });
    assertCodecError(() => decodeIldcpResponse(hex('03672e21 0d 0358414d')), { kind: 'InvalidAddress', field: 'clientAddress', offset: 3 });
    assertCodecError(() => decodeIldcpResponse(hex('03672e61 0d 02ffff')), { kind: 'InvalidUtf8', field: 'assetCode', offset: 6 });
    assertCodecError(() => decodeIldcpResponse(hex('03672e61 0d 8103414243')), { kind: 'NonCanonicalLength', field: 'assetCode', offset: 5 });
    assert.equal(decodeIldcpResponse(hex('03672e61 0d 8103414243'), { mode: 'lenient' }).assetCode, 'ABC');
    assertCodecError(() => decodeIldcpResponse(hex('03672e61 0d 00 99'), { rejectTrailingBytes: true }), { kind: 'TrailingBytes', offset: 6 });
  });

  it('recognises requests and says why others are not (DCP-001, DCP-007)', () => {
    const now = new Date('2015-06-16T00:00:00.000Z');
    const request = buildIldcpRequest(new Date(now.getTime() + 60_000));
    assert.equal(ildcpRequestProblem(request, now), undefined);
    assert.match(ildcpRequestProblem({ ...request, destination: 'peer.bonfig' }, now) ?? '', /destination/);
    assert.match(ildcpRequestProblem({ ...request, executionCondition: new Uint8Array(32) }, now) ?? '', /condition/);
    assert.match(ildcpRequestProblem(request, new Date(now.getTime() + 60_000)) ?? '', /expired/);
  });

  it('says why a Fulfill is not a response', () => {
    const fulfillment = new Uint8Array(32);
    fulfillment[16] = 0x10;
    assert.match(ildcpFulfillProblem({ ...buildIldcpFulfill(info), fulfillment }) ?? '', /fulfillment/);
    assert.match(ildcpFulfillProblem({ ...buildIldcpFulfill(info), data: hex('00') }) ?? '', /InvalidAddress/);
  });
});
