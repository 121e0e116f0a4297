/**
 * Valid packets the fuzzer starts from: Prepares towards every kind of destination the reference knows
 * (routed peers sync and async, children, a route back to the sender, unroutable, the live network,
 * peer.* services), IL-DCP requests, and Fulfills and Rejects (which the reference must refuse as F01 when
 * they arrive where a Prepare belongs). Each seed keeps its fields (for the forge) and the byte offsets of
 * its fields and length prefixes (for mutations aimed at one field).
 */
import { buildIldcpRequest, conditionOf, encodeFulfill, encodePrepare, encodeReject, FULFILLMENT_LENGTH } from '../../../lib/codec';
import type { IlpFulfill, IlpPrepare, IlpReject } from '../../../lib/codec/types';
import type { Random } from './random';

/** What the fuzz peers fulfill with, and the condition most seed Prepares carry. */
export const FULFILLMENT = new Uint8Array(32).fill(0x5a);
export const CONDITION = conditionOf(FULFILLMENT);

export type SeedPacket =
  | { readonly kind: 'prepare' | 'ildcp'; readonly packet: IlpPrepare; readonly bytes: Uint8Array; readonly layout: Layout }
  | { readonly kind: 'fulfill'; readonly packet: IlpFulfill; readonly bytes: Uint8Array; readonly layout: Layout }
  | { readonly kind: 'reject'; readonly packet: IlpReject; readonly bytes: Uint8Array; readonly layout: Layout };

/** Where things are in a canonical packet: length prefixes (offset, size) and fixed fields (offset, length). */
export interface Layout {
  readonly prefixes: readonly { readonly field: string; readonly at: number; readonly size: number }[];
  readonly fixed: readonly { readonly field: string; readonly at: number; readonly length: number }[];
}

/** Destinations by what the reference does with them; `{n}` becomes a per-case number. */
const DESTINATIONS: readonly (readonly [number, string])[] = [
  [8, 'test.bob.fulfill.{n}'],
  [3, 'test.bob.reject.{n}'],
  [2, 'test.carol.{n}'], // other scale: amounts convert, small ones round to zero (R01)
  [2, 'test.dave.{n}'], // async peer: 202, then a callback
  [2, 'test.erin.{n}'], // other asset
  [1, 'test.paul.{n}'], // parent
  [1, 'test.alice.{n}'], // straight back to the sender
  [1, 'test.sut.amy.{n}'], // async child under our address
  [1, 'test.sut.lena.{n}'],
  [1, 'test.lp.deep.{n}'],
  [1, 'test.case.X.{n}'],
  [1, 'test.nowhere.{n}'], // no route: F02
  [1, 'g.live.{n}'], // the live network from a test network: F02
  [1, 'peer.route.control'], // a peer service we do not offer
  [1, 'test.sut'],
  [1, 'private.local.{n}'],
];

const EXPIRY_OFFSETS_MS: readonly (readonly [number, number])[] = [
  [10, 30_000],
  [4, 3_000],
  [1, 600], // just above the 400 ms message window
  [1, 100], // inside the window: R02
  [1, -1_000], // already expired: R02
  [1, 10 * 365 * 86_400_000], // far future: held at most maxHoldTimeMs
];

