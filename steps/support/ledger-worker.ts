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
import { AfterAll, Before, BeforeAll } from '@cucumber/cucumber';
import { LedgerTarget } from '../../lib/targets/ledger-target';
import { ledgerSkipReason, parseLedgerDialect, type LedgerDialect } from '../../lib/targets/ledger-dialect';
import { SKIP_REASON_MEDIA_TYPE } from '../../lib/report/run-model';
import type { IlpWorld } from '../world';
import type { IlpWorldParameters, WithParameters } from '../world';

interface LedgerParameters extends IlpWorldParameters {
  readonly referenceLedgerFaults?: string;
  readonly ledgerApi?: string;
}

function dialectOf(world: WithParameters): LedgerDialect {
  return parseLedgerDialect((world.parameters as LedgerParameters).ledgerApi ?? process.env.ILP_LEDGER_API);
}

let shared: Promise<LedgerTarget> | undefined;

/** The worker's ledger; a start failure is remembered, so every later scenario reports the same cause. */
export function ledgerTarget(world: WithParameters): Promise<LedgerTarget> {
  if (!shared) {
    const params = world.parameters as LedgerParameters;
    const ledgerUrl = params.ledgerUrl ?? process.env.ILP_LEDGER_URL;
    const adminToken = process.env.ILP_LEDGER_ADMIN_TOKEN;
    const adminUser = process.env.ILP_LEDGER_ADMIN_USER;
    shared = LedgerTarget.start({
      dialect: dialectOf(world),
      ...(adminUser ? { adminUser } : {}),
      ...(ledgerUrl ? { ledgerUrl } : {}),
      ...(adminToken ? { adminToken } : {}),
      faults: params.referenceLedgerFaults ?? process.env.ILP_REFERENCE_LEDGER_FAULTS ?? '',
    });
    shared.catch(() => undefined);
  }
  return shared;
}

Before({ tags: '@ledger' }, function (this: IlpWorld, { pickle }) {
  const reason = ledgerSkipReason(pickle.tags.map((t) => t.name), dialectOf(this));
  if (!reason) return undefined;
  this.attach(reason, { mediaType: SKIP_REASON_MEDIA_TYPE });
  return 'skipped';
});

BeforeAll(async function () {
  const run = this as WithParameters;
  if (run.parameters.startTargetsEarly) await ledgerTarget(run);
});

AfterAll(async function () {
  const pending = shared;
  shared = undefined;
  const target = pending ? await pending.catch(() => undefined) : undefined;
  await target?.close();
});
