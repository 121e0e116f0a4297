/**
 * The harness as a STREAM sender (RFC 29) and as the receiver's upstream connector: it builds a STREAM
 * packet, encrypts it with the connection's key, wraps it in an ILP Prepare whose condition is fulfillable
 * (RFC 29 §6.2) or random (a probe, §6.1), posts it over ILP over HTTP, and decrypts the STREAM reply.
 * Deliberately wrong packets are options (data under another key, a STREAM packet naming another ILP type,
 * junk, explicit bytes). Every exchange goes to the transcript: the ILP packet, the STREAM packet sent,
 * the reply and its decrypted STREAM packet with frames. Never throws on a Reject or a broken reply.
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import {
  decodeReply, decodeStreamPacket, decryptStreamData, encodePrepare, encodeStreamPacket, encryptStreamData, PacketType,
  streamCondition, streamKeys, type IlpPrepare, type StreamFrame, type StreamKeys, type StreamPacket,
} from '../codec';
import type { Transcript } from '../evidence/transcript';
import type { Outcome } from '../targets/outcome';
import { OCTET_STREAM, postBytes } from './http-wire';

export interface StreamSendOptions {
  readonly amount: bigint;
  readonly frames?: readonly StreamFrame[];
  /** The least the receiver should accept (the STREAM packet's prepareAmount); default 0. */
  readonly minimum?: bigint;
  /** 'random' = an unfulfillable probe. Default 'fulfillable'. */
  readonly condition?: 'fulfillable' | 'random';
  /** Encrypt under another secret (the receiver cannot decrypt it). */
  readonly wrongKey?: boolean;
  /** The ILP packet type the STREAM packet claims; default 12. */
  readonly claimedType?: 12 | 13 | 14;
  /** Zero bytes after the frames (junk the receiver must ignore). */
  readonly junk?: number;
  /** Send these bytes as the Prepare's data instead of an encrypted STREAM packet. */
  readonly rawData?: Uint8Array;
}

export interface StreamExchange {
  readonly prepare: IlpPrepare;
  readonly sent?: StreamPacket;
  readonly outcome: Outcome;
  /** The decrypted STREAM packet of the Fulfill's or Reject's data. */
  readonly reply?: StreamPacket;
  /** Why there is no `reply` although the answer carried data (or carried none). */
  readonly replyProblem?: string;
}

export interface StreamClientOptions {
  readonly ilpUrl: string;
  readonly ilpToken: string;
  readonly destination: string;
  readonly sharedSecret: Uint8Array;
  readonly transcript: Transcript;
  readonly waitMs: number;
  readonly expiryMs?: number;
  readonly agent?: http.Agent;
}

export class StreamClient {
  readonly keys: StreamKeys;
  private sequence = 1n;
  readonly exchanges: StreamExchange[] = [];

  constructor(private readonly opts: StreamClientOptions) {
    this.keys = streamKeys(opts.sharedSecret);
    opts.transcript.addSecret(opts.ilpToken);
  }

  get destination(): string {
    return this.opts.destination;
  }

  async send(o: StreamSendOptions): Promise<StreamExchange> {
    const sent: StreamPacket | undefined = o.rawData ? undefined : { sequence: this.sequence++, ilpPacketType: o.claimedType ?? 12, prepareAmount: o.minimum ?? 0n, frames: o.frames ?? [] };
    const keys = o.wrongKey ? streamKeys(randomBytes(32)) : this.keys;
    const data = o.rawData ?? encryptStreamData(keys, encodeStreamPacket(sent!, { padding: o.junk ?? 0 }));
    const prepare: IlpPrepare = {
      type: PacketType.Prepare,
      amount: o.amount,
      expiresAt: new Date(Date.now() + (this.opts.expiryMs ?? 5_000)),
      executionCondition: o.condition === 'random' ? randomBytes(32) : streamCondition(this.keys, data),
      destination: this.opts.destination,
      data,
    };
    const t = this.opts.transcript;
    const bytes = encodePrepare(prepare);
    t.record({ direction: 'sent', channel: 'sut', label: 'ILP Prepare (STREAM)', bytes, decoded: { prepare, stream: sent ?? '(raw data)', condition: o.condition ?? 'fulfillable', ...(o.wrongKey ? { encryptedUnder: 'another secret' } : {}) }, expiresAt: prepare.expiresAt });
    const exchange = await this.post(prepare, bytes, sent);
    this.exchanges.push(exchange);
    return exchange;
  }

  private async post(prepare: IlpPrepare, bytes: Uint8Array, sent: StreamPacket | undefined): Promise<StreamExchange> {
    const t = this.opts.transcript;
    const http = await postBytes(this.opts.ilpUrl, { 'content-type': OCTET_STREAM, authorization: `Bearer ${this.opts.ilpToken}` }, bytes, this.opts.waitMs, this.opts.agent);
    const base = { prepare, ...(sent ? { sent } : {}) };
    if (!http.ok) {
      t.record({ direction: 'note', channel: 'sut', label: 'no ILP answer', decoded: { reason: http.reason } });
      const outcome: Outcome = http.timedOut ? { kind: 'timed-out', afterMs: http.elapsedMs } : { kind: 'transport-failure', reason: http.reason, elapsedMs: http.elapsedMs };
      return { ...base, outcome };
    }
    if (http.status !== 200) {
      t.record({ direction: 'received', channel: 'sut', label: `HTTP ${http.status}`, bytes: http.body, headers: http.headers });
      return { ...base, outcome: { kind: 'transport-failure', reason: `HTTP ${http.status} instead of 200 with an ILP reply`, httpStatus: http.status, raw: http.body, elapsedMs: http.elapsedMs } };
    }
    let reply;
    try {
      reply = decodeReply(http.body);
    } catch (error) {
      t.record({ direction: 'received', channel: 'sut', label: 'undecodable ILP reply', bytes: http.body, decoded: { error: (error as Error).message } });
      return { ...base, outcome: { kind: 'transport-failure', reason: `the 200 body is no ILP Fulfill or Reject: ${(error as Error).message}`, raw: http.body, elapsedMs: http.elapsedMs } };
    }
    const outcome: Outcome = reply.type === PacketType.Fulfill
      ? { kind: 'fulfilled', fulfill: reply, raw: http.body, elapsedMs: http.elapsedMs }
      : { kind: 'rejected', reject: reply, raw: http.body, elapsedMs: http.elapsedMs };
    const stream = this.readReply(reply.data);
    t.record({ direction: 'received', channel: 'sut', label: reply.type === PacketType.Fulfill ? 'ILP Fulfill (STREAM)' : 'ILP Reject (STREAM)', bytes: http.body, decoded: { reply, stream: stream.reply ?? stream.replyProblem } });
    return { ...base, outcome, ...stream };
  }

  private readReply(data: Uint8Array): { reply?: StreamPacket; replyProblem?: string } {
    if (data.length === 0) return { replyProblem: 'the reply carries no data (no STREAM packet)' };
    try {
      return { reply: decodeStreamPacket(decryptStreamData(this.keys, data), { mode: 'lenient' }) };
    } catch (error) {
      return { replyProblem: `the reply's data is no STREAM packet under this connection's key: ${(error as Error).message}` };
    }
  }
}

/** Whether a Fulfill's fulfillment hashes to the Prepare's condition (RFC 29 §6.3). */
export function fulfillmentMatches(exchange: StreamExchange): boolean {
  return exchange.outcome.kind === 'fulfilled' && createHash('sha256').update(exchange.outcome.fulfill.fulfillment).digest().equals(Buffer.from(exchange.prepare.executionCondition));
}
