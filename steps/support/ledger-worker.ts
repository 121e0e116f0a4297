/**
 * The ledger under test (lib/targets/ledger-target.ts), one per cucumber worker: started on the first @ledger scenario (so a run without
 * ledger scenarios starts nothing) and closed after the run. Its metadata is read and schema-checked once.
 *
 * Where the settings come from (world parameters win over the environment):
 *   ledgerUrl              | ILP_LEDGER_URL                external ledger; absent = the bundled reference ledger,
 *                                                           on an ephemeral loopback port with an in-memory database
 *                          | ILP_LEDGER_ADMIN_TOKEN        external ledger only: the admin token that opens accounts
 *   referenceLedgerFaults  | ILP_REFERENCE_LEDGER_FAULTS   bundled only: fault switches (self-test), comma-separated
 *   ledgerApi              | ILP_LEDGER_API                the API the ledger speaks: native (default) or five-bells
 *                          | ILP_LEDGER_ADMIN_USER         five-bells only: the admin account's name (default admin)
 *
 * A scenario tagged @needs-<capability> that the ledger's API cannot show is skipped, with the reason as
 * data (SKIP_REASON_MEDIA_TYPE): "not observable through the five-bells ledger API: ...".
 */
import { Before } from '@cucumber/cucumber';
import { LedgerTarget } from '../../lib/targets/ledger-target';
import { ledgerSkipReason, parseLedgerDialect, type LedgerDialect } from '../../lib/targets/ledger-dialect';
import type { IlpWorld, IlpWorldParameters, WithParameters } from '../world';
import { perWorker, skipScenario } from './target-hooks';

interface LedgerParameters extends IlpWorldParameters {
  readonly referenceLedgerFaults?: string;
  readonly ledgerApi?: string;
}

function dialectOf(world: WithParameters): LedgerDialect {
  return parseLedgerDialect((world.parameters as LedgerParameters).ledgerApi ?? process.env.ILP_LEDGER_API);
}

const worker = perWorker((world) => {
  const params = world.parameters as LedgerParameters;
  const ledgerUrl = params.ledgerUrl ?? process.env.ILP_LEDGER_URL;
  const adminToken = process.env.ILP_LEDGER_ADMIN_TOKEN;
  const adminUser = process.env.ILP_LEDGER_ADMIN_USER;
  return LedgerTarget.start({
    dialect: dialectOf(world),
    ...(adminUser ? { adminUser } : {}),
    ...(ledgerUrl ? { ledgerUrl } : {}),
    ...(adminToken ? { adminToken } : {}),
    faults: params.referenceLedgerFaults ?? process.env.ILP_REFERENCE_LEDGER_FAULTS ?? '',
  });
});

/** The worker's ledger; a start failure is remembered, so every later scenario reports the same cause. */
export const ledgerTarget = worker.get;

Before({ tags: '@ledger' }, function (this: IlpWorld, { pickle }) {
  const reason = ledgerSkipReason(pickle.tags.map((t) => t.name), dialectOf(this));
  return reason ? skipScenario(this, reason) : undefined;
});
