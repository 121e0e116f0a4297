/**
 * The ILPv1 Errors (type 8, IL-RFC 3 Aug 2017) the connector makes up itself, and the one it relays: the
 * error of the rejected outgoing transfer, unchanged but for the connector's address appended to
 * `forwardedBy` (ERR-L01, ERR-L02). Names are the 2017 text's (ERR-L07); decisions rest on codes only.
 */
import { decodeIlpV1Outcome, LegacyPacketType, type IlpV1Error } from '../../lib/codec';
import type { Ilpv1ConnectorFault } from './faults';

const NAMES: Readonly<Record<string, string>> = {
  F01: 'Invalid Packet',
  F02: 'Unreachable',
  F99: 'Application Error',
  T00: 'Internal Error',
  T04: 'Insufficient Liquidity',
  R00: 'Transfer Timed Out',
  R01: 'Insufficient Source Amount',
  R02: 'Insufficient Timeout',
};

/** An error raised here: triggered by `by` now, forwarded by nobody yet; `detail` (UTF-8) as data. */
export function ownError(code: keyof typeof NAMES & string, by: string, detail: string): IlpV1Error {
  return { type: 8, code, name: NAMES[code] ?? 'Unknown', triggeredBy: by, forwardedBy: [], triggeredAt: new Date(), data: Buffer.from(detail.slice(0, 2000), 'utf8') };
}

/** The ILPv1 Error in a rejection message, if it holds one (read leniently: relaying is not judging). */
export function errorIn(message: Uint8Array | undefined): IlpV1Error | undefined {
  if (!message || message.length === 0) return undefined;
  try {
    const outcome = decodeIlpV1Outcome(message, { mode: 'lenient' }, [LegacyPacketType.Error]);
    return outcome.type === 8 ? outcome : undefined;
  } catch {
    return undefined;
  }
}

/** The error to hand back upstream for one that came from downstream. */
export function relayedError(error: IlpV1Error, self: string, faults: ReadonlySet<Ilpv1ConnectorFault>): IlpV1Error {
  // FAULT omits-forwarded-by: relay the list as it came.
  const forwardedBy = faults.has('omits-forwarded-by') ? error.forwardedBy : [...error.forwardedBy, self];
  // FAULT rewrites-error-code. FAULT restamps-error: triggeredAt becomes now.
  const code = faults.has('rewrites-error-code') ? 'T00' : error.code;
  const triggeredAt = faults.has('restamps-error') ? new Date() : error.triggeredAt;
  return { ...error, code, forwardedBy, triggeredAt };
}
