/**
 * A connector scenario's state: its script on the harness network (key, behaviours, what arrived), the
 * Prepares its peers sent and what came back. Steps stay one-liners by asking this object; it owns the
 * timing rules (every wait bounded by the Prepare's expiry plus a grace, times the timeout multiplier) and
 * keeps the After hook's uninspected-outcome check up to date.
 */
import type { ScenarioJudgements } from '../../lib/judgement/judge';
import { randomBytes } from 'node:crypto';
import { Before } from '@cucumber/cucumber';
import { conditionOf, encodePrepare, type IlpPrepare } from '../../lib/codec';
import { describeOutcome } from '../../lib/targets/outcome';
import type { ConnectorHttpTarget } from '../../lib/targets/connector-http';
import type { ScenarioScript } from '../../lib/peers/scenario-script';
import type { SendRequest, SentPrepare } from '../../lib/peers/sender';
import { prefixBehind } from '../../lib/peers/addresses';
import { peerByName, type Topology } from '../../contracts/topology';
import { announceTarget } from './target-hooks';
import type { IlpWorld } from '../world';
import { connectorTarget } from './connector-worker';

/** Default lifetime of a Prepare the harness sends: long enough for any exchange, short enough to bound waits. */
export const DEFAULT_EXPIRY_MS = 4000;
/** Added to a Prepare's remaining lifetime to bound the wait for its answer (times the timeout multiplier). */
export const GRACE_MS = 1000;

export interface PrepareSpec {
  readonly amount: bigint;
  readonly destination: string;
  /** Milliseconds from now; negative for an already expired Prepare. Default DEFAULT_EXPIRY_MS. */
  readonly expiresInMs?: number;
  readonly data?: Uint8Array;
  /** Default: the condition of a fresh random fulfillment. */
  readonly executionCondition?: Uint8Array;
}

export interface Exchange {
  /** 1-based, per sender. */
  readonly ordinal: number;
  readonly from: string;
  readonly prepare?: IlpPrepare;
  readonly fulfillment?: Uint8Array;
  readonly done: Promise<SentPrepare>;
  result?: SentPrepare;
  inspected: boolean;
}

export class ConnectorScenario {
  readonly script: ScenarioScript;
  private readonly exchanges: Exchange[] = [];

  constructor(
    private readonly world: IlpWorld,
    readonly target: ConnectorHttpTarget,
  ) {
    this.script = target.openScenario(world.transcript);
  }

  get judgements(): ScenarioJudgements {
    return this.world.judgements;
  }

  get topology(): Topology {
    return this.target.topology;
  }

  get multiplier(): number {
    return this.world.timeoutMultiplier;
  }

  /** Bound for waiting on something that should happen by `deadline` (epoch ms). */
  boundUntil(deadline: number): number {
    return Math.max(0, deadline - Date.now()) + GRACE_MS * this.multiplier;
  }

  /** `test.bob.<key>.p1`: a fresh destination that the topology routes to `peer`. */
  destinationBehind(peer: string): string {
    return this.destinationUnder(prefixBehind(this.topology, peer));
  }

  /** `<prefix>.<key>.p1`: a fresh destination under `prefix`. */
  destinationUnder(prefix: string): string {
    return `${prefix}.${this.script.key}.${this.script.nextPacketSegment()}`;
  }

  /** A Prepare with a fresh condition whose preimage the harness peers know (so they can fulfill it). */
  buildPrepare(spec: PrepareSpec): { prepare: IlpPrepare; fulfillment?: Uint8Array } {
    const fulfillment = spec.executionCondition ? undefined : new Uint8Array(randomBytes(32));
    const executionCondition = spec.executionCondition ?? conditionOf(fulfillment!);
    if (fulfillment) this.script.rememberPreimage(executionCondition, fulfillment);
    const prepare: IlpPrepare = {
      type: 12,
      amount: spec.amount,
      expiresAt: new Date(Date.now() + (spec.expiresInMs ?? DEFAULT_EXPIRY_MS * this.multiplier)),
      executionCondition,
      destination: spec.destination,
      data: spec.data ?? new Uint8Array(),
    };
    return { prepare, ...(fulfillment ? { fulfillment } : {}) };
  }

