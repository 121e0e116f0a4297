/**
 * The receiver under test (lib/targets/receiver-target.ts), one per cucumber worker: started on the first
 * @receiver scenario and closed after the run.
 *
 * Where the settings come from (world parameters win over the environment):
 *   receiverSpspUrl          | ILP_RECEIVER_SPSP_URL            external receiver's SPSP endpoint
 *   receiverIlpUrl           | ILP_RECEIVER_ILP_URL             where its upstream posts Prepares (ILP over HTTP)
 *                            | ILP_RECEIVER_ILP_TOKEN           the bearer token it expects from its upstream
 *   receiverSpspCa           | ILP_RECEIVER_SPSP_CA             PEM file of the certificate to trust for its https: SPSP endpoint
 *   referenceReceiverFaults  | ILP_REFERENCE_RECEIVER_FAULTS    bundled only: fault switches (self-test)
 */
import { AfterAll } from '@cucumber/cucumber';
import { ReceiverTarget } from '../../lib/targets/receiver-target';
import type { IlpWorldParameters, WithParameters } from '../world';

interface ReceiverParameters extends IlpWorldParameters {
  readonly receiverSpspUrl?: string;
  readonly receiverIlpUrl?: string;
  readonly receiverSpspCa?: string;
  readonly referenceReceiverFaults?: string;
}

let shared: Promise<ReceiverTarget> | undefined;

export function receiverTarget(world: WithParameters): Promise<ReceiverTarget> {
  if (!shared) {
    const p = world.parameters as ReceiverParameters;
    const env = process.env;
    const spspUrl = p.receiverSpspUrl ?? env.ILP_RECEIVER_SPSP_URL;
    const ilpUrl = p.receiverIlpUrl ?? env.ILP_RECEIVER_ILP_URL;
    const spspCaFile = p.receiverSpspCa ?? env.ILP_RECEIVER_SPSP_CA;
    shared = ReceiverTarget.start({
      ...(spspUrl ? { spspUrl } : {}),
      ...(ilpUrl ? { ilpUrl } : {}),
      ...(env.ILP_RECEIVER_ILP_TOKEN ? { ilpToken: env.ILP_RECEIVER_ILP_TOKEN } : {}),
      ...(spspCaFile ? { spspCaFile } : {}),
      faults: p.referenceReceiverFaults ?? env.ILP_REFERENCE_RECEIVER_FAULTS ?? '',
    });
    shared.catch(() => undefined);
  }
  return shared;
}

AfterAll(async function () {
  const pending = shared;
  shared = undefined;
  const target = pending ? await pending.catch(() => undefined) : undefined;
  await target?.stop();
});
