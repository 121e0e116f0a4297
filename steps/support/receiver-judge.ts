/**
 * The receiver profile's checks, each through judge() with the requirement it judges (lib/judgement/judge.ts).
 * A failure prints the whole actual answer: the ILP outcome and the decrypted STREAM reply with its frames.
 */
import { checkIlpAddress, streamErrorName, type StreamFrame, type StreamPacket } from '../../lib/codec';
import { jsonReplacer } from '../../lib/evidence/transcript';
import { spspDetails, type SpspAnswer } from '../../lib/peers/spsp-client';
import { fulfillmentMatches, type StreamExchange } from '../../lib/peers/stream-client';
import { describeOutcome } from '../../lib/targets/outcome';
import type { IlpWorld } from '../world';
import type { ReceiverScenario } from './receiver-scenario';

export function describeExchange(e: StreamExchange): string {
  const stream = e.reply ? JSON.stringify(e.reply, jsonReplacer) : e.replyProblem ?? 'no STREAM reply';
  return `${describeOutcome(e.outcome)}; STREAM reply: ${stream}`;
}

export function describeAnswer(a: SpspAnswer): string {
  if (!a.ok) return `no SPSP answer: ${a.reason}`;
  return `HTTP ${a.status} Content-Type ${a.headers['content-type'] ?? '(none)'} Cache-Control ${a.headers['cache-control'] ?? '(none)'} body ${a.body.slice(0, 300)}`;
}

export function framesOf(packet: StreamPacket | undefined, name: StreamFrame['name']): StreamFrame[] {
  return (packet?.frames ?? []).filter((f) => f.name === name);
}

export class ReceiverJudge {
  constructor(private readonly world: IlpWorld, private readonly s: ReceiverScenario) {}

  private judge(ids: readonly string[] | 'primary', passed: boolean, expected: string, actual: () => string): void {
    this.world.judgements.judge(ids, passed, expected, actual);
  }

