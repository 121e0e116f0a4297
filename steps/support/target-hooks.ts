/**
 * What every area's worker hooks say about their target in the run's message stream, as data the report
 * reads (lib/report/run-model.ts), never as log text: which implementation was judged (announceTarget, once
 * per worker and target), and why a scenario was skipped (skipScenario).
 */
import { SKIP_REASON_MEDIA_TYPE } from '../../lib/report/run-model';
import { TARGET_MEDIA_TYPE, type Target } from '../../lib/targets/target';
import type { IlpWorld } from '../world';

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
