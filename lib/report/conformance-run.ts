import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Envelope } from '@cucumber/messages';
import { join, relative, resolve } from 'node:path';
import { declareConnector } from '../targets/capabilities';
import { MOJALOOP_SWITCH_PORT } from '../mojaloop/switch-port';
import { describeSource, pairAuditUnits, readCaptureFile } from '../mojaloop/capture';
import { applyExpectations, type Expectation } from './expectations';
import { ConsoleProgress, isPlainOutput } from './console-progress';
import { runCucumberMasked } from './cucumber-run';
import { probeTargets, safeUrl } from './reachability';
import type { ReportFormat } from './report-formats';
import type { Redactor } from './redaction';
import type { ConnectorJudgedAs, TargetIdentity } from './report-document';
import { RunModelBuilder, type CatalogView } from './run-model';
import { computeVerdict, VERDICT_TITLES, type Reachability } from './verdict';
import { newRunId, writeRun, type WrittenRun } from './write-run';

/**
 * One conformance run from start to report: probe the target, run Cucumber (masked stream, progress on the
 * console), build the model, judge it, apply expectations, write reports/<run-id>/, print the verdict.
 *
 * Exit code (DESIGN §9): the verdict's (0 conformant / with warnings, 1 not conformant, 3 incomplete).
 * With an expectations file (CI mode) only unexpected results fail the run: 0 when every scenario ended as
 * expected, 1 when any result was unexpected (a new failure, or an expected failure that now passes),
 * and still 3 when the target was unreachable, nothing ran, every scenario errored or the run itself broke.
 * The report always shows the raw verdict next to the expectation outcome.
 */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

export type ProfileName = 'all' | 'codec' | 'connector' | 'ledger' | 'receiver' | 'mojaloop';

export const PROFILE_TAGS: Record<Exclude<ProfileName, 'all'>, string> = {
  codec: '@codec',
  connector: '(@connector or @http)',
  ledger: '@ledger',
  receiver: '@receiver',
  mojaloop: '@mojaloop',
};

export interface ConformanceRunOptions {
  readonly cwd?: string;
  readonly paths?: readonly string[];
  readonly require?: readonly string[];
  readonly requireModule?: readonly string[];
  readonly connectorUrl?: string;
  /** The connector's declared capabilities and RFC 35 revisions (lib/targets/capabilities.ts); default: declareConnector. */
  readonly capabilities?: string;
  readonly rfc35?: string;
  readonly ledgerUrl?: string;
  /** The API the ledger speaks (lib/targets/ledger-dialect.ts): native (default) or five-bells. */
  readonly ledgerApi?: string;
  /** A STREAM receiver under test: its SPSP endpoint and its ILP-over-HTTP endpoint. */
  readonly receiverSpspUrl?: string;
  readonly receiverIlpUrl?: string;
  /** A Mojaloop participant under test (lib/targets/mojaloop-target.ts): its FSPIOP URL, role, FSP ID, trigger, ILP and API modes. */
  readonly mojaloopUrl?: string;
  readonly mojaloopRole?: string;
  readonly mojaloopFspId?: string;
  readonly mojaloopPayerTrigger?: string;
  readonly mojaloopIlp?: string;
  readonly mojaloopApi?: string;
  /** The captured audit: a hub's log of FSPIOP messages, judged offline (features tagged @captured only). */
  readonly mojaloopCapture?: string;
  /** A codec adapter command (lib/targets/codec-adapter.ts); absent: the in-process codec. */
  readonly codecAdapter?: string;
  readonly topologyPath?: string;
  readonly profile: ProfileName;
  readonly tags?: string;
  readonly requirements: readonly string[];
  readonly parallel: number;
  readonly dryRun: boolean;
  readonly expectations?: { readonly file: string; readonly entries: readonly Expectation[] };
  readonly outRoot: string;
  readonly catalog: CatalogView;
  readonly redactor: Redactor;
  readonly allureHtml?: boolean;
  /** Report files to write (report-formats.ts); default DEFAULT_FORMATS. */
  readonly formats?: ReadonlySet<ReportFormat>;
  readonly out?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err?: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
  readonly runId?: string;
  /** Circuit breaker (lib/targets/circuit-breaker.ts): scenarios in a row with only connection failures; 0 = never. */
  readonly maxUnreachable?: number;
}

export interface ConformanceRunResult {
  readonly exitCode: number;
  readonly written?: WrittenRun;
}

