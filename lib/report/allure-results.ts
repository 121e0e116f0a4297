import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as messages from '@cucumber/messages';
import { SKIP_REASON_MEDIA_TYPE, type Level } from './run-model';
import { classifyStep, isAssertionFailure, scenarioStatus, type StepStatus, type StepJudgement } from './status';

/**
 * Allure results (allure-cucumberjs), rendered by replaying the masked message stream into Allure's Cucumber
 * reporter, so Allure sees exactly what every other output sees and nothing unmasked.
 *
 * Before the replay each scenario's AST tags gain, per requirement ID, `@requirement:PKT-007` (a label) and
 * `@requirement=PKT-007` (a link, in the `=` form the reporter splits on), and `@severity:<s>` from its level
 * tag (must -> critical, should -> normal, may -> minor). Attachments (wire transcripts) become Allure
 * attachments. A step the suite judges a failure is given the AssertionError type so Allure shows it as
 * failed, not broken; harness errors stay broken. Each test's final status is then set to the suite's own
 * judgement (passed, failed, errored -> broken, skipped with its reason): Allure's own reading of step
 * results counts a scenario that skipped itself as passed.
 */
// The package's "exports" map names ./reporter, which this project's node10 type resolution cannot see.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AllureCucumberReporter = require('allure-cucumberjs/reporter') as new (options: unknown) => unknown;

export const SEVERITY: Record<Level, string> = { must: 'critical', should: 'normal', may: 'minor' };

export interface AllureOptions {
  readonly resultsDir: string;
  /** Link for a requirement ID, `%s` replaced by the ID. Default: the run's conformance.html anchor. */
  readonly requirementUrlTemplate?: string;
  /** requirement IDs and level of each pickle (from the run model). */
  readonly pickleInfo: ReadonlyMap<string, { requirements: readonly string[]; level: Level }>;
}

export function writeAllureResults(envelopes: readonly messages.Envelope[], opts: AllureOptions): void {
  mkdirSync(opts.resultsDir, { recursive: true });
  const hooks = envelopes.flatMap((e) => (e.hook ? [e.hook] : []));
  const broadcaster = new EventEmitter();
  const noop = () => undefined;
  // The reporter is a Cucumber formatter; it reads only these options (it subscribes to 'envelope').
  new AllureCucumberReporter({
    eventBroadcaster: broadcaster,
    parsedArgvOptions: {
      resultsDir: opts.resultsDir,
      labels: [
        { pattern: [/^@severity:/], name: 'severity' },
        { pattern: [/^@requirement:/], name: 'requirement' },
      ],
      links: {
        requirement: { pattern: [/^@requirement=/], urlTemplate: opts.requirementUrlTemplate ?? '../conformance.html#req-%s', nameTemplate: '%s' },
      },
    },
    supportCodeLibrary: {
      beforeTestCaseHookDefinitions: hooks.filter((h) => h.type === 'BEFORE_TEST_CASE').map((h) => ({ id: h.id, name: h.name })),
      afterTestCaseHookDefinitions: hooks.filter((h) => h.type === 'AFTER_TEST_CASE').map((h) => ({ id: h.id, name: h.name })),
      beforeTestRunHookDefinitions: [],
      afterTestRunHookDefinitions: [],
      World: undefined,
    },
    colorFns: {},
    cwd: process.cwd(),
    eventDataCollector: {},
    log: noop,
    snippetBuilder: {},
    stream: process.stdout,
    cleanup: async () => undefined,
  });
  const tagsByScenario = scenarioTags(envelopes, opts.pickleInfo);
  const judged = new Map<string, StepJudgement[]>();
  const skipReasons = new Map<string, string>();
  for (const e of envelopes) {
    if (e.testStepFinished) judged.get(e.testStepFinished.testCaseStartedId)?.push(classifyStep(e.testStepFinished.testStepResult));
    if (e.attachment?.testCaseStartedId && e.attachment.mediaType === SKIP_REASON_MEDIA_TYPE) skipReasons.set(e.attachment.testCaseStartedId, e.attachment.body);
    broadcaster.emit('envelope', forAllure(e, tagsByScenario));
    if (e.testCaseStarted) {
      judged.set(e.testCaseStarted.id, []);
      // Marks the Allure result with the Cucumber attempt it came from, so its status can be set below.
      broadcaster.emit('envelope', {
        attachment: {
          testCaseStartedId: e.testCaseStarted.id,
          mediaType: 'application/vnd.allure.message+json',
          contentEncoding: 'IDENTITY',
          body: JSON.stringify([{ type: 'metadata', data: { labels: [{ name: ATTEMPT_LABEL, value: e.testCaseStarted.id }] } }]),
        },
      });
    }
  }
  settleStatuses(opts.resultsDir, judged, skipReasons);
}

