/**
 * One receiver scenario's state: the SPSP answers it got, its STREAM connection, and every exchange on it.
 * When-steps call these and store; Then-steps judge through receiver-judge.ts. Each scenario opens its own
 * connection (a fresh SPSP query), so nothing is shared between scenarios.
 */
import { frame, type StreamFrame } from '../../lib/codec';
import { querySpsp, spspDetails, type SpspAnswer } from '../../lib/peers/spsp-client';
import { StreamClient, type StreamExchange, type StreamSendOptions } from '../../lib/peers/stream-client';
import type { ReceiverTarget } from '../../lib/targets/receiver-target';
import type { IlpWorld } from '../world';
import { receiverTarget } from './receiver-worker';

const SPSP_WAIT_MS = 3_000;
const ILP_WAIT_MS = 5_000;

export class ReceiverScenario {
  readonly answers: SpspAnswer[] = [];
  /** The URL each query of `answers` was sent to (before any redirect). */
  readonly queried: string[] = [];
  client?: StreamClient;

  constructor(private readonly world: IlpWorld) {}

  static of(world: IlpWorld): ReceiverScenario {
    return world.scoped('receiver', () => new ReceiverScenario(world));
  }

  target(): Promise<ReceiverTarget> {
    return receiverTarget(this.world);
  }

  get lastAnswer(): SpspAnswer {
    const a = this.answers.at(-1);
    if (!a) throw new Error('harness: no SPSP query was made in this scenario');
    return a;
  }

  async query(url?: string, method: 'GET' | 'OPTIONS' = 'GET'): Promise<SpspAnswer> {
    const target = await this.target();
    const at = url ?? target.spspUrl;
    this.world.transcript.record({ direction: 'sent', channel: 'sut', label: `SPSP ${method} ${at}` });
    const answer = await querySpsp(at, { timeoutMs: SPSP_WAIT_MS * this.world.timeoutMultiplier, method, ...(target.spspCa ? { ca: target.spspCa } : {}) });
    this.world.transcript.record({
      direction: 'received', channel: 'sut', label: answer.ok ? `SPSP HTTP ${answer.status}${answer.tls ? ` over ${answer.tls.protocol} ${answer.tls.cipher}, certificate ${JSON.stringify(answer.tls.subject ?? '(no CN)')}` : ' over plain HTTP'}` : 'SPSP no answer',
      ...(answer.ok ? { headers: answer.headers, decoded: answer.json ?? answer.body.slice(0, 500) } : { decoded: { reason: answer.reason } }),
    });
    this.answers.push(answer);
    this.queried.push(at);
    return answer;
  }

  /** Queries SPSP and opens a STREAM connection with what it said; a broken answer is a harness-visible error. */
  async connect(): Promise<StreamClient> {
    const target = await this.target();
    const details = spspDetails(await this.query());
    if (!details.ok) throw new Error(`cannot open a STREAM connection: the SPSP answer holds no usable details (${details.reason})`);
    this.client = new StreamClient({
      ilpUrl: target.ilpUrl, ilpToken: target.ilpToken, destination: details.destinationAccount, sharedSecret: details.sharedSecret,
      transcript: this.world.transcript, waitMs: ILP_WAIT_MS * this.world.timeoutMultiplier,
    });
    return this.client;
  }

  async send(options: StreamSendOptions): Promise<StreamExchange> {
    const client = this.client ?? (await this.connect());
    const exchange = await client.send(options);
    if (exchange.outcome.kind !== 'fulfilled') this.world.awaitInspection(`${exchange.outcome.kind} answer to STREAM packet ${client.exchanges.length}`, `stream-${client.exchanges.length}`);
    return exchange;
  }

  get exchanges(): readonly StreamExchange[] {
    return this.client?.exchanges ?? [];
  }

  get last(): StreamExchange {
    const e = this.exchanges.at(-1);
    if (!e) throw new Error('harness: no STREAM packet was sent in this scenario');
    return e;
  }

  /**
   * The limits the receiver advertises for a stream, learned from its reply to a packet that opens the stream
   * with an empty StreamData frame and moves no money: StreamMaxData, StreamMaxMoney receiveMax, ConnectionMaxData.
   * That packet is set-up, not under test: its outcome needs no judging. A limit the reply does not state is undefined.
   */
  async advertisedLimits(streamId: bigint): Promise<{ streamData?: bigint; receiveMax?: bigint; connectionData?: bigint }> {
    const e = await this.send({ amount: 0n, frames: [frame({ name: 'StreamData', streamId, offset: 0n, data: new Uint8Array(0) }), frame({ name: 'StreamMoney', streamId, shares: 1n })] });
    this.judgedLast();
    const frames = e.reply?.frames ?? [];
    const pick = <T>(f: (x: StreamFrame) => T | undefined) => frames.map(f).find((v) => v !== undefined);
    return {
      streamData: pick((f) => (f.name === 'StreamMaxData' && f.streamId === streamId ? f.maxOffset : undefined)),
      receiveMax: pick((f) => (f.name === 'StreamMaxMoney' && f.streamId === streamId ? f.receiveMax : undefined)),
      connectionData: pick((f) => (f.name === 'ConnectionMaxData' ? f.maxOffset : undefined)),
    };
  }

  /** Marks every exchange's outcome as judged (a check over all replies). */
  judgedAll(): void {
    for (let i = 1; i <= this.exchanges.length; i++) this.world.inspected(`stream-${i}`);
  }

  /** Marks the last exchange's outcome as judged. */
  judgedLast(): void {
    this.world.inspected(`stream-${this.exchanges.length}`);
  }
}
