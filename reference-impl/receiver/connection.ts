/**
 * What the receiver remembers about one STREAM connection: its streams (money received, data by offset),
 * the limits it advertised, the sender's asset details, and whether it is closed. Limits never shrink:
 * they are fixed at creation (RFC 29 §4.4.4, STREAM-014). Its keys are kept with it.
 */
import type { StreamKeys } from '../../lib/codec';
import type { ReceiverLimits } from './limits';

export interface StreamState {
  readonly id: bigint;
  totalReceived: bigint;
  /** Data segments by offset (RFC 29 §5.3.11). */
  readonly segments: Map<bigint, Uint8Array>;
  /** One past the highest data byte received. */
  dataEnd: bigint;
  /** The sender closed it (StreamClose). */
  closedBySender: boolean;
}

export class ConnectionState {
  readonly streams = new Map<bigint, StreamState>();
  /** Set once the sender states its asset; a later contradiction closes the connection. */
  senderAsset?: { readonly code: string; readonly scale: number };
  closed?: { readonly errorCode: number; readonly message: string };
  /** Total data bytes received across streams (connection-level flow control). */
  dataReceived = 0n;
  repliesSent = 0;
  /** Only with the fault reuse-reply-iv. */
  fixedIv?: Buffer;

  /** Its STREAM keys, derived once from the shared secret (directory.ts). */
  constructor(readonly limits: ReceiverLimits, readonly keys: StreamKeys) {}

  stream(id: bigint): StreamState | undefined {
    return this.streams.get(id);
  }

  open(id: bigint): StreamState {
    const state: StreamState = { id, totalReceived: 0n, segments: new Map(), dataEnd: 0n, closedBySender: false };
    this.streams.set(id, state);
    return state;
  }

  /** Stream bytes 0..n contiguous from offset 0, for the application. */
  assembled(id: bigint): Buffer {
    const s = this.streams.get(id);
    if (!s) return Buffer.alloc(0);
    const parts: Uint8Array[] = [];
    let at = 0n;
    for (;;) {
      const next = s.segments.get(at);
      if (!next) break;
      parts.push(next);
      at += BigInt(next.length);
    }
    return Buffer.concat(parts);
  }
}