/** The Cucumber tag expression for a profile, extra tags and requirement IDs, joined with `and`. */
export function tagExpression(profile: ProfileName, tags: string | undefined, requirements: readonly string[]): string {
  const parts: string[] = [];
  if (profile !== 'all') parts.push(PROFILE_TAGS[profile]);
  if (tags && tags.trim()) parts.push(`(${tags.trim()})`);
  if (requirements.length) parts.push(`(${requirements.map((id) => `@${id}`).join(' or ')})`);
  return parts.join(' and ');
}

/**
 * How this module was loaded: from TypeScript source in the repository (through sucrase's require hook), or
 * compiled to JavaScript in the installed package (dist/, built by `npm run build`). Step files are loaded
 * the same way.
 */
export const COMPILED = __filename.endsWith('.js');
const SOURCE_EXT = COMPILED ? '.js' : '.ts';

/**
 * The step and support files under `dir`: every .ts file (.js when compiled) except unit tests (`*.test.ts`
 * sit beside the code, and a glob like steps/**\/*.ts would load them into the run, where node:test runs them).
 */
export function supportFiles(cwd: string, dir: string, ext = SOURCE_EXT): string[] {
  const walk = (rel: string): string[] =>
    readdirSync(join(cwd, rel)).sort().flatMap((name) => {
      const path = `${rel}/${name}`;
      if (statSync(join(cwd, path)).isDirectory()) return walk(path);
      return name.endsWith(ext) && !name.endsWith(`.test${ext}`) && !name.endsWith('.d.ts') ? [path] : [];
    });
  try {
    return walk(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The suite's name and version from its package.json: beside PROJECT_ROOT, or above it when compiled (dist/). */
export function suiteIdentity(root = PROJECT_ROOT): { name: string; version: string } {
  const file = [join(root, 'package.json'), join(root, '..', 'package.json')].find((f) => existsSync(f)) ?? join(root, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

export async function conformanceRun(opts: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const out = opts.out ?? process.stdout;
  const env = opts.env ?? process.env;
  const say = (line: string) => out.write(`${opts.redactor.text(line)}\n`);
  const cwd = opts.cwd ?? PROJECT_ROOT;
  const tags = withMojaloopMode(tagExpression(opts.profile, opts.tags, opts.requirements), opts);
  const worldParameters: Record<string, unknown> = {};
  if (opts.connectorUrl) worldParameters.connectorUrl = opts.connectorUrl;
  if (opts.ledgerUrl) worldParameters.ledgerUrl = opts.ledgerUrl;
  if (opts.ledgerApi) worldParameters.ledgerApi = opts.ledgerApi;
  if (opts.receiverSpspUrl) worldParameters.receiverSpspUrl = opts.receiverSpspUrl;
  if (opts.receiverIlpUrl) worldParameters.receiverIlpUrl = opts.receiverIlpUrl;
  if (opts.codecAdapter) worldParameters.codecAdapter = opts.codecAdapter;
  for (const key of ['mojaloopUrl', 'mojaloopRole', 'mojaloopFspId', 'mojaloopPayerTrigger', 'mojaloopIlp', 'mojaloopApi', 'mojaloopCapture'] as const) if (opts[key]) worldParameters[key] = opts[key];
  if (opts.topologyPath) worldParameters.topology = resolve(opts.topologyPath);
  if (opts.maxUnreachable !== undefined) worldParameters.maxUnreachable = opts.maxUnreachable;
  if (opts.capabilities) worldParameters.connectorCapabilities = opts.capabilities;
  if (opts.rfc35) worldParameters.rfc35Revision = opts.rfc35;
  const cucumber = {
    cwd,
    paths: opts.paths ?? ['features/**/*.feature'],
    require: opts.require ?? supportFiles(cwd, 'steps'),
    requireModule: opts.requireModule ?? (COMPILED ? [] : ['sucrase/register/ts']),
    tags,
    parallel: opts.parallel > 1 ? opts.parallel : 0,
    worldParameters,
    redactor: opts.redactor,
    ...(opts.err ? { stderr: opts.err } : {}),
  };

  if (opts.dryRun) {
    const { envelopes } = await runCucumberMasked({ ...cucumber, dryRun: true, parallel: 0 });
    // Every parsed pickle is announced; only those the tag expression selected get a test case.
    const selected = new Set(envelopes.flatMap((e) => (e.testCase ? [e.testCase.pickleId] : [])));
    let n = 0;
    for (const e of envelopes) {
      if (!e.pickle || !selected.has(e.pickle.id)) continue;
      const pickleTags = e.pickle.tags.map((t) => t.name);
      const ids = opts.catalog.requirementIdsOf(pickleTags);
      const level = pickleTags.find((t) => t === '@must' || t === '@should' || t === '@may')?.slice(1) ?? 'no level';
      say(`${(ids.join(' ') || '(no requirement)').padEnd(20)} ${level.padEnd(7)} ${e.pickle.uri}:${e.pickle.location?.line ?? '?'}  ${e.pickle.name}`);
      n += 1;
    }
    say(`${n} scenario(s) selected${tags ? ` by ${tags}` : ''}.`);
    return { exitCode: 0 };
  }

  // An external ILPv1 connector is named by its ledgers (steps/support/ilpv1-connector-config.ts), in the environment only.
  const ilpv1Ledgers = [env.ILP_V1_LEDGER_A_URL, env.ILP_V1_LEDGER_B_URL];
  const external = [opts.connectorUrl, opts.ledgerUrl, opts.receiverSpspUrl, opts.mojaloopUrl, ...ilpv1Ledgers].filter((u): u is string => Boolean(u));
  const reachability: Reachability = await probeTargets(external);
  const target: TargetIdentity = {
    identity: [...external.map(safeUrl), ...(opts.mojaloopCapture ? [`capture ${opts.mojaloopCapture}`] : []), ...(opts.codecAdapter ? [`codec adapter: ${opts.codecAdapter}`] : [])].join(' + ') || 'bundled reference',
    kind: external.length || opts.codecAdapter || opts.mojaloopCapture ? 'external' : 'bundled-reference',
    ...(opts.connectorUrl ? { connectorUrl: safeUrl(opts.connectorUrl) } : {}),
    ...(opts.ledgerUrl ? { ledgerUrl: safeUrl(opts.ledgerUrl) } : {}),
    reached: reachability.reached,
    reachability: reachability.detail,
    ...(opts.profile === 'codec' || opts.profile === 'ledger' || opts.profile === 'receiver' || opts.profile === 'mojaloop' ? {} : { connector: judgedAs(opts, env) }),
  };

  const builder = new RunModelBuilder();
  let envelopes: Parameters<typeof writeRun>[0]['envelopes'] = [];
  if (reachability.reached) {
    say(`Running ilp-conformance against ${target.identity}${tags ? ` (${tags})` : ''}`);
    if (opts.mojaloopUrl) say(`Mojaloop switch: the participant's callbacks go to http://127.0.0.1:${env.ILP_MOJALOOP_SWITCH_PORT || MOJALOOP_SWITCH_PORT} (role ${opts.mojaloopRole}, FSP ${opts.mojaloopFspId}, ILP ${opts.mojaloopApi === 'iso20022' ? 'v4' : opts.mojaloopIlp ?? 'v1'}${opts.mojaloopApi === 'iso20022' ? ', API iso20022' : ''})`);
    if (opts.mojaloopCapture) say(captureLine(opts));
    const progress = new ConsoleProgress({ out, plain: isPlainOutput(env, out) });
    const seen: Envelope[] = [];
    try {
      await runCucumberMasked({
        ...cucumber,
        dryRun: false,
        onEnvelope: (e) => {
          seen.push(e);
          builder.add(e);
          progress.onEnvelope(e);
        },
      });
    } catch (error) {
      // Cucumber itself could not run (a support file that throws on load, a bad tag expression):
      // the harness is broken, and the report says so instead of a stack trace.
      builder.addProblem('Cucumber', opts.redactor.text((error as Error).message ?? String(error)));
    }
    progress.end();
    envelopes = seen;
  } else {
    say(`Not running: ${reachability.detail}`);
  }

  const model = builder.build({ catalog: opts.catalog, ...(opts.profile !== 'all' ? { profile: opts.profile } : {}) });
  const verdict = computeVerdict(model, reachability);
  const expectations = opts.expectations ? applyExpectations(opts.expectations.file, opts.expectations.entries, model.scenarios) : undefined;
  const written = await writeRun({
    outRoot: opts.outRoot,
    runId: opts.runId ?? newRunId(),
    envelopes,
    model,
    verdict,
    catalog: opts.catalog,
    redactor: opts.redactor,
    suite: suiteIdentity(),
    target,
    profile: opts.profile,
    selection: { tags, requirements: [...opts.requirements] },
    ...(expectations ? { expectations } : {}),
    ...(opts.allureHtml !== undefined ? { allureHtml: opts.allureHtml } : {}),
    ...(opts.formats ? { formats: opts.formats } : {}),
  });

  const s = written.report.summary.scenarios;
  say(`Verdict: ${VERDICT_TITLES[verdict.result]} (exit ${verdict.exitCode})`);
  for (const r of verdict.reasons) say(`  ${r}`);
  // A run narrowed by --tags or --requirement leaves the rest of its profile untested by choice: say so.
  const narrowed = opts.tags?.trim() || opts.requirements.length ? ` (of profile ${opts.profile}; this run selected ${tags})` : '';
  say(`Scenarios: ${s.passed} passed, ${s.failed} failed, ${s.errored} errored, ${s.skipped} skipped; untested requirements in scope: ${written.report.untested.length}${narrowed}`);
  let exitCode: number = verdict.exitCode;
  if (expectations) {
    const harnessAtFault = verdict.result === 'incomplete' && verdict.incompleteCause !== 'must-errored';
    exitCode = harnessAtFault ? 3 : expectations.ok ? 0 : 1;
    const c = expectations.counts;
    say(`Expectations (${opts.expectations!.file}): ${expectations.ok ? 'no unexpected results' : 'UNEXPECTED RESULTS'}; ${c.expected} as expected, ${c['unexpected-failure']} unexpected failures, ${c['unexpected-pass']} unexpected passes, ${c['unexpected-status']} other, ${expectations.stale.length} stale`);
    for (const r of expectations.results.filter((x) => x.outcome !== 'expected')) say(`  ${r.outcome}: ${r.scenario} (${r.actual})`);
  }
  say(`Report: ${relative(process.cwd(), join(written.runDir, written.report.files.html ?? 'conformance.json')) || written.runDir}`);
  say(`Allure: ${written.report.allureNote}`);
  if (env.GITHUB_STEP_SUMMARY && written.report.files.summary) {
    try {
      appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(join(written.runDir, 'summary.md'), 'utf8'));
    } catch (error) {
      say(`Could not append to GITHUB_STEP_SUMMARY: ${(error as Error).message}`);
    }
  }
  say(`Exit code: ${exitCode}`);
  return { exitCode, written };
}

/**
 * The Mojaloop audit mode in the tag expression: a capture is judged by the @captured features alone (offline,
 * nothing started); a live external participant is not judged by them (they would read the bundled capture).
 */
export function withMojaloopMode(tags: string, opts: Pick<ConformanceRunOptions, 'mojaloopCapture' | 'mojaloopUrl'>): string {
  const mode = opts.mojaloopCapture ? '@captured' : opts.mojaloopUrl ? 'not @captured' : '';
  return mode ? (tags ? `${tags} and ${mode}` : mode) : tags;
}

/** What the run says of the capture before judging it: what was read, who is judged, and every broken line. */
function captureLine(opts: ConformanceRunOptions): string {
  const reading = readCaptureFile(opts.mojaloopCapture!);
  const units = pairAuditUnits(reading.messages).length;
  const broken = reading.problems.map((p) => `\n  ${describeSource(p.source)} (${p.kind}): ${p.message}`).join('');
  return `Mojaloop capture: judging ${opts.mojaloopCapture} offline (${reading.format === 'har' ? 'HAR' : 'JSON lines'}, ${reading.messages.length} messages, ${units} audit units; `
    + `${opts.mojaloopFspId ? `FSP ${opts.mojaloopFspId}` : 'every FSP'}, ${opts.mojaloopRole ? `role ${opts.mojaloopRole}` : 'both roles'}, ILP ${opts.mojaloopIlp ?? 'auto'})`
    + (reading.problems.length ? `; ${reading.problems.length} broken ${reading.format === 'har' ? 'entr' : 'line'}${reading.format === 'har' ? (reading.problems.length > 1 ? 'ies' : 'y') : reading.problems.length > 1 ? 's' : ''} not judged:${broken}` : '; no broken lines');
}

/** What the connector is judged as, the same way the workers decide it (steps/support/connector-worker.ts). */
function judgedAs(opts: ConformanceRunOptions, env: NodeJS.ProcessEnv): ConnectorJudgedAs {
  const declaration = declareConnector({
    external: Boolean(opts.connectorUrl ?? env.ILP_CONNECTOR_URL),
    capabilities: opts.capabilities ?? env.ILP_CONNECTOR_CAPABILITIES,
    rfc35: opts.rfc35 ?? env.ILP_RFC35_REVISION,
  });
  return { capabilities: [...declaration.capabilities], rfc35: [...declaration.rfc35], declaration: declaration.source, undeclared: [] };
}
