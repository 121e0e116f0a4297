/** Checks of ILP-over-HTTP request headers: bearer tokens (RFC 35 Authentication, HTTP-002) and Request-Id. */
import { timingSafeEqual } from 'node:crypto';

/** True when the Authorization header is `Bearer <expected>` (scheme case-insensitive). */
export function hasBearerToken(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const match = /^bearer[ \t]+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const presented = Buffer.from(match[1]!);
  const wanted = Buffer.from(expected);
  return presented.length === wanted.length && timingSafeEqual(presented, wanted);
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** RFC 35 Request-Id: a UUIDv4 (HTTP-007). */
export function isUuidV4(value: string | undefined): value is string {
  return value !== undefined && UUID_V4.test(value);
}
