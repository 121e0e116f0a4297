/**
 * The Mojaloop participant under test (lib/targets/mojaloop-target.ts), one per cucumber worker with its
 * switch listener: started by the first participant scenario, closed after the run. Scenarios of a role
 * the participant is not audited in, or needing ILPv4 or the secret where it was not declared, are skipped
 * with the reason as data.
 *
 * Where the settings come from (world parameters win over the environment):
 *   mojaloopUrl            | ILP_MOJALOOP_URL             external participant's FSPIOP base URL
 *   mojaloopRole           | ILP_MOJALOOP_ROLE            payee | payer
 *   mojaloopFspId          | ILP_MOJALOOP_FSP_ID          its FSP ID (FSPIOP-Source of what it sends)
 *   mojaloopPayerTrigger   | ILP_MOJALOOP_PAYER_TRIGGER   payer role: POST {payee, amount, currency} starts a payment
 *   mojaloopIlp            | ILP_MOJALOOP_ILP             v1 (default) | v4 | auto
 *   mojaloopApi            | ILP_MOJALOOP_API             fspiop (default) | iso20022 (ILPv4 only)
 *   mojaloopSecret         | ILP_MOJALOOP_SECRET          its fulfilment secret, base64url (optional: ML-006)
 *   mojaloopSwitchPort     | ILP_MOJALOOP_SWITCH_PORT     external: where the switch listens (default 7830)
 *   referenceMojaloopFaults| ILP_REFERENCE_MOJALOOP_FAULTS bundled only: fault switches (self-test)
 */
import { Before } from '@cucumber/cucumber';
import { MojaloopTarget, mojaloopSkipReason, type MojaloopTargetOptions } from '../../lib/targets/mojaloop-target';
import type { IlpWorld, IlpWorldParameters, WithParameters } from '../world';
import { announceTarget, perWorker, skipScenario } from './target-hooks';

interface MojaloopParameters extends IlpWorldParameters {
  readonly mojaloopUrl?: string;
  readonly mojaloopRole?: string;
  readonly mojaloopFspId?: string;
  readonly mojaloopPayerTrigger?: string;
  readonly mojaloopIlp?: string;
  readonly mojaloopApi?: string;
  readonly mojaloopSecret?: string;
  readonly mojaloopSwitchPort?: number | string;
  readonly referenceMojaloopFaults?: string;
}

export function mojaloopSettings(world: WithParameters): MojaloopTargetOptions {
  const p = world.parameters as MojaloopParameters;
  const env = process.env;
  const pick = (a: string | undefined, b: string | undefined) => a ?? (b || undefined);
  const port = p.mojaloopSwitchPort ?? env.ILP_MOJALOOP_SWITCH_PORT;
  const o = {
    url: pick(p.mojaloopUrl, env.ILP_MOJALOOP_URL), role: pick(p.mojaloopRole, env.ILP_MOJALOOP_ROLE), fspId: pick(p.mojaloopFspId, env.ILP_MOJALOOP_FSP_ID),
    payerTrigger: pick(p.mojaloopPayerTrigger, env.ILP_MOJALOOP_PAYER_TRIGGER), ilp: pick(p.mojaloopIlp, env.ILP_MOJALOOP_ILP), api: pick(p.mojaloopApi, env.ILP_MOJALOOP_API),
    secret: pick(p.mojaloopSecret, env.ILP_MOJALOOP_SECRET), faults: pick(p.referenceMojaloopFaults, env.ILP_REFERENCE_MOJALOOP_FAULTS),
    ...(port !== undefined && port !== '' ? { switchPort: Number(port) } : {}),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as MojaloopTargetOptions;
}

const worker = perWorker((world) => MojaloopTarget.start(mojaloopSettings(world)));

export async function mojaloopTarget(world: IlpWorld): Promise<MojaloopTarget> {
  const target = await worker.get(world);
  announceTarget(world, target);
  return target;
}

Before({ tags: '@mojaloop and (@payee or @payer)' }, function (this: IlpWorld, { pickle }) {
  const reason = mojaloopSkipReason(pickle.tags.map((t) => t.name), mojaloopSettings(this));
  return reason ? skipScenario(this, reason) : undefined;
});
