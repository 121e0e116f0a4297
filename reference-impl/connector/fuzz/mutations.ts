/**
 * The mutations the fuzzer applies to valid seed packets. Two families:
 *  - structured ones rebuild the packet from the seed's fields through the codec's forge (lib/codec/forge.ts),
 *    so one field is wrong and the rest stays consistent (timestamps, addresses, data lengths, trailing bytes,
 *    non-canonical and indefinite lengths, fulfillment sizes, raw codes and messages);
 *  - byte-level ones work on any bytes (bit flips, inserts, deletes, truncation, type byte, length prefixes,
 *    including long forms that announce lengths no buffer can have).
 * Each returns the new bytes and a short label for the failure message.
 */
import { encodeIlpTimestamp, forgeFulfill, forgePrepare, forgeReject, lengthPrefix } from '../../../lib/codec';
import type { AnyFlaw, FulfillFlaw, PrepareFlaw, RejectFlaw } from '../../../lib/codec';
import type { SeedPacket } from './packet-seeds';
import type { Random } from './random';

export interface Mutated {
  readonly bytes: Uint8Array;
  readonly label: string;
}

// ------------------------------------------------------------------------------------------ byte-level

export function flipBits(rng: Random, bytes: Uint8Array): Mutated {
  if (bytes.length === 0) return { bytes, label: 'bit-flip (empty)' };
  const out = Uint8Array.from(bytes);
  const count = rng.weighted([[6, 1], [3, 2], [1, rng.between(3, 8)]] as const);
  for (let i = 0; i < count; i++) out[rng.below(out.length)]! ^= 1 << rng.below(8);
  return { bytes: out, label: `bit-flip x${count}` };
}

export function insertBytes(rng: Random, bytes: Uint8Array): Mutated {
  const at = rng.below(bytes.length + 1);
  const inserted = rng.chance(0.5) ? Uint8Array.of(rng.pick([0x00, 0x7f, 0x80, 0x81, 0xff, 0x0c])) : rng.bytes(rng.between(1, 16));
  return { bytes: concat(bytes.subarray(0, at), inserted, bytes.subarray(at)), label: `insert ${inserted.length} at ${at}` };
}

export function deleteBytes(rng: Random, bytes: Uint8Array): Mutated {
  if (bytes.length === 0) return { bytes, label: 'delete (empty)' };
  const at = rng.below(bytes.length);
  const count = Math.min(bytes.length - at, rng.between(1, 16));
  return { bytes: concat(bytes.subarray(0, at), bytes.subarray(at + count)), label: `delete ${count} at ${at}` };
}

export function truncate(rng: Random, bytes: Uint8Array): Mutated {
  const keep = rng.below(bytes.length);
  return { bytes: bytes.slice(0, keep), label: `truncate to ${keep}` };
}

export function changeTypeByte(rng: Random, bytes: Uint8Array): Mutated {
  const out = bytes.length > 0 ? Uint8Array.from(bytes) : new Uint8Array(1);
  out[0] = rng.chance(0.7) ? rng.pick([0, 1, 11, 12, 13, 14, 15, 0x8c, 0xff]) : rng.below(256);
  return { bytes: out, label: `type byte ${out[0]}` };
}

export function appendGarbage(rng: Random, bytes: Uint8Array): Mutated {
  const garbage = rng.bytes(rng.weighted([[4, rng.between(1, 8)], [1, rng.between(9, 2048)]] as const));
  return { bytes: concat(bytes, garbage), label: `trailing ${garbage.length} after` };
}

