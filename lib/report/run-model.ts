import type * as messages from '@cucumber/messages';
import { CHECKS_MEDIA_TYPE, requirementOutcomes, type CheckResult } from '../judgement/judge';
import { TARGET_MEDIA_TYPE, type TargetDescription } from '../targets/target';
import { classifyStep, scenarioStatus, type ScenarioStatus } from './status';

/**
 * The run, rebuilt from Cucumber's message stream and joined with the requirement catalog.
 * Every writer (JSON, HTML, JUnit, badge, summary, Allure) renders this model; none reads the stream itself.
 */
export type Level = 'must' | 'should' | 'may';
/**
 * A requirement's status in the report. `failed` is kept for MUST-level evidence against the target; a
 * SHOULD the target missed is a `warning`, a MAY it does not do `not-implemented`; `not-reached` means every
 * scenario carrying it stopped (on another requirement's check) before judging it.
 */
export type RequirementStatus = ScenarioStatus | 'not-reached' | 'untested';

/** What the report needs from the requirement catalog (lib/catalog adapts to this; tests build it directly). */
export interface CatalogView {
  readonly version: string;
  /** RFC key (e.g. "RFC 27") -> the revision (commit or draft) the catalog was written from. */
  readonly rfcRevisions: Readonly<Record<string, string>>;
  readonly requirements: readonly CatalogRequirement[];
  /** The requirement IDs a scenario's tags name (tags as written, with '@'). */
  requirementIdsOf(tags: readonly string[]): string[];
}

export interface CatalogRequirement {
  readonly id: string;
  /** The catalog's own level word (MUST, FORMAT, DUTY, SHOULD, must*, MAY, ...). */
  readonly catalogLevel: string;
  /** The level the verdict uses; undefined for entries that are not tested (INFO, AMBIGUOUS). */
  readonly level: Level | undefined;
  readonly summary: string;
  /** Where it comes from, e.g. "RFC 27 §Packet Format". */
  readonly source: string;
  /** Area of the catalog, e.g. "PKT" with its title. */
  readonly area: string;
  /** Profiles whose runs should cover this requirement (codec, connector, ledger); empty: no scenario can. */
  readonly profiles: readonly string[];
  /** Set on a choice of this project's own API rather than an RFC requirement (lib/catalog Requirement.convention). */
  readonly convention?: string;
}

export interface EvidenceRef {
  /** Path relative to the run directory, e.g. evidence/packets-prepare-1a2b3c.txt. */
  readonly path: string;
  readonly mediaType: string;
  readonly name: string;
}

export interface ScenarioResult {
  /** Stable key: feature path, scenario name and (for outlines) the example row. */
  readonly key: string;
  readonly name: string;
  readonly uri: string;
  readonly line: number;
  readonly tags: readonly string[];
  readonly requirements: readonly string[];
  readonly level: Level;
  /** Feature area tag (codec, connector, http, ledger) when present. */
  readonly area: string | undefined;
  readonly status: ScenarioStatus;
  /** Failure or error message, or the skip reason. Already masked. */
  readonly message: string | undefined;
  /** The step (or hook) where the scenario stopped. */
  readonly stoppedAt: string | undefined;
  readonly exceptionType: string | undefined;
  /** Why the scenario was skipped (a capability the target does not declare), as the step said it. */
  readonly skipReason?: string;
  /** Every check its steps made, in order (lib/judgement/judge.ts). */
  readonly checks: readonly CheckResult[];
  /** How each of its requirements came out by its own checks. */
  readonly requirementResults: Readonly<Record<string, RequirementStatus>>;
  readonly durationMs: number;
  readonly attempts: number;
  /** Passed only on a retry. */
  readonly flaky: boolean;
  readonly evidence: EvidenceRef[];
  /** Attachments as received (masked), for writers that store them; not serialised. */
  readonly attachments: readonly RawAttachment[];
}

export interface RawAttachment {
  readonly name: string;
  readonly mediaType: string;
  readonly body: Buffer;
}

