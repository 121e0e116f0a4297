/**
 * What every area's worker hooks say about their target in the run's message stream, as data the report
 * reads (lib/report/run-model.ts), never as log text: which implementation was judged (announceTarget, once
 * per worker and target), and why a scenario was skipped (skipScenario).
 */
import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { SKIP_REASON_MEDIA_TYPE } from '../../lib/report/run-model';
import { TARGET_MEDIA_TYPE, type Target } from '../../lib/targets/target';
import type { IlpWorld, WithParameters } from '../world';

const announced = new Set<string>();

/** Attaches the target's description to this scenario the first time this worker meets the target. */
export function announceTarget(world: IlpWorld, target: Pick<Target, 'describe'>): void {
  const description = target.describe();
  const key = `${description.kind} ${description.endpoint}`;
  if (announced.has(key)) return;
  announced.add(key);
  world.attach(JSON.stringify(description), { mediaType: TARGET_MEDIA_TYPE });
}

/** Records why the scenario is skipped (shown in conformance.json, HTML and JUnit) and skips it. */
export function skipScenario(world: IlpWorld, reason: string): 'skipped' {
  world.attach(reason, { mediaType: SKIP_REASON_MEDIA_TYPE });
  return 'skipped';
}

/**
 * One target per Cucumber worker: started by the first scenario that asks (so a run without that area starts
 * nothing) or, under the mutation profiles (world parameter startTargetsEarly), before the first scenario; a
 * start failure is remembered, so every later scenario reports the same cause; stopped after the run.
 */
export function perWorker<T extends Pick<Target, 'stop'>>(start: (world: WithParameters) => Promise<T>) {
  let shared: Promise<T> | undefined;
  const get = (world: WithParameters): Promise<T> => {
    if (!shared) {
      shared = start(world);
      shared.catch(() => undefined);
    }
    return shared;
  };
  BeforeAll(async function (this: WithParameters) {
    if (this.parameters.startTargetsEarly) await get(this);
  });
  AfterAll(async function () {
    const pending = shared;
    shared = undefined;
    const target = pending ? await pending.catch(() => undefined) : undefined;
    await target?.stop();
  });
  return {
    get,
    /** The worker's target if it has started; never starts one. */
    started: (): Promise<T | undefined> => (shared ? shared.catch(() => undefined) : Promise.resolve(undefined)),
  };
}