/** Length prefixes no sane buffer matches, and the OER forms strict decoding refuses. */
const HOSTILE_PREFIXES: readonly (readonly number[])[] = [
  [0x80], // indefinite
  [0xff], // 127 length bytes follow
  [0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0], // length-of-length 9
  [0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // 2^64 - 1
  [0x88, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  [0x88, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01], // 2^53 + 1
  [0x88, 0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // 2^53 - 1
  [0x84, 0xff, 0xff, 0xff, 0xff],
  [0x84, 0x7f, 0xff, 0xff, 0xff],
  [0x83, 0x01, 0x00, 0x00],
  [0x82], // long form cut short
  [0x81, 0x00], // zero in long form
];

/** Replaces one length prefix (envelope, or a variable field's) with a wrong or hostile one. */
export function corruptLengthPrefix(rng: Random, seed: SeedPacket, bytes: Uint8Array): Mutated {
  const prefix = rng.pick(seed.layout.prefixes);
  if (prefix.at + prefix.size > bytes.length) return truncate(rng, bytes);
  const current = readPrefix(bytes, prefix.at, prefix.size);
  const replacement = rng.weighted<() => Uint8Array>([
    [3, () => lengthPrefix(Math.max(0, current + rng.pick([-1, 1, 2, -2, 128, 1000, 65_536, -current]))) ],
    [2, () => lengthPrefix(current, true)],
    [4, () => Uint8Array.from(rng.pick(HOSTILE_PREFIXES))],
    [1, () => Uint8Array.of(rng.below(256))],
  ])();
  const out = concat(bytes.subarray(0, prefix.at), replacement, bytes.subarray(prefix.at + prefix.size));
  return { bytes: out, label: `length prefix of ${prefix.field} (${current}) -> ${Buffer.from(replacement).toString('hex')}` };
}

function readPrefix(bytes: Uint8Array, at: number, size: number): number {
  if (size === 1) return bytes[at]!;
  let value = 0;
  for (let i = 1; i < size; i++) value = value * 256 + bytes[at + i]!;
  return value;
}

// ------------------------------------------------------------------------------------------ structured

/** Rebuilds the seed with `flaw` through the forge matching its kind. */
export function forge(seed: SeedPacket, flaw: AnyFlaw | readonly AnyFlaw[]): Uint8Array {
  switch (seed.kind) {
    case 'prepare':
    case 'ildcp': return forgePrepare(seed.packet, flaw as PrepareFlaw);
    case 'fulfill': return forgeFulfill(seed.packet, flaw as FulfillFlaw);
    case 'reject': return forgeReject(seed.packet, flaw as RejectFlaw);
  }
}

/** An invalid or borderline expiresAt: a bad digit, an impossible date or time, or the wrong length. */
export function corruptTimestamp(rng: Random, seed: SeedPacket & { kind: 'prepare' | 'ildcp' }): Mutated {
  const valid = encodeIlpTimestamp(seed.packet.expiresAt);
  const splice = (from: number, text: string) => valid.slice(0, from) + text + valid.slice(from + text.length);
  const text = rng.weighted<() => string>([
    [4, () => splice(rng.below(17), rng.pick(['a', ' ', '/', ':', '-', 'Z', '\u0000', '\u00ff', '+']))],
    [1, () => splice(4, '13')], // month 13
    [1, () => splice(4, '00')],
    [1, () => splice(6, '32')], // day 32
    [1, () => splice(6, '00')],
    [1, () => splice(4, '0230')], // 30 February
    [1, () => '20230229120000000'], // 29 February of a common year
    [1, () => '20240229120000000'], // ... and of a leap year: valid (and long expired)
    [1, () => splice(8, '24')], // hour 24
    [1, () => splice(10, '60')], // minute 60
    [1, () => splice(12, '60')], // second 60 (no leap seconds in ILP timestamps)
    [1, () => '00000000000000000'],
    [1, () => '99991231235959999'], // far future, valid
    [1, () => '99999999999999999'],
    [1, () => valid.slice(0, rng.below(17))], // too short
    [1, () => valid + rng.pick(['0', 'Z', '000'])], // too long
    [1, () => `${valid.slice(0, 14)}.${valid.slice(14)}Z`], // GeneralizedTime shape
    [1, () => new Date(seed.packet.expiresAt).toISOString().slice(0, 17)],
  ])();
  return { bytes: forge(seed, { kind: 'raw-expires-at', text: Buffer.from(text, 'latin1') }), label: `expiresAt ${JSON.stringify(text)}` };
}

/** A destination (Prepare) or triggeredBy (Reject) that breaks RFC 15, or sits right at its limits. */
export function corruptAddress(rng: Random, seed: SeedPacket & { kind: 'prepare' | 'ildcp' | 'reject' }): Mutated {
  const original = seed.kind === 'reject' ? seed.packet.triggeredBy : seed.packet.destination;
  const text = rng.weighted<() => Uint8Array>([
    [4, () => { // one character of the real address replaced by any byte
      const b = Buffer.from(original, 'latin1');
      b[rng.below(b.length)] = rng.below(256);
      return b;
    }],
    [1, () => latin1('')],
    [1, () => latin1(rng.pick(['g', 'test', 'test.', '.test.bob', 'test..bob', 'TEST.bob', 'Test.bob.x', 'test.bob ', ' test.bob', 'test.bob.!', 'test.bob.~-_']))],
    [1, () => latin1(rng.pick(['peer.config', 'peer.config.x', 'peer.', 'peer.route.update', 'self.x', 'test1.x', 'g.bob', 'test.sut.alice.x']))],
    [1, () => latin1(`test.${'a'.repeat(rng.pick([1018, 1019, 1020, 5000]))}`)], // 1023 is the longest valid
    [1, () => Buffer.from(`test.b\u00f6b.\u{1f600}`, 'utf8')],
    [1, () => latin1(`test.bob${rng.pick(['\u0000', '\n', '\t', '\u007f', '%20', '/'])}x`)],
    [1, () => rng.bytes(rng.between(1, 40))],
  ])();
  const label = `${seed.kind === 'reject' ? 'triggeredBy' : 'destination'} ${JSON.stringify(Buffer.from(text).toString('latin1').slice(0, 40))} (${text.length} bytes)`;
  const bytes = seed.kind === 'reject' ? forge(seed, { kind: 'raw-triggered-by', text }) : forge(seed, { kind: 'raw-destination', text });
  return { bytes, label };
}

export function dataLengthExtreme(rng: Random, seed: SeedPacket): Mutated {
  const length = rng.weighted([[3, rng.pick([0, 1, 127, 128, 255, 256, 16_384])], [3, rng.pick([32_766, 32_767])], [3, 32_768], [1, rng.pick([40_000, 65_535])]] as const);
  return { bytes: forge(seed, { kind: 'data-length', length }), label: `data of ${length} bytes` };
}

export function trailingBytes(rng: Random, seed: SeedPacket): Mutated {
  const inside = rng.chance(0.5);
  const bytes = rng.bytes(rng.weighted([[5, rng.between(1, 8)], [1, rng.between(9, 4096)]] as const));
  return { bytes: forge(seed, { kind: 'trailing-bytes', bytes, inside }), label: `trailing ${bytes.length} ${inside ? 'inside' : 'after'} the envelope` };
}

/** The forge's other flaws: non-canonical and indefinite lengths, wrong fixed sizes, raw codes and messages. */
export function structuredFlaw(rng: Random, seed: SeedPacket): Mutated {
  const flaws: AnyFlaw[] = [{ kind: 'indefinite-length' }, { kind: 'non-canonical-length', where: 'envelope' }, { kind: 'non-canonical-length', where: 'data' }];
  if (seed.kind === 'prepare' || seed.kind === 'ildcp') flaws.push({ kind: 'non-canonical-length', where: 'destination' });
  if (seed.kind === 'fulfill') for (const length of [0, 31, 33, 64]) flaws.push({ kind: 'fulfillment-length', length });
  if (seed.kind === 'reject') {
    flaws.push({ kind: 'non-canonical-length', where: 'triggeredBy' }, { kind: 'non-canonical-length', where: 'message' });
    for (const bytes of [[0x46, 0x30, 0xff], [0x46, 0x30], [0x46, 0x30, 0x31, 0x31], [0x66, 0x30, 0x31], [0, 0, 0]]) flaws.push({ kind: 'raw-code', bytes: Uint8Array.from(bytes) });
    for (const bytes of [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98]]) flaws.push({ kind: 'message-bytes', bytes: Uint8Array.from(bytes) });
    for (const length of [8191, 8192, 20_000]) flaws.push({ kind: 'message-length', length });
  }
  const flaw = rng.pick(flaws);
  return { bytes: forge(seed, flaw), label: `forge ${JSON.stringify(flaw, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}` };
}

export function randomBytes(rng: Random): Mutated {
  const length = rng.weighted<() => number>([
    [4, () => rng.between(0, 16)],
    [3, () => rng.between(17, 256)],
    [2, () => rng.between(257, 4096)],
    [1, () => rng.between(4097, 40_000)],
  ])();
  const bytes = rng.bytes(length);
  // Half of them look like a packet for their first two bytes, so they get past the type check.
  if (length > 0 && rng.chance(0.5)) bytes[0] = rng.pick([12, 13, 14]);
  if (length > 2 && rng.chance(0.5)) bytes[1] = Math.min(length - 2, 127);
  return { bytes, label: `random ${length} bytes` };
}

function latin1(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
