/**
 * Packets in the adapter protocol's JSON (lib/targets/codec-protocol.ts): amounts decimal strings, byte
 * fields lowercase hex, expiresAt ISO 8601 UTC with milliseconds. Conversion only, no checks: what an
 * adapter decoded is shown to the steps as it came (the schema has already checked its shape), and what
 * the harness asks an adapter to encode may be wrong on purpose (the encoder is expected to refuse it).
 */
import type { IlpPacket } from '../codec';
import type { PacketWire, PacketWord } from './codec-protocol';

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  return Buffer.from(hex, 'hex');
}

export const PACKET_WORD: Record<12 | 13 | 14, PacketWord> = { 12: 'prepare', 13: 'fulfill', 14: 'reject' };

export function packetToWire(packet: IlpPacket): PacketWire {
  switch (packet.type) {
    case 12:
      return {
        type: 'prepare',
        amount: String(packet.amount),
        expiresAt: isoOf(packet.expiresAt),
        executionCondition: toHex(packet.executionCondition),
        destination: packet.destination,
        data: toHex(packet.data),
      };
    case 13:
      return { type: 'fulfill', fulfillment: toHex(packet.fulfillment), data: toHex(packet.data) };
    case 14:
      return { type: 'reject', code: packet.code, triggeredBy: packet.triggeredBy, message: packet.message, data: toHex(packet.data) };
  }
}

export function packetFromWire(wire: PacketWire): IlpPacket {
  switch (wire.type) {
    case 'prepare':
      return {
        type: 12,
        amount: /^[0-9]+$/.test(wire.amount) ? BigInt(wire.amount) : -1n,
        expiresAt: new Date(wire.expiresAt),
        executionCondition: fromHex(wire.executionCondition),
        destination: wire.destination,
        data: fromHex(wire.data),
      };
    case 'fulfill':
      return { type: 13, fulfillment: fromHex(wire.fulfillment), data: fromHex(wire.data) };
    case 'reject':
      return { type: 14, code: wire.code, triggeredBy: wire.triggeredBy, message: wire.message, data: fromHex(wire.data) };
  }
}

/** An invalid Date travels as the text "invalid" (the encoder is expected to refuse it). */
export function isoOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString();
}