/** A random seed of a random kind (or of `kind`); `n` makes destinations unique per case. */
export function seedPacket(rng: Random, now: number, n: number, only?: SeedPacket['kind']): SeedPacket {
  const kind = only ?? rng.weighted<SeedPacket['kind']>([[64, 'prepare'], [10, 'ildcp'], [13, 'fulfill'], [13, 'reject']]);
  const expiresAt = new Date(now + rng.weighted(EXPIRY_OFFSETS_MS.map(([w, ms]) => [w, ms] as const)));
  if (kind === 'ildcp') {
    const packet = buildIldcpRequest(expiresAt);
    return { kind, packet, bytes: encodePrepare(packet), layout: prepareLayout(packet) };
  }
  if (kind === 'prepare') {
    const packet: IlpPrepare = {
      type: 12,
      amount: anAmount(rng),
      expiresAt,
      executionCondition: rng.chance(0.85) ? CONDITION : rng.bytes(32),
      destination: rng.weighted(DESTINATIONS).replace('{n}', String(n)),
      data: someData(rng),
    };
    return { kind, packet, bytes: encodePrepare(packet), layout: prepareLayout(packet) };
  }
  if (kind === 'fulfill') {
    const packet: IlpFulfill = { type: 13, fulfillment: rng.chance(0.5) ? FULFILLMENT : rng.bytes(FULFILLMENT_LENGTH), data: someData(rng) };
    const bytes = encodeFulfill(packet);
    const at = contentsStart(bytes);
    return { kind, packet, bytes, layout: { prefixes: [envelope(bytes), prefixAt('data', bytes, at + 32)], fixed: [{ field: 'fulfillment', at, length: 32 }] } };
  }
  const packet: IlpReject = {
    type: 14,
    code: rng.pick(['F00', 'F01', 'F02', 'F08', 'F99', 'T00', 'T04', 'R00', 'R02']),
    triggeredBy: rng.pick(['test.bob', 'test.sut', 'g.x.y']),
    message: rng.pick(['', 'no', 'über schön', 'x'.repeat(300)]),
    data: someData(rng),
  };
  const bytes = encodeReject(packet);
  const at = contentsStart(bytes);
  const triggeredBy = prefixAt('triggeredBy', bytes, at + 3);
  const message = prefixAt('message', bytes, after(triggeredBy, packet.triggeredBy.length));
  const data = prefixAt('data', bytes, after(message, Buffer.byteLength(packet.message)));
  return { kind, packet, bytes, layout: { prefixes: [envelope(bytes), triggeredBy, message, data], fixed: [{ field: 'code', at, length: 3 }] } };
}

function anAmount(rng: Random): bigint {
  return rng.weighted<() => bigint>([
    [10, () => BigInt(rng.between(1, 1_000_000))],
    [2, () => 0n],
    [2, () => BigInt(rng.between(1, 999))], // rounds to zero on the way to carol (scale 6): R01
    [1, () => 1_000_000_000n], // alice's maximum packet amount
    [1, () => 1_000_000_001n], // one above: F08
    [1, () => 0xffff_ffff_ffff_ffffn],
    [1, () => rng.uint64()],
  ])();
}

function someData(rng: Random): Uint8Array {
  const length = rng.weighted<() => number>([
    [10, () => 0],
    [20, () => rng.between(1, 64)],
    [4, () => rng.between(65, 2048)],
    [1, () => 32_767],
  ])();
  return rng.bytes(length);
}

function prepareLayout(packet: IlpPrepare): Layout {
  const bytes = encodePrepare(packet);
  const at = contentsStart(bytes);
  const destination = prefixAt('destination', bytes, at + 57);
  const data = prefixAt('data', bytes, after(destination, packet.destination.length));
  return {
    prefixes: [envelope(bytes), destination, data],
    fixed: [{ field: 'amount', at, length: 8 }, { field: 'expiresAt', at: at + 8, length: 17 }, { field: 'executionCondition', at: at + 25, length: 32 }],
  };
}

/** Size of the canonical length prefix starting at `at`. */
function prefixSize(bytes: Uint8Array, at: number): number {
  const first = bytes[at]!;
  return first < 0x80 ? 1 : 1 + (first & 0x7f);
}

function prefixAt(field: string, bytes: Uint8Array, at: number) {
  return { field, at, size: prefixSize(bytes, at) };
}

function envelope(bytes: Uint8Array) {
  return prefixAt('envelope', bytes, 1);
}

function contentsStart(bytes: Uint8Array): number {
  return 1 + prefixSize(bytes, 1);
}

function after(prefix: { at: number; size: number }, length: number): number {
  return prefix.at + prefix.size + length;
}
