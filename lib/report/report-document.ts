import type { ExpectationReport } from './expectations';
import type { MaskedEntry } from './redaction';
import type { ReportFormat } from './report-formats';
import type { CatalogView, Level, RequirementResult, RequirementStatus, RunModel, ScenarioResult } from './run-model';
import type { ScenarioStatus } from './status';
import { CONNECTOR_CAPABILITIES } from '../targets/capabilities';
import type { TargetDescription } from '../targets/target';
import type { Verdict } from './verdict';

/**
 * conformance.json: the one document every other report is rendered from (schema:
 * fixtures/schemas/report.schema.json). Built from the run model, the verdict and the run's identity.
 */
export const REPORT_FORMAT_VERSION = '1.0';

export interface TargetIdentity {
  /** "bundled reference", or the URL(s) given (credentials removed). */
  readonly identity: string;
  readonly kind: 'bundled-reference' | 'external';
  readonly connectorUrl?: string;
  readonly ledgerUrl?: string;
  readonly reached: boolean;
  readonly reachability: string;
  /** Connector runs: what the connector was judged as (filled in by buildReport with the skip counts). */
  readonly connector?: ConnectorJudgedAs;
}

export interface ConnectorJudgedAs {
  readonly capabilities: readonly string[];
  readonly rfc35: readonly string[];
  readonly declaration: 'declared' | 'default';
  readonly undeclared: readonly { readonly capability: string; readonly meaning: string; readonly skipped: number; readonly enable: string }[];
}

export interface RunIdentity {
  readonly runId: string;
  readonly suite: { readonly name: string; readonly version: string };
  readonly catalog: { readonly version: string; readonly rfcRevisions: Readonly<Record<string, string>> };
  readonly target: TargetIdentity;
  readonly profile: string;
  readonly selection: { readonly tags: string; readonly requirements: readonly string[] };
  readonly masked: readonly MaskedEntry[];
  readonly expectations?: ExpectationReport;
  readonly allure: { readonly results: string | null; readonly report: string | null; readonly note: string };
  /** The files this run writes (report-formats.ts); absent: all of them. */
  readonly formats?: ReadonlySet<ReportFormat>;
}

export type Counts = Record<RequirementStatus, number> & { total: number };

export interface ReportScenario extends Omit<ScenarioResult, 'attachments'> {}

export interface ConformanceReport {
  readonly reportFormat: string;
  readonly runId: string;
  readonly suite: RunIdentity['suite'];
  readonly catalog: RunIdentity['catalog'];
  readonly target: TargetIdentity;
  /** The implementations judged, as their targets described themselves (name, version, endpoint, capabilities). */
  readonly implementations: readonly TargetDescription[];
  readonly profile: string;
  readonly selection: RunIdentity['selection'];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly environment: { readonly node: string; readonly platform: string; readonly cucumber: string };
  readonly verdict: Verdict;
  readonly expectations: ExpectationReport | null;
  readonly summary: {
    readonly scenarios: Counts;
    readonly requirements: Counts;
    readonly byLevel: Record<Level, Counts>;
    readonly byArea: Record<string, Counts>;
    /** Per profile (connector, ledger, codec, receiver, mojaloop; 'none' for informative entries). */
    readonly byProfile: Record<string, Counts>;
  };
  readonly requirements: readonly RequirementResult[];
  readonly scenarios: readonly ReportScenario[];
  readonly untested: readonly string[];
  readonly runProblems: RunModel['runProblems'];
  readonly masked: readonly MaskedEntry[];
  readonly files: Readonly<Record<string, string | null>>;
  readonly allureNote: string;
}

export function emptyCounts(): Counts {
  return { passed: 0, failed: 0, warning: 0, 'not-implemented': 0, 'not-reached': 0, errored: 0, skipped: 0, untested: 0, total: 0 };
}

function count(counts: Counts, status: RequirementStatus): void {
  counts[status] += 1;
  counts.total += 1;
}

export function buildReport(model: RunModel, verdict: Verdict, id: RunIdentity, catalog: CatalogView): ConformanceReport {
  const scenarioCounts = emptyCounts();
  for (const s of model.scenarios) count(scenarioCounts, s.status);
  const requirementCounts = emptyCounts();
  const byLevel: Record<Level, Counts> = { must: emptyCounts(), should: emptyCounts(), may: emptyCounts() };
  const byArea: Record<string, Counts> = {};
  const byProfile: Record<string, Counts> = {};
  const evidenceOf = new Map<string, string[]>();
  const written = (format: ReportFormat, name: string): string | null => (!id.formats || id.formats.has(format) ? name : null);
  for (const s of model.scenarios) evidenceOf.set(s.key, s.evidence.map((e) => e.path));
  const requirements = model.requirements.map((r) => {
    count(requirementCounts, r.status);
    count(byLevel[r.level], r.status);
    count((byArea[r.area] ??= emptyCounts()), r.status);
    count((byProfile[r.profile] ??= emptyCounts()), r.status);
    return { ...r, evidence: [...new Set(r.scenarios.flatMap((k) => evidenceOf.get(k) ?? []))] };
  });
  return {
    reportFormat: REPORT_FORMAT_VERSION,
    runId: id.runId,
    suite: id.suite,
    catalog: { version: catalog.version, rfcRevisions: id.catalog.rfcRevisions },
    target: id.target.connector ? { ...id.target, connector: withSkipCounts(id.target.connector, model.scenarios) } : id.target,
    implementations: model.targets,
    profile: id.profile,
    selection: id.selection,
    startedAt: model.startedAt,
    finishedAt: model.finishedAt,
    durationMs: model.durationMs,
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cucumber: model.cucumberVersion },
    verdict,
    expectations: id.expectations ?? null,
    summary: { scenarios: scenarioCounts, requirements: requirementCounts, byLevel, byArea, byProfile },
    requirements,
    scenarios: model.scenarios.map(({ attachments: _attachments, ...rest }) => rest),
    untested: requirements.filter((r) => r.status === 'untested').map((r) => r.id),
    runProblems: model.runProblems,
    masked: id.masked,
    files: {
      json: 'conformance.json',
      html: written('html', 'conformance.html'),
      junit: written('junit', 'junit.xml'),
      messages: written('cucumber', 'messages.ndjson'),
      cucumberHtml: written('cucumber', 'cucumber.html'),
      allureResults: id.allure.results,
      allureReport: id.allure.report,
      badge: written('badge', 'badge.svg'),
      shieldsEndpoint: written('badge', 'badge.json'),
      summary: written('summary', 'summary.md'),
      evidence: written('evidence', 'evidence'),
    },
    allureNote: id.allure.note,
  };
}

/** Per capability the connector did not declare: how many scenarios were skipped for it, and the flag to enable it. */
function withSkipCounts(connector: ConnectorJudgedAs, scenarios: readonly ScenarioResult[]): ConnectorJudgedAs {
  const declared = new Set(connector.capabilities);
  const undeclared = Object.entries(CONNECTOR_CAPABILITIES)
    .filter(([capability]) => !declared.has(capability))
    .map(([capability, meaning]) => ({
      capability,
      meaning,
      skipped: scenarios.filter((s) => s.status === 'skipped' && s.tags.includes(`@needs-${capability}`)).length,
      enable: `--capabilities ${[...connector.capabilities, capability].join(',')}`,
    }));
  return { ...connector, undeclared };
}

export const STATUS_ORDER: readonly RequirementStatus[] = ['failed', 'errored', 'warning', 'not-implemented', 'not-reached', 'passed', 'skipped', 'untested'];
export type { ScenarioStatus };
