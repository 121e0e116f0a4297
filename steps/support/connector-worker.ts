/**
 * One connector target per cucumber worker: started on the first scenario that needs it (so a codec-only
 * run starts nothing), closed with every peer server after the run. A scenario tagged `@needs-<capability>`
 * is skipped, with the reason, when the target does not declare that capability.
 *
 * Where the settings come from (world parameters win over the environment):
 *   connectorUrl           | ILP_CONNECTOR_URL            external connector; absent = the bundled reference
 *   topology               | ILP_TOPOLOGY                 topology file; default fixtures/topology.json
 *   connectorCapabilities  | ILP_CONNECTOR_CAPABILITIES   e.g. "http-sync,ildcp"; default: declareConnector
 *   rfc35Revision          | ILP_RFC35_REVISION           draft-2 and/or draft-3; default draft-2 (external)
 *   referenceFaults        | ILP_REFERENCE_FAULTS         bundled only: fault switches (self-test)
 *                            ILP_REFERENCE_LOG=1          bundled only: the reference's log on stderr
 *   maxUnreachable         | ILP_MAX_UNREACHABLE          circuit breaker: scenarios in a row with only
 *                                                         connection failures before the rest error at once
 *                                                         (default 5, 0 = never; lib/targets/circuit-breaker.ts)
 */
import { After, Before } from '@cucumber/cucumber';
import { ConnectorHttpTarget } from '../../lib/targets/connector-http';
import { CONNECTOR_CAPABILITIES, declareConnector, neededCapabilities, type ConnectorDeclaration } from '../../lib/targets/capabilities';
import { loadCatalog } from '../../lib/catalog/catalog';
import { ScenarioJudgements } from '../../lib/judgement/judge';
import { perWorker, skipScenario } from './target-hooks';
import type { IlpWorld, IlpWorldParameters, WithParameters } from '../world';

interface ConnectorParameters extends IlpWorldParameters {
  readonly connectorCapabilities?: string | readonly string[];
  readonly rfc35Revision?: string | readonly string[];
  readonly referenceFaults?: string | readonly string[];
  readonly maxUnreachable?: number | string;
}


function settings(world: WithParameters) {
  const params = world.parameters as ConnectorParameters;
  const env = process.env;
  const list = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v ? [...v] : []);
  return {
    connectorUrl: params.connectorUrl ?? env.ILP_CONNECTOR_URL ?? undefined,
    topologyPath: params.topology ?? env.ILP_TOPOLOGY ?? undefined,
    capabilities: params.connectorCapabilities ?? env.ILP_CONNECTOR_CAPABILITIES,
    rfc35: params.rfc35Revision ?? env.ILP_RFC35_REVISION,
    faults: list(params.referenceFaults ?? env.ILP_REFERENCE_FAULTS),
    log: env.ILP_REFERENCE_LOG ? (line: string) => process.stderr.write(`[reference] ${line}\n`) : undefined,
    maxUnreachable: maxUnreachableOf(params.maxUnreachable ?? env.ILP_MAX_UNREACHABLE),
  };
}

function maxUnreachableOf(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`maxUnreachable must be a whole number of scenarios (0 = never), not ${JSON.stringify(value)}`);
  return n;
}

const worker = perWorker((world) => {
  const s = settings(world);
  return ConnectorHttpTarget.start({
    ...(s.connectorUrl ? { connectorUrl: s.connectorUrl } : {}),
    ...(s.topologyPath ? { topologyPath: s.topologyPath } : {}),
    ...(s.capabilities ? { capabilities: s.capabilities } : {}),
    ...(s.rfc35 ? { rfc35: s.rfc35 } : {}),
    faults: s.faults,
    ...(s.log ? { log: s.log } : {}),
    ...(s.maxUnreachable !== undefined ? { maxUnreachable: s.maxUnreachable } : {}),
  });
});

/** The worker's target; a start failure is remembered, so every later scenario reports the same cause at once. */
export const connectorTarget = worker.get;

// A scenario is skipped, with its reason as data (SKIP_REASON_MEDIA_TYPE), when it needs a capability the
// connector does not declare, or judges an HTTP requirement of an RFC 35 revision the connector does not implement.
Before({ tags: '@connector or @http' }, function (this: IlpWorld, { pickle }) {
  const s = settings(this);
  const declaration = declareConnector({ external: Boolean(s.connectorUrl), capabilities: s.capabilities, rfc35: s.rfc35 });
  const reason = skipReason(pickle.tags.map((t) => t.name), declaration);
  return reason ? skipScenario(this, reason) : undefined;
});

function skipReason(tags: readonly string[], declaration: ConnectorDeclaration): string | undefined {
  const missing = neededCapabilities(tags).filter((c) => !declaration.capabilities.has(c));
  if (missing.length > 0) {
    return `the connector under test does not declare ${missing.map((c) => `${c} (${CONNECTOR_CAPABILITIES[c]})`).join(', ')}; declare it with --capabilities (ILP_CONNECTOR_CAPABILITIES) to run this scenario`;
  }
  const primary = loadCatalog().get(ScenarioJudgements.idsOfTags(tags)[0] ?? '');
  const revisions = primary?.rfc35Revisions;
  if (revisions && !revisions.some((r) => declaration.rfc35.has(r))) {
    return `${primary.id} belongs to RFC 35 ${revisions.join(' and ')}; the connector under test implements ${[...declaration.rfc35].join(' and ')} (declare it with --rfc35)`;
  }
  return undefined;
}

const startedTarget = worker.started;

// Circuit breaker: once the target met only connection failures for maxUnreachable scenarios in a row, every
// further scenario errors here at once with the reason, instead of waiting out its own connection failure.
Before({ tags: '@connector or @http' }, async function () {
  const target = await startedTarget();
  if (target?.breaker.open) throw target.breaker.openError();
});

After({ tags: '@connector or @http' }, async function () {
  (await startedTarget())?.breaker.endScenario();
});

// Mutation testing (cucumber profile `mutation-connector`) starts the target before the first scenario
// (perWorker): the code that builds the reference then runs outside every scenario.
