/**
 * The ledger under test, one per cucumber worker: started on the first @ledger scenario (so a run without
 * ledger scenarios starts nothing) and closed after the run. Its metadata is read and schema-checked once.
 *
 * Where the settings come from (world parameters win over the environment):
 *   ledgerUrl              | ILP_LEDGER_URL                external ledger; absent = the bundled reference ledger,
 *                                                           on an ephemeral loopback port with an in-memory database
 *                          | ILP_LEDGER_ADMIN_TOKEN        external ledger only: the admin token that opens accounts
 *   referenceLedgerFaults  | ILP_REFERENCE_LEDGER_FAULTS   bundled only: fault switches (self-test), comma-separated
 */
import { randomBytes } from 'node:crypto';
import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { LedgerHttpClient, describeLedgerReply, type LedgerMetadata } from '../../lib/targets/ledger-http';
import { startReferenceLedger, type RunningLedger } from '../../reference-impl/ledger';
import type { IlpWorldParameters, WithParameters } from '../world';

interface LedgerParameters extends IlpWorldParameters {
  readonly referenceLedgerFaults?: string;
}

export interface LedgerTarget {
  readonly baseUrl: string;
  readonly adminToken: string;
  /** Undefined when the metadata broke the API: only the metadata scenarios can then judge the ledger. */
  readonly metadata: LedgerMetadata | undefined;
  /** Why `metadata` is undefined. */
  readonly metadataProblem: string | undefined;
  /** 'the bundled reference ledger' or the external URL, for messages. */
  readonly description: string;
  close(): Promise<void>;
}

let shared: Promise<LedgerTarget> | undefined;

/** The worker's ledger; a start failure is remembered, so every later scenario reports the same cause. */
export function ledgerTarget(world: WithParameters): Promise<LedgerTarget> {
  if (!shared) {
    const params = world.parameters as LedgerParameters;
    shared = startTarget(params.ledgerUrl ?? process.env.ILP_LEDGER_URL, params.referenceLedgerFaults ?? process.env.ILP_REFERENCE_LEDGER_FAULTS);
    shared.catch(() => undefined);
  }
  return shared;
}

async function startTarget(url: string | undefined, faults: string | undefined): Promise<LedgerTarget> {
  let running: RunningLedger | undefined;
  let adminToken: string;
  let baseUrl: string;
  if (url) {
    const token = process.env.ILP_LEDGER_ADMIN_TOKEN;
    if (!token) throw new Error(`ledger ${url} given, but ILP_LEDGER_ADMIN_TOKEN is not set: the suite opens fresh accounts per scenario with it`);
    adminToken = token;
    baseUrl = url.replace(/\/+$/, '');
  } else {
    adminToken = randomBytes(24).toString('base64url');
    running = await startReferenceLedger({ adminToken, faults: faults ?? '' });
    baseUrl = running.url;
  }
  const metadata = await new LedgerHttpClient({ baseUrl }).metadata();
  if (metadata.kind === 'transport-failure' || metadata.kind === 'refused') {
    await running?.close();
    throw new Error(`cannot use the ledger at ${baseUrl}: its metadata (GET /) gave ${describeLedgerReply(metadata)}`);
  }
  return {
    baseUrl,
    adminToken,
    metadata: metadata.kind === 'ok' ? metadata.body : undefined,
    metadataProblem: metadata.kind === 'ok' ? undefined : `its metadata (GET /) gave ${describeLedgerReply(metadata)}`,
    description: running ? `the bundled reference ledger${faults ? ` with faults ${faults}` : ''}` : `the ledger at ${baseUrl}`,
    close: async () => {
      await running?.close();
    },
  };
}

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