export interface RequirementResult {
  readonly id: string;
  readonly level: Level;
  readonly catalogLevel: string;
  readonly summary: string;
  readonly source: string;
  readonly area: string;
  /** The profile whose features cover it ('none' when no black-box scenario can). */
  readonly profile: string;
  /** Set on a convention of this project's own API (not an RFC requirement): the report lists those apart. */
  readonly convention?: string;
  readonly status: RequirementStatus;
  /** Keys of the scenarios that carry this requirement's tag. */
  readonly scenarios: readonly string[];
  readonly evidence: readonly string[];
  /** True when the tag names an ID the catalog does not hold. */
  readonly unknown: boolean;
}

export interface RunProblem {
  readonly where: string;
  readonly message: string;
}

export interface RunModel {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly cucumberVersion: string;
  readonly scenarios: readonly ScenarioResult[];
  readonly requirements: readonly RequirementResult[];
  /** Problems outside any scenario: BeforeAll/AfterAll hooks, parse errors, the run itself failing. */
  readonly runProblems: readonly RunProblem[];
  /** Every system under test the run met, as its worker described it (lib/targets/target.ts), once each. */
  readonly targets: readonly TargetDescription[];
}

export interface BuildOptions {
  readonly catalog: CatalogView;
  /** Profile the run selected; untested requirements are counted within it. Undefined: all profiles. */
  readonly profile?: string;
}

const LEVEL_TAGS: Record<string, Level> = { '@must': 'must', '@should': 'should', '@may': 'may' };
const AREA_TAGS = ['codec', 'connector', 'http', 'ledger', 'receiver', 'mojaloop'];

/** Collects envelopes, then builds the model. Feed it the masked stream. */
export class RunModelBuilder {
  private readonly documents = new Map<string, messages.GherkinDocument>();
  private readonly pickles = new Map<string, messages.Pickle>();
  private readonly testCases = new Map<string, messages.TestCase>();
  private readonly hooks = new Map<string, messages.Hook>();
  private readonly started = new Map<string, messages.TestCaseStarted>();
  private readonly stepResults = new Map<string, Array<{ stepId: string; result: messages.TestStepResult }>>();
  private readonly attachments = new Map<string, RawAttachment[]>();
  private readonly finished = new Map<string, messages.TestCaseFinished>();
  private readonly runHookStarted = new Map<string, messages.TestRunHookStarted>();
  private readonly problems: RunProblem[] = [];
  private runStarted: messages.Timestamp | undefined;
  private runFinished: messages.TestRunFinished | undefined;
  private cucumberVersion = 'unknown';

  /** A problem outside the stream (Cucumber could not start: a step file that does not load, ...). */
  addProblem(where: string, message: string): void {
    this.problems.push({ where, message });
  }

