/**
 * The receiver's rules through its pipeline, in process: boundary triples for the minimum amount and the stream
 * data limit, the share split, F06 for data under another key, and that a probe over the receive maximum keeps
 * the connection while a payment over it closes it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeStreamPacket, decryptStreamData, encodeStreamPacket, encryptStreamData, frame, PacketType, streamCondition, streamErrorName,
  streamKeys, type IlpReply, type StreamFrame, type StreamPacket,
} from '../../lib/codec';
import { ConnectionDirectory } from './directory';
import { NO_RECEIVER_FAULTS } from './faults';
import { DEFAULT_LIMITS } from './limits';
import { createReceiverPipeline } from './pipeline';
import { ConnectionSecrets } from './secrets';

function receiver() {
  const secrets = new ConnectionSecrets('test.r');
  const pipeline = createReceiverPipeline(new ConnectionDirectory(secrets, DEFAULT_LIMITS), 'test.r');
  const ticket = secrets.issue();
  const keys = streamKeys(ticket.sharedSecret);
  let sequence = 1n;
  const send = (amount: bigint, frames: StreamFrame[], o: { minimum?: bigint; probe?: boolean; key?: typeof keys } = {}): { reply: IlpReply; stream?: StreamPacket } => {
    const data = encryptStreamData(o.key ?? keys, encodeStreamPacket({ sequence: sequence++, ilpPacketType: 12, prepareAmount: o.minimum ?? 0n, frames }));
    const reply = pipeline({
      prepare: { type: PacketType.Prepare, amount, expiresAt: new Date(Date.now() + 5000), executionCondition: o.probe ? Buffer.alloc(32, 1) : streamCondition(keys, data), destination: ticket.destinationAccount, data },
      faults: NO_RECEIVER_FAULTS, assetCode: 'XRP', assetScale: 9, credits: new Map(), touched: new Set(), replyFrames: [],
    });
    return { reply, ...(reply.data.length ? { stream: decodeStreamPacket(decryptStreamData(keys, reply.data)) } : {}) };
  };
  return { send };
}

const money = (id: bigint, shares = 1n) => frame({ name: 'StreamMoney', streamId: id, shares });
const closeOf = (s?: StreamPacket) => s?.frames.flatMap((f) => (f.name === 'ConnectionClose' ? [streamErrorName(f.errorCode)] : []))[0];

describe('reference receiver pipeline', () => {
  it('minimum amount: 99 of 100 refused with the reply, 100 and 101 fulfilled', () => {
    const r = receiver();
    const below = r.send(99n, [money(1n)], { minimum: 100n });
    assert.equal(below.reply.type, PacketType.Reject);
    assert.equal(below.stream?.prepareAmount, 99n);
    assert.equal(r.send(100n, [money(1n)], { minimum: 100n }).reply.type, PacketType.Fulfill);
    assert.equal(r.send(101n, [money(1n)], { minimum: 100n }).reply.type, PacketType.Fulfill);
  });

  it('stream data limit: 4095 and 4096 bytes accepted, 4097 closes with FlowControlError', () => {
    for (const [n, ok] of [[4095, true], [4096, true], [4097, false]] as const) {
      const out = receiver().send(0n, [frame({ name: 'StreamData', streamId: 1n, offset: 0n, data: new Uint8Array(n) })]);
      assert.equal(out.reply.type === PacketType.Fulfill, ok, `${n} bytes`);
      if (!ok) assert.equal(closeOf(out.stream), 'FlowControlError');
    }
  });

  it('splits 10 as 1:2 shares into 4 and 6, the remainder to the lowest stream', () => {
    const { stream } = receiver().send(10n, [money(3n, 2n), money(1n, 1n)]);
    const totals = Object.fromEntries(stream!.frames.flatMap((f) => (f.name === 'StreamMaxMoney' ? [[String(f.streamId), f.totalReceived]] : [])));
    assert.deepEqual(totals, { 1: 4n, 3: 6n });
  });

  it('answers data under another key with F06 and no data', () => {
    const out = receiver().send(5n, [money(1n)], { key: streamKeys(Buffer.alloc(32, 9)) });
    assert.ok(out.reply.type === PacketType.Reject && out.reply.code === 'F06' && out.reply.data.length === 0);
  });

  it('keeps the connection on a probe over the receive maximum, closes it on a payment over it', () => {
    const r = receiver();
    const probe = r.send(DEFAULT_LIMITS.streamReceiveMax + 1n, [money(1n)], { probe: true });
    assert.equal(probe.reply.type, PacketType.Reject);
    assert.equal(closeOf(probe.stream), undefined);
    assert.equal(r.send(DEFAULT_LIMITS.streamReceiveMax, [money(1n)]).reply.type, PacketType.Fulfill);
    assert.equal(closeOf(r.send(1n, [money(1n)]).stream), 'FlowControlError');
    assert.equal(closeOf(r.send(1n, [money(1n)]).stream), 'FlowControlError', 'a closed connection stays closed');
  });
});
