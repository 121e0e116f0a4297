/**
 * Fresh 12-byte IVs for the replies (RFC 29 §5.1, STREAM-003: a random IV per packet), cut from a pool that
 * node:crypto refills with random bytes when it runs out: one call into the CSPRNG per 512 replies instead of
 * one per reply. Each IV is used once, and only until the reply is encrypted (the cipher output copies it).
 */
import { randomFillSync } from 'node:crypto';

const IV_LENGTH = 12;
const pool = Buffer.allocUnsafe(IV_LENGTH * 512);
let next = pool.length;

export function freshIv(): Buffer {
  if (next === pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const iv = pool.subarray(next, next + IV_LENGTH);
  next += IV_LENGTH;
  return iv;
}