  add(e: messages.Envelope): void {
    if (e.meta) this.cucumberVersion = e.meta.implementation.version ?? 'unknown';
    if (e.gherkinDocument?.uri) this.documents.set(e.gherkinDocument.uri, e.gherkinDocument);
    if (e.pickle) this.pickles.set(e.pickle.id, e.pickle);
    if (e.hook) this.hooks.set(e.hook.id, e.hook);
    if (e.testCase) this.testCases.set(e.testCase.id, e.testCase);
    if (e.testCaseStarted) this.started.set(e.testCaseStarted.id, e.testCaseStarted);
    if (e.testStepFinished) {
      const list = this.stepResults.get(e.testStepFinished.testCaseStartedId) ?? [];
      list.push({ stepId: e.testStepFinished.testStepId, result: e.testStepFinished.testStepResult });
      this.stepResults.set(e.testStepFinished.testCaseStartedId, list);
    }
    if (e.attachment?.testCaseStartedId) {
      const a = e.attachment;
      const list = this.attachments.get(a.testCaseStartedId!) ?? [];
      list.push({
        name: a.fileName ?? 'attachment',
        mediaType: a.mediaType,
        body: Buffer.from(a.body, a.contentEncoding === 'BASE64' ? 'base64' : 'utf8'),
      });
      this.attachments.set(a.testCaseStartedId!, list);
    }
    if (e.testCaseFinished) this.finished.set(e.testCaseFinished.testCaseStartedId, e.testCaseFinished);
    if (e.testRunStarted) this.runStarted = e.testRunStarted.timestamp;
    if (e.testRunHookStarted) this.runHookStarted.set(e.testRunHookStarted.id, e.testRunHookStarted);
    if (e.testRunHookFinished && e.testRunHookFinished.result.status !== 'PASSED') {
      const started = this.runHookStarted.get(e.testRunHookFinished.testRunHookStartedId);
      const hook = started ? this.hooks.get(started.hookId) : undefined;
      this.problems.push({
        where: `${hook?.type === 'AFTER_TEST_RUN' ? 'AfterAll' : 'BeforeAll'} hook${hook?.name ? ` "${hook.name}"` : ''}`,
        message: e.testRunHookFinished.result.exception?.message ?? e.testRunHookFinished.result.message ?? e.testRunHookFinished.result.status,
      });
    }
    if (e.parseError) this.problems.push({ where: e.parseError.source.uri ?? 'feature file', message: e.parseError.message });
    if (e.testRunFinished) {
      this.runFinished = e.testRunFinished;
      if (e.testRunFinished.exception || (!e.testRunFinished.success && e.testRunFinished.message)) {
        this.problems.push({
          where: 'test run',
          message: e.testRunFinished.exception?.message ?? e.testRunFinished.message ?? 'the run failed',
        });
      }
    }
  }

