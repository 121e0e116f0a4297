/**
 * One codec target per Cucumber worker: the project's own codec in-process (default), or an adapter
 * subprocess when one is given. Started on the first codec scenario, stopped after the run.
 *
 *   codecAdapter            | ILP_CODEC_ADAPTER               the adapter command, e.g. "node bin/ilp-conformance.js codec-adapter"
 *   referenceQuotingFaults  | ILP_REFERENCE_QUOTING_FAULTS    in-process only: fault switches of the reference quoting functions (self-test)
 *
 * A scenario tagged `@needs-<capability>` is skipped, with the reason, when the target does not declare it
 * (lib/targets/codec-protocol.ts lists them). Once an adapter is unusable (crashed, hung, wrote garbage,
 * another protocol version) every further codec scenario errors here at once with the same reason, and
 * lib/report/verdict.ts ends the run as incomplete (exit 3).
 */
import { AfterAll, Before } from '@cucumber/cucumber';
import { CodecAdapterTarget } from '../../lib/targets/codec-adapter';
import { CodecInProcessTarget } from '../../lib/targets/codec-in-process';
import { CodecClient } from '../../lib/targets/codec-client';
import { CODEC_CAPABILITIES, type CodecCapability } from '../../lib/targets/codec-protocol';
import type { CodecTarget } from '../../lib/targets/codec-target';
import { announceTarget, skipScenario } from './target-hooks';
import type { IlpWorld, IlpWorldParameters, WithParameters } from '../world';
import { state } from './codec-scenario';

interface CodecParameters extends IlpWorldParameters {
  readonly codecAdapter?: string;
  readonly referenceQuotingFaults?: string;
}

let shared: CodecTarget | undefined;
let announced = false;

function describeTarget(target: CodecTarget): string {
  const d = target.describe();
  const details = Object.entries(d.details ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
  return `${d.name}${d.version ? ` ${d.version}` : ''} (${d.endpoint}${details ? `; ${details}` : ''}); capabilities: ${d.capabilities.join(', ') || 'none beyond packets'}`;
}

function codecTarget(world: WithParameters & { timeoutMultiplier?: number }): CodecTarget {
  if (!shared) {
    const p = world.parameters as CodecParameters;
    const command = p.codecAdapter ?? process.env.ILP_CODEC_ADAPTER;
    shared = command
      ? new CodecAdapterTarget({ command, timeoutMultiplier: world.timeoutMultiplier ?? 1 })
      : new CodecInProcessTarget({ quotingFaults: p.referenceQuotingFaults ?? process.env.ILP_REFERENCE_QUOTING_FAULTS ?? '' });
  }
  return shared;
}

/** The capabilities a scenario's tags ask for (`@needs-oer` -> oer); other `@needs-` tags are not the codec's. */
export function neededCodecCapabilities(tags: readonly string[]): CodecCapability[] {
  return tags.map((t) => /^@needs-(.+)$/.exec(t)?.[1]).filter((c): c is CodecCapability => !!c && c in CODEC_CAPABILITIES);
}

Before({ tags: '@codec' }, async function (this: IlpWorld, { pickle }) {
  const target = codecTarget(this);
  const first = !announced;
  announced = true;
  await target.start();
  if (target.problem) throw target.problem;
  if (first) this.log(`Codec under test: ${describeTarget(target)}`);
  announceTarget(this, target);
  const needs = neededCodecCapabilities(pickle.tags.map((t) => t.name));
  state(this).client = new CodecClient(target, this.transcript, new Set(needs));
  const missing = needs.filter((c) => !target.capabilities.has(c));
  if (missing.length === 0) return undefined;
  const name = target.describe().name;
  return skipScenario(this, `the codec under test (${name}) does not declare ${missing.map((c) => `${c} (${CODEC_CAPABILITIES[c]})`).join(', ')}`);
});

AfterAll(async function () {
  const target = shared;
  shared = undefined;
  announced = false;
  await target?.stop();
});
