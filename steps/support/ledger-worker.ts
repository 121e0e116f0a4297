/**
 * The ledger under test (lib/targets/ledger-target.ts), one per cucumber worker: started on the first @ledger scenario (so a run without
 * ledger scenarios starts nothing) and closed after the run. Its metadata is read and schema-checked once.
 *
 * Where the settings come from (world parameters win over the environment):
 *   ledgerUrl              | ILP_LEDGER_URL                external ledger; absent = the bundled reference ledger,
 *                                                           on an ephemeral loopback port with an in-memory database
 *                          | ILP_LEDGER_ADMIN_TOKEN        external ledger only: the admin token that opens accounts
 *   referenceLedgerFaults  | ILP_REFERENCE_LEDGER_FAULTS   bundled only: fault switches (self-test), comma-separated
 */
import { LedgerTarget } from '../../lib/targets/ledger-target';
import type { IlpWorldParameters } from '../world';
import { perWorker } from './target-hooks';

interface LedgerParameters extends IlpWorldParameters {
  readonly referenceLedgerFaults?: string;
}

const worker = perWorker((world) => {
  const params = world.parameters as LedgerParameters;
  const ledgerUrl = params.ledgerUrl ?? process.env.ILP_LEDGER_URL;
  const adminToken = process.env.ILP_LEDGER_ADMIN_TOKEN;
  return LedgerTarget.start({
    ...(ledgerUrl ? { ledgerUrl } : {}),
    ...(adminToken ? { adminToken } : {}),
    faults: params.referenceLedgerFaults ?? process.env.ILP_REFERENCE_LEDGER_FAULTS ?? '',
  });
});

/** The worker's ledger; a start failure is remembered, so every later scenario reports the same cause. */
export const ledgerTarget = worker.get;
