import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGeneralizedTime, decodeIlpTimestamp, decodeIlpTimestampBytes, encodeGeneralizedTime, encodeIlpTimestamp } from './time';
import { assertCodecError } from './testing';

const iso = (d: Date) => d.toISOString();

describe('fixed-length ILPv4 timestamps (TS-001..005)', () => {
  it('encodes 17 digits in UTC, nothing omitted', () => {
    assert.equal(encodeIlpTimestamp(new Date('2017-12-24T16:14:32.279Z')), '20171224161432279');
    assert.equal(encodeIlpTimestamp(new Date('2017-12-24T18:14:32.000+02:00')), '20171224161432000');
    assert.equal(encodeIlpTimestamp(new Date('0001-01-01T00:00:00.000Z')), '00010101000000000');
    assert.equal(encodeIlpTimestamp(new Date('9999-12-31T23:59:59.999Z')), '99991231235959999');
  });

  it('decodes exactly and round-trips every millisecond field', () => {
    assert.equal(iso(decodeIlpTimestamp('20171224161432279')), '2017-12-24T16:14:32.279Z');
    assert.equal(iso(decodeIlpTimestamp('20000229000000001')), '2000-02-29T00:00:00.001Z');
    assert.equal(iso(decodeIlpTimestamp('00500101000000000')), '0050-01-01T00:00:00.000Z');
    for (const t of ['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2024-02-29T12:34:56.789Z', '2100-03-01T00:00:00.000Z']) {
      assert.equal(iso(decodeIlpTimestamp(encodeIlpTimestamp(new Date(t)))), t);
    }
  });

  it('refuses impossible dates instead of rolling them over, naming the offending digits', () => {
    const at = 10; // as if the timestamp started at byte 10 of a packet
    assertCodecError(() => decodeIlpTimestamp('20171324161432200', 'expiresAt', at), { kind: 'InvalidTimestamp', field: 'expiresAt', offset: 14 });
    assertCodecError(() => decodeIlpTimestamp('20170000161432200', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 14 });
    assertCodecError(() => decodeIlpTimestamp('20171232161432200', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 16 });
    assertCodecError(() => decodeIlpTimestamp('20170230000000000', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 16 });
    assertCodecError(() => decodeIlpTimestamp('21000229000000000', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 16 });
    assertCodecError(() => decodeIlpTimestamp('20171224240000000', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 18 });
    assertCodecError(() => decodeIlpTimestamp('20171224236000000', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 20 });
    assertCodecError(() => decodeIlpTimestamp('20161231235960852', 'expiresAt', at), { kind: 'InvalidTimestamp', offset: 22 });
  });

  it('refuses non-digits at their offset and wrong lengths', () => {
    assertCodecError(() => decodeIlpTimestamp('\t0171224161432200', 'expiresAt', 12), { kind: 'InvalidTimestamp', offset: 12 });
    assertCodecError(() => decodeIlpTimestamp('2017122416143220Z', 'expiresAt', 0), { kind: 'InvalidTimestamp', offset: 16 });
    assertCodecError(() => decodeIlpTimestamp('2017122416143220٣'), { kind: 'InvalidTimestamp', offset: -1 });
    assertCodecError(() => decodeIlpTimestamp('201712242153124318'), { kind: 'InvalidTimestamp', details: { reason: 'length 18, expected 17 digits' } });
    assertCodecError(() => decodeIlpTimestamp('2017122421531'), { kind: 'InvalidTimestamp' });
  });

  it('decodes from bytes in place', () => {
    const bytes = Buffer.from('xx20171224161432279', 'latin1');
    assert.equal(iso(decodeIlpTimestampBytes(bytes, 2)), '2017-12-24T16:14:32.279Z');
  });

  it('refuses to encode an invalid Date or a year outside 0000..9999', () => {
    assertCodecError(() => encodeIlpTimestamp(new Date('nope')), { kind: 'InvalidTimestamp', field: 'expiresAt', offset: -1 });
    assertCodecError(() => encodeIlpTimestamp(new Date('+010000-01-01T00:00:00Z')), { kind: 'InvalidTimestamp' });
    assertCodecError(() => encodeIlpTimestamp(new Date('-000001-01-01T00:00:00Z')), { kind: 'InvalidTimestamp' });
  });
});

describe('variable-length GeneralizedTime (TS-007)', () => {
  it('encodes without trailing fraction zeros and without a zero fraction', () => {
    assert.equal(encodeGeneralizedTime(new Date('2017-12-24T16:14:32.279Z')), '20171224161432.279Z');
    assert.equal(encodeGeneralizedTime(new Date('2017-12-24T16:14:32.270Z')), '20171224161432.27Z');
    assert.equal(encodeGeneralizedTime(new Date('2017-12-24T16:14:32.200Z')), '20171224161432.2Z');
    assert.equal(encodeGeneralizedTime(new Date('2017-12-24T16:14:32.000Z')), '20171224161432Z');
    assert.equal(encodeGeneralizedTime(new Date('2017-12-24T16:14:32.005Z')), '20171224161432.005Z');
  });

  it('decodes 0..3 fraction digits', () => {
    assert.equal(iso(decodeGeneralizedTime('20171224161432.279Z')), '2017-12-24T16:14:32.279Z');
    assert.equal(iso(decodeGeneralizedTime('20171224161432.27Z')), '2017-12-24T16:14:32.270Z');
    assert.equal(iso(decodeGeneralizedTime('20171224161432.2Z')), '2017-12-24T16:14:32.200Z');
    assert.equal(iso(decodeGeneralizedTime('20171224161432Z')), '2017-12-24T16:14:32.000Z');
  });

  it('accepts a leap second at 23:59:60 only, as the POSIX instant', () => {
    assert.equal(iso(decodeGeneralizedTime('20161231235960.852Z')), '2017-01-01T00:00:00.852Z');
    assertCodecError(() => decodeGeneralizedTime('20161231225960Z'), { kind: 'InvalidTimestamp' });
    assertCodecError(() => decodeGeneralizedTime('20161231235961Z'), { kind: 'InvalidTimestamp' });
  });

  it('refuses the RFC 30 invalid list', () => {
    for (const bad of ['20171224235312.431+0200', '20171224215312.4318Z', '20171224161432,279Z', '20171324161432.279Z',
      '20171224230000.20Z', '20171224230000.Z', '20171224240000Z', '2017122421531Z', '201712242153Z', '2017122421Z',
      '20171224230000.0Z', '20171224230000']) {
      assertCodecError(() => decodeGeneralizedTime(bad, 'triggeredAt'), { kind: 'InvalidTimestamp', field: 'triggeredAt' });
    }
  });

  it('names the offset of the bad character when given a base offset', () => {
    assertCodecError(() => decodeGeneralizedTime('20171224161432,279Z', 't', 100), { kind: 'InvalidTimestamp', offset: 114 });
    assertCodecError(() => decodeGeneralizedTime('20171224230000.20Z', 't', 100), { kind: 'InvalidTimestamp', offset: 116 });
  });
});
