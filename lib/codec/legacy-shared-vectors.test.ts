/**
 * Every ILPv1 and ILQP vector in ../shared/vectors (ilpv1-*.json, ilqp-*.json) through lib/codec: valid ones
 * decode to their `decoded` fields and encode back to the same bytes; invalid ones are refused. The shared
 * vectors write an Error's data as the text ilp-packet made of it, every other byte field as hex. Fails when the shared folder is missing (CI clones it beside the repository).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeIlpV1Payment, decodeIlqpPacket, encodeIlpV1Payment, encodeIlqpPacket, isCodecError, liquidityCurveProblem, type IlqpPacket } from '.';
import { decodeLegacyPacket, encodeLegacyPacket, legacyToWire } from '../targets/codec-legacy-wire';

const DIR = path.resolve(__dirname, '../../../shared/vectors');
const FILES = ['ilqp-liquidity-request.json', 'ilqp-liquidity-response.json', 'ilqp-by-source-request.json', 'ilqp-by-source-response.json', 'ilqp-by-destination-request.json', 'ilqp-by-destination-response.json'];

interface SharedVector { id: string; valid: boolean; hex: string; decoded: Record<string, string | number | string[]> | null }
const OUTCOME_FILES = ['ilpv1-error.json', 'ilpv1-fulfillment-data.json', 'ilpv1-forwarded-payment.json', 'ilpv1-rejection.json'];
const vectors = (file: string): SharedVector[] => (JSON.parse(readFileSync(path.join(DIR, file), 'utf8')) as { vectors: SharedVector[] }).vectors;
const bytes = (hex: string): Buffer => Buffer.from(hex, 'hex');

/** An ILQP packet in the shared vectors' field form (amounts decimal strings, curve as the points' hex). */
function ilqpFields(p: IlqpPacket): Record<string, string | number> {
  const { type: _type, ...rest } = p;
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (typeof v === 'bigint') out[k] = v.toString();
    else if (v instanceof Date) out[k] = v.toISOString();
    else if (Array.isArray(v)) out[k] = v.map((pt: { x: bigint; y: bigint }) => pt.x.toString(16).padStart(16, '0') + pt.y.toString(16).padStart(16, '0')).join('');
    else out[k] = v as string | number;
  }
  return out;
}

describe('shared ILPv1 and ILQP vectors', () => {
  it('needs the shared vectors folder', () => assert.ok(existsSync(DIR), `shared vectors not found at ${DIR}`));

  for (const v of existsSync(DIR) ? vectors('ilpv1-payment.json') : []) {
    it(`${v.id} ${v.valid ? 'decodes and re-encodes' : 'is refused'}`, () => {
      if (!v.valid) {
        assert.throws(() => decodeIlpV1Payment(bytes(v.hex)), (e) => isCodecError(e));
        return;
      }
      const p = decodeIlpV1Payment(bytes(v.hex));
      assert.deepEqual({ amount: p.amount.toString(), account: p.account, data: Buffer.from(p.data).toString('hex') }, v.decoded);
      assert.equal(Buffer.from(encodeIlpV1Payment(p)).toString('hex'), v.hex);
    });
  }

  for (const file of existsSync(DIR) ? FILES : []) {
    for (const v of vectors(file)) {
      it(`${v.id} decodes and re-encodes`, () => {
        const p = decodeIlqpPacket(bytes(v.hex));
        assert.deepEqual(ilqpFields(p), v.decoded);
        assert.equal(Buffer.from(encodeIlqpPacket(p)).toString('hex'), v.hex);
      });
    }
  }

  for (const file of existsSync(DIR) ? OUTCOME_FILES : []) {
    for (const v of vectors(file)) {
      it(`${v.id} ${v.valid ? 'decodes and re-encodes' : 'is refused'}`, () => {
        if (!v.valid) {
          assert.throws(() => decodeLegacyPacket(bytes(v.hex)), (e) => isCodecError(e) && e.kind === 'InvalidTimestamp');
          return;
        }
        const p = decodeLegacyPacket(bytes(v.hex));
        assert.equal(p.type, bytes(v.hex)[0]);
        const { fields } = legacyToWire(p);
        const expected: Record<string, string> = {};
        for (const [k, value] of Object.entries(v.decoded ?? {})) {
          if (Array.isArray(value)) expected[k] = value.join(' ');
          else if (k === 'data' && p.type === 8) expected[k] = Buffer.from(String(value), 'utf8').toString('hex');
          else expected[k] = String(value);
        }
        assert.deepEqual(fields, expected);
        assert.equal(Buffer.from(encodeLegacyPacket(p)).toString('hex'), v.hex);
      });
    }
  }

  it('the shared liquidity response curve repeats one point, which QUOTE-001 forbids', () => {
    const p = decodeIlqpPacket(bytes(vectors('ilqp-liquidity-response.json')[0]!.hex));
    assert.equal(p.type, 3);
    assert.match(liquidityCurveProblem(p.type === 3 ? p.liquidityCurve : []) ?? '', /point 1 has x=.*not above/);
  });
});