const ATTEMPT_LABEL = 'ilpTestCaseStartedId';
const ALLURE_STATUS: Record<StepStatus, string> = { passed: 'passed', failed: 'failed', errored: 'broken', skipped: 'skipped' };

function settleStatuses(dir: string, judged: ReadonlyMap<string, StepJudgement[]>, skipReasons: ReadonlyMap<string, string>): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('-result.json')) continue;
    const path = join(dir, name);
    const result = JSON.parse(readFileSync(path, 'utf8')) as { status?: string; statusDetails?: { message?: string }; labels: Array<{ name: string; value: string }> };
    const attempt = result.labels.find((l) => l.name === ATTEMPT_LABEL)?.value;
    result.labels = result.labels.filter((l) => l.name !== ATTEMPT_LABEL);
    const steps = attempt ? judged.get(attempt) : undefined;
    if (steps) {
      const { status } = scenarioStatus(steps);
      result.status = ALLURE_STATUS[status];
      if (status === 'skipped') result.statusDetails = { ...result.statusDetails, message: skipReasons.get(attempt!) ?? 'skipped' };
    }
    writeFileSync(path, JSON.stringify(result));
  }
}

/** Extra tags per scenario AST node: the union over its pickles (outline rows share one node). */
function scenarioTags(envelopes: readonly messages.Envelope[], info: AllureOptions['pickleInfo']): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of envelopes) {
    const pickle = e.pickle;
    if (!pickle) continue;
    const i = info.get(pickle.id);
    const scenarioId = pickle.astNodeIds[0];
    if (!i || !scenarioId) continue;
    const tags = out.get(scenarioId) ?? new Set<string>();
    tags.add(`@severity:${SEVERITY[i.level]}`);
    for (const id of i.requirements) {
      tags.add(`@requirement:${id}`);
      tags.add(`@requirement=${id}`);
    }
    out.set(scenarioId, tags);
  }
  return out;
}

function forAllure(e: messages.Envelope, extra: Map<string, Set<string>>): messages.Envelope {
  if (e.gherkinDocument?.feature) {
    const doc = structuredClone(e.gherkinDocument) as messages.GherkinDocument;
    const addTags = (scenario: messages.Scenario) => {
      const tags = extra.get(scenario.id);
      if (!tags) return;
      (scenario.tags as messages.Tag[]).push(...[...tags].map((name) => ({ name, id: `${scenario.id}-${name}`, location: scenario.location })));
    };
    for (const child of doc.feature!.children) {
      if (child.scenario) addTags(child.scenario);
      for (const rc of child.rule?.children ?? []) if (rc.scenario) addTags(rc.scenario);
    }
    return { gherkinDocument: doc };
  }
  const result = e.testStepFinished?.testStepResult;
  if (result && result.status === 'FAILED') {
    const failed = isAssertionFailure(result.exception);
    const exception = { type: failed ? 'AssertionError' : result.exception?.type ?? 'Error', message: result.exception?.message ?? result.message, stackTrace: result.exception?.stackTrace };
    return { testStepFinished: { ...e.testStepFinished!, testStepResult: { ...result, exception } } };
  }
  return e;
}
