/**
 * The encrypted STREAM reply in every Fulfill and in every Reject the receiver can address (RFC 29 §5.2):
 * the Prepare's sequence (STREAM-006), the amount that arrived (STREAM-007), and frames: the receiver's
 * asset details (STREAM-018, the same every time, STREAM-017), StreamMaxMoney and StreamMaxData for each
 * stream the Prepare touched (limits fixed per connection, STREAM-014), ConnectionMaxData, and a
 * ConnectionClose when the connection closed. Does not: decide Fulfill or Reject (pipeline.ts).
 */
import { randomBytes } from 'node:crypto';
import { encodeStreamPacket, encryptStreamData, frame, type StreamFrame } from '../../lib/codec';
import type { ConnectionState } from './connection';
import type { PrepareContext } from './context';
import { freshIv } from './iv';

/** The connection-level frames of every reply, the same for each reply of a connection (built once). */
const connectionFrames = new WeakMap<ConnectionState, readonly StreamFrame[]>();

function connectionLevel(ctx: PrepareContext): readonly StreamFrame[] {
  const connection = ctx.connection!;
  const known = connectionFrames.get(connection);
  if (known) return known;
  const frames: StreamFrame[] = [];
  // FAULT asset-scale-drifts
  const drifts = ctx.faults.has('asset-scale-drifts');
  const scale = drifts && connection.repliesSent > 0 ? (ctx.assetScale + 1) % 256 : ctx.assetScale;
  // FAULT no-asset-details
  if (!ctx.faults.has('no-asset-details')) frames.push(frame({ name: 'ConnectionAssetDetails', sourceAssetCode: ctx.assetCode, sourceAssetScale: scale }));
  frames.push(frame({ name: 'ConnectionMaxData', maxOffset: connection.limits.connectionMaxData }));
  if (!drifts) connectionFrames.set(connection, frames);
  return frames;
}

export function replyFrames(ctx: PrepareContext, close?: { errorCode: number; message: string }): StreamFrame[] {
  const connection = ctx.connection!;
  const frames: StreamFrame[] = [];
  if (close) frames.push(frame({ name: 'ConnectionClose', errorCode: close.errorCode, errorMessage: close.message.slice(0, 200) }));
  frames.push(...connectionLevel(ctx));
  for (const id of [...ctx.touched].sort((a, b) => (a < b ? -1 : 1))) {
    const stream = connection.stream(id);
    if (!stream) continue;
    const receiveMax = connection.limits.streamReceiveMax;
    // FAULT advertise-remaining-money
    const advertised = ctx.faults.has('advertise-remaining-money') ? receiveMax - stream.totalReceived : receiveMax;
    frames.push(frame({ name: 'StreamMaxMoney', streamId: id, receiveMax: advertised, totalReceived: stream.totalReceived }));
    frames.push(frame({ name: 'StreamMaxData', streamId: id, maxOffset: connection.limits.streamMaxData }));
  }
  if (ctx.replyFrames.length > 0) frames.push(...ctx.replyFrames);
  return frames;
}

/** The reply's encrypted bytes for ILP packet type 13 (Fulfill) or 14 (Reject). */
export function encryptedReply(ctx: PrepareContext, ilpPacketType: 13 | 14, frames: StreamFrame[]): Buffer {
  const packet = ctx.packet!;
  // FAULT reply-sequence-off-by-one
  const sequence = ctx.faults.has('reply-sequence-off-by-one') ? packet.sequence + 1n : packet.sequence;
  // FAULT reply-amount-zero
  const prepareAmount = ctx.faults.has('reply-amount-zero') ? 0n : ctx.prepare.amount;
  const connection = ctx.connection!;
  connection.repliesSent++;
  // FAULT reuse-reply-iv
  const iv = ctx.faults.has('reuse-reply-iv') ? (connection.fixedIv ??= randomBytes(12)) : freshIv();
  // FAULT reply-under-fulfillment-key
  const keys = ctx.faults.has('reply-under-fulfillment-key') ? { ...ctx.keys!, encryptionKey: ctx.keys!.fulfillmentKey } : ctx.keys!;
  return encryptStreamData(keys, encodeStreamPacket({ sequence, ilpPacketType, prepareAmount, frames }), iv);
}
