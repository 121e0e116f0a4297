/**
 * Wire evidence in Mojaloop terms: each FSPIOP message in the scenario's transcript with its method, path,
 * headers (FSPIOP-Signature, Authorization and FSPIOP-Encryption masked), body (in the ISO 20022 mode the
 * ISO body as sent or received, `wireBody`, beside its decoded v1.1 view, or why it did not decode), the ILP packet it carries
 * decoded (version, amount, address, expiry and executionCondition for ILPv4), the Transaction object in the
 * packet's data, and, as notes, the hashes the harness computed.
 */
import { readIlpPacketField, transactionOf } from '../../contracts/fspiop';
import type { Transcript } from '../evidence/transcript';
import { maskedHeaders, type FspiopMessage } from './fspiop-message';

/** `where`: for a captured message, its place in the file ("line 4"), shown in its label. */
export function recordFspiop(transcript: Transcript, message: FspiopMessage, direction: 'sent' | 'received', where?: string): void {
  const body = message.body as Record<string, unknown> | undefined;
  const decoded: Record<string, unknown> = {
    resource: message.resource ?? 'not an FSPIOP resource',
    ...(message.wire !== undefined ? { wireBody: message.wire } : {}),
    ...(message.decodeProblem ? { decodeProblem: message.decodeProblem } : {}),
    body: body ?? (message.decodeProblem ? '(not decoded)' : message.rawBody.slice(0, 2000)),
  };
  let bytes: Uint8Array | undefined;
  if (body && typeof body.ilpPacket === 'string') {
    try {
      const p = readIlpPacketField(body.ilpPacket);
      bytes = p.bytes;
      decoded.ilpPacketDecoded = {
        version: p.version, amount: p.amount.toString(), address: p.address,
        ...(p.expiresAt ? { expiresAt: p.expiresAt.toISOString() } : {}),
        ...(p.executionCondition ? { executionCondition: Buffer.from(p.executionCondition).toString('base64url') } : {}),
      };
      try {
        decoded.transaction = transactionOf(p.data).transaction;
      } catch (e) {
        decoded.transaction = `not readable: ${(e as Error).message}`;
      }
    } catch (e) {
      decoded.ilpPacketDecoded = `not readable: ${(e as Error).message}`;
    }
  }
  transcript.record({
    direction, channel: message.origin === 'harness' ? 'participant' : message.origin === 'captured' ? 'capture' : 'switch', label: `${message.method} ${message.path}${where ? ` (${where})` : ''}`,
    headers: maskedHeaders(message.headers), decoded, ...(bytes ? { bytes } : {}),
  });
}

export function recordHashes(transcript: Transcript, hashes: Readonly<Record<string, string>>): void {
  transcript.note('hashes computed', hashes);
}