  build(opts: BuildOptions): RunModel {
    const scenarios = this.buildScenarios(opts.catalog);
    const requirements = buildRequirements(scenarios, opts);
    const startedAt = this.runStarted ? toDate(this.runStarted) : new Date();
    const finishedAt = this.runFinished ? toDate(this.runFinished.timestamp) : startedAt;
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      cucumberVersion: this.cucumberVersion,
      scenarios,
      requirements,
      runProblems: this.problems,
      targets: this.targets(),
    };
  }

  /** The targets the workers announced (each worker once per target), once each. */
  private targets(): TargetDescription[] {
    const found = new Map<string, TargetDescription>();
    for (const list of this.attachments.values()) {
      for (const a of list) {
        if (a.mediaType !== TARGET_MEDIA_TYPE) continue;
        try {
          const d = JSON.parse(a.body.toString('utf8')) as TargetDescription;
          found.set(`${d.kind} ${d.endpoint}`, d);
        } catch {
          // A description that does not parse says nothing; the report names the target by its URL anyway.
        }
      }
    }
    return [...found.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }

  private buildScenarios(catalog: CatalogView): ScenarioResult[] {
    // Attempts per test case, in the order they started; the last one that will not be retried counts.
    const attemptsByCase = new Map<string, messages.TestCaseStarted[]>();
    for (const s of this.started.values()) {
      const list = attemptsByCase.get(s.testCaseId) ?? [];
      list.push(s);
      attemptsByCase.set(s.testCaseId, list);
    }
    const keys = new Map<string, number>();
    const results: ScenarioResult[] = [];
    for (const testCase of this.testCases.values()) {
      const pickle = this.pickles.get(testCase.pickleId);
      if (!pickle) continue;
      const attempts = (attemptsByCase.get(testCase.id) ?? []).sort((a, b) => a.attempt - b.attempt);
      const last = attempts[attempts.length - 1];
      const tags = pickle.tags.map((t) => t.name);
      const base = {
        name: pickle.name,
        uri: pickle.uri,
        line: pickle.location?.line ?? this.scenarioLine(pickle),
        tags,
        requirements: catalog.requirementIdsOf(tags),
        level: levelOf(tags, catalog),
        area: AREA_TAGS.find((a) => tags.includes(`@${a}`)),
      };
      let key = this.keyOf(pickle);
      const seen = keys.get(key) ?? 0;
      keys.set(key, seen + 1);
      if (seen > 0) key = `${key} #${seen + 1}`;
      if (!last) {
        // Planned but never started: the run stopped early (fail-fast, a crash, a BeforeAll failure).
        results.push({ ...base, key, status: 'errored', message: 'The scenario never ran (the run stopped before it).', stoppedAt: undefined,
          exceptionType: undefined, checks: [], requirementResults: Object.fromEntries(base.requirements.map((id) => [id, 'errored' as const])),
          durationMs: 0, attempts: 0, flaky: false, evidence: [], attachments: [] });
        continue;
      }
      const attachments = this.attachments.get(last.id) ?? [];
      const checks = checksOf(attachments);
      const judged = refineByLevel(this.judge(testCase, last.id, pickle), checks, base.level, base.requirements, catalog);
      const earlierFailed = attempts.slice(0, -1).some((a) => this.judge(testCase, a.id, pickle).status !== 'passed');
      const finished = this.finished.get(last.id);
      const durationMs = finished ? Math.max(0, toDate(finished.timestamp).getTime() - toDate(last.timestamp).getTime()) : 0;
      results.push({
        ...base,
        key,
        ...judged,
        checks,
        requirementResults: requirementResultsOf(base.requirements, judged.status, checks, base.level, catalog),
        durationMs,
        attempts: attempts.length,
        flaky: judged.status === 'passed' && earlierFailed,
        evidence: [],
        attachments,
      });
    }
    return results.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line || a.key.localeCompare(b.key));
  }

  private judge(testCase: messages.TestCase, startedId: string, pickle: messages.Pickle):
    Pick<ScenarioResult, 'status' | 'message' | 'stoppedAt' | 'exceptionType' | 'skipReason'> {
    const results = this.stepResults.get(startedId) ?? [];
    const order = new Map(testCase.testSteps.map((s, i) => [s.id, i]));
    const sorted = [...results].sort((a, b) => (order.get(a.stepId) ?? 0) - (order.get(b.stepId) ?? 0));
    if (!this.finished.has(startedId)) {
      return { status: 'errored', message: 'The scenario did not finish (the run was interrupted).', stoppedAt: undefined, exceptionType: undefined };
    }
    const judged = sorted.map((r) => ({ ...r, ...classifyStep(r.result) }));
    const { status: worst, index } = scenarioStatus(judged);
    if (worst === 'passed') return { status: 'passed', message: undefined, stoppedAt: undefined, exceptionType: undefined };
    const culprit = judged[index]!;
    let message = culprit.message;
    let skipReason: string | undefined;
    if (worst === 'skipped') {
      const reason = (this.attachments.get(startedId) ?? []).find((a) => a.mediaType === SKIP_REASON_MEDIA_TYPE);
      skipReason = reason ? reason.body.toString('utf8').trim() : `skipped at ${this.describeStep(testCase, culprit.stepId, pickle)}, with no reason given`;
      message = skipReason;
    }
    return {
      status: worst,
      message,
      ...(skipReason !== undefined ? { skipReason } : {}),
      stoppedAt: this.describeStep(testCase, culprit.stepId, pickle),
      exceptionType: culprit.result.exception?.type,
    };
  }

  private describeStep(testCase: messages.TestCase, stepId: string, pickle: messages.Pickle): string {
    const step = testCase.testSteps.find((s) => s.id === stepId);
    if (step?.pickleStepId) {
      const ps = pickle.steps.find((p) => p.id === step.pickleStepId);
      return ps ? `step "${ps.text}"` : 'a step';
    }
    if (step?.hookId) {
      const hook = this.hooks.get(step.hookId);
      const kind = hook?.type === 'BEFORE_TEST_CASE' ? 'Before' : hook?.type === 'AFTER_TEST_CASE' ? 'After' : 'hook';
      const where = hook?.sourceReference.uri ? ` (${hook.sourceReference.uri}${hook.sourceReference.location ? `:${hook.sourceReference.location.line}` : ''})` : '';
      return `${kind} hook${hook?.name ? ` "${hook.name}"` : ''}${where}`;
    }
    return 'a step';
  }

  /** `features/x.feature: Scenario name`, plus the example row's cells for outline rows. */
  private keyOf(pickle: messages.Pickle): string {
    const base = `${pickle.uri}: ${pickle.name}`;
    if (pickle.astNodeIds.length < 2) return base;
    const rowId = pickle.astNodeIds[pickle.astNodeIds.length - 1];
    const doc = this.documents.get(pickle.uri);
    for (const scenario of scenariosOf(doc)) {
      for (const examples of scenario.examples) {
        const row = examples.tableBody.find((r) => r.id === rowId);
        if (row) return `${base} [${row.cells.map((c) => c.value).join(' | ')}]`;
      }
    }
    return base;
  }

  private scenarioLine(pickle: messages.Pickle): number {
    const doc = this.documents.get(pickle.uri);
    for (const scenario of scenariosOf(doc)) if (pickle.astNodeIds.includes(scenario.id)) return scenario.location.line;
    return 0;
  }
}