  /**
   * Sends a Prepare from harness peer `from` and waits until it is answered, or until some harness peer
   * holds a Prepare of this scenario (so a step can act while it is in flight). Never throws on the answer.
   */
  async send(
    from: string,
    built: { prepare: IlpPrepare; fulfillment?: Uint8Array },
    options: Omit<SendRequest, 'from' | 'sutUrl' | 'script' | 'bytes' | 'prepare' | 'waitMs'> = {},
  ): Promise<Exchange> {
    peerByName(this.topology, from);
    const bytes = encodePrepare(built.prepare);
    return this.start(from, { ...options, bytes, prepare: built.prepare, waitMs: this.boundUntil(built.prepare.expiresAt.getTime()) }, built);
  }

  /** Sends bytes that may not be a valid Prepare (malformed-packet probes, HTTP-level probes). */
  sendBytes(from: string, bytes: Uint8Array, options: Omit<SendRequest, 'from' | 'sutUrl' | 'script' | 'bytes' | 'waitMs'> = {}): Promise<Exchange> {
    return this.start(from, { ...options, bytes, waitMs: this.boundUntil(Date.now() + DEFAULT_EXPIRY_MS * this.multiplier) }, {});
  }

  private async start(
    from: string,
    request: Omit<SendRequest, 'from' | 'sutUrl' | 'script'>,
    built: { prepare?: IlpPrepare; fulfillment?: Uint8Array },
  ): Promise<Exchange> {
    const ordinal = this.exchanges.filter((e) => e.from === from).length + 1;
    const heldBefore = this.script.heldPrepares.length;
    const done = this.target.send(this.script, from, request);
    const exchange: Exchange = { ordinal, from, done, inspected: false, ...built };
    this.exchanges.push(exchange);
    void done.then((result) => {
      exchange.result = result;
      this.refreshInspection();
    });
    await this.script.waitUntil(() => this.script.heldPrepares.length > heldBefore, request.waitMs, 'held', { poll: false, until: done });
    return exchange;
  }

  /** The latest exchange `from` started (`ordinal` picks an earlier one). Throws a sentence if there is none. */
  exchangeOf(from: string, ordinal?: number): Exchange {
    const own = this.exchanges.filter((e) => e.from === from);
    const found = ordinal === undefined ? own[own.length - 1] : own[ordinal - 1];
    if (!found) {
      throw new Error(`Harness: the scenario has no ${ordinal ? `Prepare number ${ordinal}` : 'Prepare'} sent by ${from} (sent: ${own.length}); a When-step must send it first`);
    }
    return found;
  }

  get allExchanges(): readonly Exchange[] {
    return this.exchanges;
  }

  /** The answer to an exchange, waiting (bounded by the send itself) if it is still in flight. */
  async resultOf(exchange: Exchange): Promise<SentPrepare> {
    return exchange.result ?? (await exchange.done);
  }

  /** Marks an exchange's answer as judged by a Then-step. */
  inspect(exchange: Exchange): void {
    exchange.inspected = true;
    this.refreshInspection();
  }

  /** Tells the world which answers (Reject, failure, no answer) no Then-step has judged yet. */
  refreshInspection(): void {
    for (const [index, e] of this.exchanges.entries()) {
      const key = `exchange #${index + 1}`;
      if (!e.inspected && e.result && e.result.outcome.kind !== 'fulfilled') {
        this.world.awaitInspection(`${e.from}'s Prepare #${e.ordinal}: ${describeOutcome(e.result.outcome)}`, key);
      } else this.world.inspected(key);
    }
  }

  close(): void {
    this.refreshInspection();
    this.script.close();
  }
}


/** The scenario's connector state, created (and the worker's target started) on first use. */
export async function connectorScenario(world: IlpWorld): Promise<ConnectorScenario> {
  const holder = world.scoped<{ value?: ConnectorScenario }>('connector', () => ({}));
  if (!holder.value) {
    const target = await connectorTarget(world);
    announceTarget(world, target);
    const scenario = new ConnectorScenario(world, target);
    holder.value = scenario;
    world.defer(() => scenario.close());
  }
  return holder.value;
}
