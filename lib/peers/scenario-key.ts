/**
 * Every scenario gets a key of its own, and every destination it sends to carries that key as one
 * address segment (`test.bob.k3v9x0m2q7ah.p1`). The harness peers find the scenario that scripted a
 * forwarded Prepare by that segment, so scenarios running at the same time never answer each other's
 * packets, and a connector's duplicate-packet cache never sees the same destination twice.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `k` + 12 random lower-case letters and digits: a valid address segment, about 62 bits of randomness. */
export function newScenarioKey(): string {
  const bytes = randomBytes(12);
  let key = 'k';
  for (const byte of bytes) key += ALPHABET[byte % ALPHABET.length];
  return key;
}

export function isScenarioKey(text: string): boolean {
  return /^k[a-z0-9]{12}$/.test(text);
}

/**
 * The scenario key a forwarded Prepare carries: first an address segment of the destination that is a
 * known key, then (for packets whose destination a scenario cannot choose, such as `peer.config`) a known
 * key written into the data.
 */
export function findScenarioKey(destination: string, data: Uint8Array, isKnown: (key: string) => boolean): string | undefined {
  for (const segment of destination.split('.')) {
    if (isScenarioKey(segment) && isKnown(segment)) return segment;
  }
  if (data.length >= 13) {
    const text = Buffer.from(data).toString('latin1');
    for (const match of text.matchAll(/k[a-z0-9]{12}/g)) {
      if (isKnown(match[0])) return match[0];
    }
  }
  return undefined;
}