/** Media type a step attaches its skip reason under before returning 'skipped' (document it for step authors). */
export const SKIP_REASON_MEDIA_TYPE = 'text/x.ilp-skip-reason';

function* scenariosOf(doc: messages.GherkinDocument | undefined): Generator<messages.Scenario> {
  for (const child of doc?.feature?.children ?? []) {
    if (child.scenario) yield child.scenario;
    for (const ruleChild of child.rule?.children ?? []) if (ruleChild.scenario) yield ruleChild.scenario;
  }
}

/** The scenario's level tag; without one, the strictest level of its requirements (MUST when unknown). */
export function levelOf(tags: readonly string[], catalog: CatalogView): Level {
  for (const t of tags) if (LEVEL_TAGS[t]) return LEVEL_TAGS[t]!;
  // No level tag (the catalog check should have caught it): take the strictest level of its requirements.
  const levels = catalog.requirementIdsOf(tags)
    .map((id) => catalog.requirements.find((r) => r.id === id)?.level)
    .filter((l): l is Level => l !== undefined);
  return levels.includes('must') || levels.length === 0 ? 'must' : levels.includes('should') ? 'should' : 'may';
}

export function buildRequirements(scenarios: readonly ScenarioResult[], opts: BuildOptions): RequirementResult[] {
  const byId = new Map<string, ScenarioResult[]>();
  for (const s of scenarios) {
    for (const id of s.requirements) {
      const list = byId.get(id) ?? [];
      list.push(s);
      byId.set(id, list);
    }
  }
  const out: RequirementResult[] = [];
  for (const entry of opts.catalog.requirements) {
    const covered = byId.get(entry.id);
    if (!covered) {
      // Informative entries, and those no black-box scenario can test, are not reported as untested.
      if (entry.level === undefined || entry.profiles.length === 0) continue;
      if (opts.profile && !entry.profiles.includes(opts.profile)) continue;
    }
    out.push({
      id: entry.id,
      level: entry.level ?? strictest(covered ?? []),
      catalogLevel: entry.catalogLevel,
      summary: entry.summary,
      source: entry.source,
      area: entry.area,
      profile: entry.profiles[0] ?? 'none',
      ...(entry.convention ? { convention: entry.convention } : {}),
      status: covered ? requirementStatus(covered.map((s) => s.requirementResults[entry.id] ?? s.status)) : 'untested',
      scenarios: (covered ?? []).map((s) => s.key),
      evidence: [],
      unknown: false,
    });
    byId.delete(entry.id);
  }
  for (const [id, covered] of byId) {
    out.push({
      id,
      level: strictest(covered),
      catalogLevel: 'unknown',
      summary: 'This ID is not in the requirement catalog.',
      source: 'unknown',
      area: id.replace(/-L?\d+$/, ''),
      profile: 'none',
      status: requirementStatus(covered.map((s) => s.requirementResults[id] ?? s.status)),
      scenarios: covered.map((s) => s.key),
      evidence: [],
      unknown: true,
    });
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * A requirement's status from its scenarios' results for it: evidence against the target outweighs a harness
 * error elsewhere, a harness error outweighs a lesser finding, and a pass anywhere outweighs "not reached";
 * skipped only when every scenario skipped.
 */
const REQUIREMENT_PRECEDENCE: readonly RequirementStatus[] = ['failed', 'errored', 'warning', 'not-implemented', 'passed', 'not-reached', 'skipped'];

export function requirementStatus(results: readonly RequirementStatus[]): RequirementStatus {
  return REQUIREMENT_PRECEDENCE.find((status) => results.includes(status)) ?? 'skipped';
}

/** The checks a scenario attached (hooks.ts); none when it attached nothing readable. */
function checksOf(attachments: readonly RawAttachment[]): CheckResult[] {
  const found = attachments.find((a) => a.mediaType === CHECKS_MEDIA_TYPE);
  if (!found) return [];
  try {
    const parsed = JSON.parse(found.body.toString('utf8')) as unknown;
    return Array.isArray(parsed) ? (parsed as CheckResult[]) : [];
  } catch {
    return [];
  }
}

const STRENGTH: Readonly<Record<Level, number>> = { must: 3, should: 2, may: 1 };

/**
 * The level a finding on `ids` counts at. The scenario's primary requirement (its first tag) counts at the
 * scenario's level tag, which the tag check fits to that requirement; another requirement a step names
 * counts at its own catalog level (an informative entry has none: the tag decides). So a wrong triggeredBy
 * (ERR-009, a MUST) fails the run even inside a MAY scenario, and a MAY scenario's own finding never does.
 */
function findingLevel(scenarioLevel: Level, primary: string | undefined, ids: readonly string[], catalog: CatalogView): Level {
  const levels = ids.map((id) => (id === primary ? scenarioLevel : catalog.requirements.find((r) => r.id === id)?.level ?? scenarioLevel));
  return levels.length === 0 ? scenarioLevel : levels.reduce((a, b) => (STRENGTH[a] >= STRENGTH[b] ? a : b));
}

const FAILURE_AT: Readonly<Record<Level, ScenarioStatus>> = { must: 'failed', should: 'warning', may: 'not-implemented' };

/** A failed scenario is a warning or "not implemented" when the check that failed judged only weaker requirements. */
function refineByLevel<T extends { status: ScenarioStatus }>(judged: T, checks: readonly CheckResult[], level: Level, ids: readonly string[], catalog: CatalogView): T {
  if (judged.status !== 'failed') return judged;
  const failedCheck = checks.find((c) => !c.passed);
  return { ...judged, status: FAILURE_AT[findingLevel(level, ids[0], failedCheck?.requirements ?? [], catalog)] };
}

function requirementResultsOf(ids: readonly string[], status: ScenarioStatus, checks: readonly CheckResult[], level: Level, catalog: CatalogView): Record<string, RequirementStatus> {
  if (status === 'skipped' || status === 'errored') return Object.fromEntries(ids.map((id) => [id, status]));
  // A failure thrown outside judge() (a bare AssertionError) names no requirement: like a check that names
  // none, it judges the scenario's primary requirement.
  const failedOutside = status !== 'passed' && !checks.some((c) => !c.passed) && ids.length > 0;
  const judged = failedOutside ? [...checks, { requirements: [ids[0]!], passed: false, expected: '', actual: '' }] : checks;
  const outcomes = requirementOutcomes(ids, judged, status === 'passed');
  return Object.fromEntries(ids.map((id) => [id, outcomes[id] === 'failed' ? FAILURE_AT[findingLevel(level, ids[0], [id], catalog)] : outcomes[id]!]));
}

function strictest(scenarios: readonly ScenarioResult[]): Level {
  const levels = new Set(scenarios.map((s) => s.level));
  return levels.has('must') ? 'must' : levels.has('should') ? 'should' : levels.has('may') ? 'may' : 'must';
}

/** ADDR-002 before ADDR-010 before ADDR-L01. */
export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function toDate(t: messages.Timestamp): Date {
  return new Date(t.seconds * 1000 + Math.floor(t.nanos / 1e6));
}
