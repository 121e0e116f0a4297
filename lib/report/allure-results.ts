import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import type * as messages from '@cucumber/messages';
import type { Level } from './run-model';
import { isAssertionFailure } from './status';

/**
 * Allure results (allure-cucumberjs), rendered by replaying the masked message stream into Allure's Cucumber
 * reporter, so Allure sees exactly what every other output sees and nothing unmasked.
 *
 * Before the replay each scenario's AST tags gain, per requirement ID, `@requirement:PKT-007` (a label) and
 * `@requirement=PKT-007` (a link, in the `=` form the reporter splits on), and `@severity:<s>` from its level
 * tag (must -> critical, should -> normal, may -> minor). Attachments (wire transcripts) become Allure
 * attachments. A step the suite judges a failure is given the AssertionError type so Allure shows it as
 * failed, not broken; harness errors stay broken.
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
  for (const e of envelopes) broadcaster.emit('envelope', forAllure(e, tagsByScenario));
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
    const failed = isAssertionFailure(result.exception, result.message);
    const exception = { type: failed ? 'AssertionError' : result.exception?.type ?? 'Error', message: result.exception?.message ?? result.message, stackTrace: result.exception?.stackTrace };
    return { testStepFinished: { ...e.testStepFinished!, testStepResult: { ...result, exception } } };
  }
  return e;
}
