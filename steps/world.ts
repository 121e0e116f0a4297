import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { Transcript } from '../lib/evidence/transcript';
import { ScenarioJudgements } from '../lib/judgement/judge';

/** Parameters a run passes in (cucumber --world-parameters, or the CLI's --target). */
export interface IlpWorldParameters {
  /** Base URL of an external connector's ILP-over-HTTP endpoint; absent: the bundled reference. */
  readonly connectorUrl?: string;
  /** Base URL of an external ledger's HTTP API; absent: the bundled reference ledger. */
  readonly ledgerUrl?: string;
  /** Path of the topology file; default fixtures/topology.json. */
  readonly topology?: string;
  /** Multiplies every wait bound (slow targets, loaded CI machines). Default 1. */
  readonly timeoutMultiplier?: number;
  /** Mutation testing (cucumber profiles mutation-*): start the targets in BeforeAll, before any scenario. */
  readonly startTargetsEarly?: boolean;
}

/** What carries the run's parameters: a scenario's world, or `this` in BeforeAll and AfterAll. */
export interface WithParameters {
  readonly parameters: IlpWorldParameters;
}

/**
 * One World per scenario. Areas keep their own state through `scoped` (codec, connector, ledger),
 * so no area's fields leak into another's. The hooks in hooks.ts unwind `defer`red teardowns,
 * attach the transcript, and fail a scenario that left an outcome uninspected.
 */
export class IlpWorld extends World<IlpWorldParameters> {
  readonly transcript = new Transcript();
  private readonly teardowns: Array<() => unknown | Promise<unknown>> = [];
  private readonly areas = new Map<string, unknown>();
  private readonly pending = new Map<string, string>();
  /** This scenario's checks (lib/judgement/judge.ts); set by the Before hook from the scenario's tags. */
  judgements = new ScenarioJudgements([], () => this.transcript.entries.length);

  constructor(options: IWorldOptions<IlpWorldParameters>) {
    super(options);
  }

  /** The state an area keeps for this scenario, created on first use. */
  scoped<T>(key: string, create: () => T): T {
    if (!this.areas.has(key)) this.areas.set(key, create());
    return this.areas.get(key) as T;
  }

  /** Registers a teardown; After runs them in reverse order, even when a step failed or timed out. */
  defer(teardown: () => unknown | Promise<unknown>): void {
    this.teardowns.push(teardown);
  }

  async runTeardowns(): Promise<string[]> {
    const problems: string[] = [];
    while (this.teardowns.length > 0) {
      const teardown = this.teardowns.pop()!;
      try {
        await teardown();
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    return problems;
  }

  /**
   * Every outcome a When-step stored that a Then-step must judge (a Reject, a refusal, a transport failure,
   * a decode error), each under its own key: storing a second one never hides the first. A Then-step that
   * judged one calls `inspected(key)`; After fails the scenario naming every one left.
   */
  awaitInspection(description: string, key = 'default'): void {
    this.pending.set(key, description);
  }

  inspected(key = 'default'): void {
    this.pending.delete(key);
  }

  /** Descriptions of the stored outcomes nobody judged, in the order they were stored. */
  get uninspectedOutcomes(): string[] {
    return [...this.pending.values()];
  }

  get timeoutMultiplier(): number {
    const m = Number(this.parameters.timeoutMultiplier ?? process.env.ILP_TIMEOUT_MULTIPLIER ?? 1);
    return Number.isFinite(m) && m > 0 ? m : 1;
  }
}

setWorldConstructor(IlpWorld);