  fulfilled(): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge('primary', e.outcome.kind === 'fulfilled', 'Fulfill', () => describeExchange(e));
    this.judge(['STREAM-004'], fulfillmentMatches(e), 'a fulfillment that hashes to the condition derived from the shared secret and the data', () => describeExchange(e));
  }

  notFulfilled(): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge('primary', e.outcome.kind === 'rejected', 'a Reject (not a Fulfill)', () => describeExchange(e));
  }

  rejectedWith(code: string): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge('primary', e.outcome.kind === 'rejected' && e.outcome.reject.code === code, `Reject ${code}`, () => describeExchange(e));
  }

  /** A Reject whose data decrypts to a STREAM reply packet (typed 14). */
  rejectCarriesReply(): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge('primary', e.outcome.kind === 'rejected', 'a Reject', () => describeExchange(e));
    this.judge(['STREAM-008'], e.reply !== undefined && e.reply.ilpPacketType === 14, 'Reject data that decrypts to a STREAM packet for a Reject (type 14)', () => describeExchange(e));
  }

  replySequence(): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge(['STREAM-006'], e.reply !== undefined && e.sent !== undefined && e.reply.sequence === e.sent.sequence, `a STREAM reply with sequence ${e.sent?.sequence}`, () => describeExchange(e));
  }

  replyAmount(amount: bigint): void {
    const e = this.s.last;
    this.s.judgedLast();
    this.judge(['STREAM-007'], e.reply?.prepareAmount === amount, `a STREAM reply stating ${amount} received`, () => describeExchange(e));
  }

  closedWith(error: string): void {
    const e = this.s.last;
    this.s.judgedLast();
    const close = framesOf(e.reply, 'ConnectionClose')[0];
    const got = close && close.name === 'ConnectionClose' ? streamErrorName(close.errorCode) : undefined;
    this.judge('primary', e.outcome.kind === 'rejected' && got === error, `a Reject whose STREAM reply closes the connection with ${error}`, () => describeExchange(e));
  }

  credited(amount: bigint, streamId: bigint): void {
    const e = this.s.last;
    const max = framesOf(e.reply, 'StreamMaxMoney').find((f) => f.name === 'StreamMaxMoney' && f.streamId === streamId);
    const total = max && max.name === 'StreamMaxMoney' ? max.totalReceived : undefined;
    this.judge('primary', total === amount, `StreamMaxMoney for stream ${streamId} with totalReceived ${amount}`, () => describeExchange(e));
  }

  receiveMaxNeverShrank(streamId: bigint): void {
    this.s.judgedAll();
    const seen = this.s.exchanges.flatMap((e) => framesOf(e.reply, 'StreamMaxMoney').flatMap((f) => (f.name === 'StreamMaxMoney' && f.streamId === streamId ? [f.receiveMax] : [])));
    const shrank = seen.some((v, i) => i > 0 && v < seen[i - 1]!);
    this.judge('primary', seen.length >= 2 && !shrank, `at least two StreamMaxMoney frames for stream ${streamId}, none smaller than the one before`, () => `receiveMax in order: ${seen.join(', ') || '(none)'}`);
  }

  sameAssetDetails(): void {
    this.s.judgedAll();
    const seen = this.s.exchanges.flatMap((e) => framesOf(e.reply, 'ConnectionAssetDetails').map((f) => (f.name === 'ConnectionAssetDetails' ? `${f.sourceAssetCode}/${f.sourceAssetScale}` : '')));
    this.judge('primary', seen.length >= 2 && new Set(seen).size === 1, 'the same ConnectionAssetDetails in at least two replies', () => `asset details in order: ${seen.join(', ') || '(none)'}`);
  }

  statesAssetDetails(): void {
    const e = this.s.last;
    this.judge('primary', framesOf(e.reply, 'ConnectionAssetDetails').length > 0, 'a ConnectionAssetDetails frame in the reply', () => describeExchange(e));
  }

  replyDecrypts(): void {
    const e = this.s.last;
    this.judge('primary', e.reply !== undefined, 'reply data that decrypts under HMAC-SHA256(shared_secret, "ilp_stream_encryption")', () => describeExchange(e));
  }

  freshIvs(): void {
    this.s.judgedAll();
    const ivs = this.s.exchanges.flatMap((e) => {
      const data = e.outcome.kind === 'fulfilled' ? e.outcome.fulfill.data : e.outcome.kind === 'rejected' ? e.outcome.reject.data : undefined;
      return data && data.length >= 12 ? [Buffer.from(data.subarray(0, 12)).toString('hex')] : [];
    });
    this.judge('primary', ivs.length >= 2 && new Set(ivs).size === ivs.length, 'a different IV in every encrypted reply', () => `reply IVs: ${ivs.join(', ')}`);
  }

  // ------------------------------------------------------------------------------------------------ SPSP

  spspStatus(status: number): void {
    const a = this.s.lastAnswer;
    this.judge('primary', a.ok && a.status === status, `HTTP ${status}`, () => describeAnswer(a));
  }

  /** Every URL of the query (the one asked and each redirect) is https:, and the answer came over TLS that verified. */
  spspOverHttps(): void {
    const a = this.s.lastAnswer;
    const urls = [this.s.queried.at(-1)!, ...a.redirects];
    const plain = urls.filter((u) => !u.startsWith('https:'));
    this.judge('primary', a.ok && plain.length === 0 && a.tls !== undefined, 'an answer over HTTPS (every URL https:, a TLS session whose certificate verified)', () => {
      const route = urls.join(' -> ');
      if (!a.ok) return `no SPSP answer from ${route}: ${a.reason}`;
      return `${route}: HTTP ${a.status} ${a.tls ? `over ${a.tls.protocol}` : 'over plain HTTP'}${plain.length ? `; not https: ${plain.join(', ')}` : ''}`;
    });
  }

  spspHeader(name: string, test: (value: string | undefined) => boolean, expected: string): void {
    const a = this.s.lastAnswer;
    this.judge('primary', a.ok && test(a.headers[name]), expected, () => describeAnswer(a));
  }

  spspAddress(): void {
    const d = spspDetails(this.s.lastAnswer);
    const check = d.ok ? checkIlpAddress(d.destinationAccount) : undefined;
    this.judge('primary', check?.valid === true, 'destination_account holding a valid ILP address', () => (d.ok ? `${d.destinationAccount}: ${check?.valid ? 'valid' : check?.reason}` : d.reason));
  }

  spspSecretLength(bytes: number): void {
    const d = spspDetails(this.s.lastAnswer);
    this.judge('primary', d.ok && d.sharedSecret.length === bytes, `shared_secret of ${bytes} bytes`, () => (d.ok ? `${d.sharedSecret.length} bytes (${d.secretEncoding})` : d.reason));
  }

  spspSecretBase64(): void {
    const a = this.s.lastAnswer;
    const d = spspDetails(a);
    const raw = a.ok ? String(a.json?.shared_secret) : '';
    this.judge('primary', d.ok && d.secretEncoding === 'base64' && raw.length % 4 === 0, 'shared_secret in base64 with padding', () => (d.ok ? `${JSON.stringify(raw)} read as ${d.secretEncoding}` : d.reason));
  }

  spspDistinctSecrets(): void {
    const secrets = this.s.answers.map((a) => spspDetails(a)).map((d) => (d.ok ? d.sharedSecret.toString('hex') : `(${d.reason})`));
    this.judge('primary', secrets.length >= 2 && new Set(secrets).size === secrets.length && secrets.every((x) => !x.startsWith('(')), 'a different shared_secret in every answer', () => `${secrets.length} answers, ${new Set(secrets).size} distinct secrets`);
  }
}
