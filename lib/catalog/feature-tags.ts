import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { generateMessages } from '@cucumber/gherkin';
import { IdGenerator, SourceMediaType, type GherkinDocument } from '@cucumber/messages';
import { LEVEL_TAGS, REQUIREMENT_ID, type LevelTag } from './catalog';

/**
 * Reads every features/**\/*.feature with Cucumber's own Gherkin parser and returns, per pickle (one per
 * scenario, one per Examples row of an outline), the tags the suite cares about. Tags are the pickle's
 * tags, so feature, rule and Examples tags are inherited exactly as Cucumber applies them at run time.
 */

export const AREA_TAGS = ['@codec', '@connector', '@http', '@ledger', '@receiver', '@mojaloop'] as const;
export type AreaTag = (typeof AREA_TAGS)[number];

export interface ScenarioTags {
  /** Path relative to the project root, with forward slashes. */
  readonly uri: string;
  /** The pickle's line: the scenario line, or the Examples row for an outline. */
  readonly line: number;
  /** The line of the Scenario / Scenario Outline keyword. */
  readonly scenarioLine: number;
  /** The pickle's name (an outline's placeholders filled in from its row). */
  readonly name: string;
  /** The name as the Scenario / Scenario Outline line writes it. */
  readonly scenarioName: string;
  /** Tags shaped like catalog IDs (`@PKT-007`, `@ADDR-L01`), without the `@`. */
  readonly requirementIds: readonly string[];
  /** Upper-case tags that look meant as IDs but are not shaped like one (`@PKT-7`, `@PKT-007a`), with the `@`. */
  readonly malformedIdTags: readonly string[];
  readonly levelTags: readonly LevelTag[];
  readonly areaTags: readonly AreaTag[];
  readonly tags: readonly string[];
}

export interface FeatureParseError {
  readonly uri: string;
  readonly line: number;
  readonly message: string;
}

export interface FeatureTags {
  readonly scenarios: readonly ScenarioTags[];
  readonly parseErrors: readonly FeatureParseError[];
  readonly files: readonly string[];
}

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_FEATURES_DIR = join(PROJECT_ROOT, 'features');

/** A tag is taken as an attempted requirement ID when it starts with upper-case letters and a hyphen. */
const ID_LIKE = /^@[A-Z][A-Z0-9]*-/;

/** Reads the feature tree under `dir`; a missing directory holds no features. URIs are relative to `root`. */
export function readFeatureTags(dir: string = DEFAULT_FEATURES_DIR, root: string = PROJECT_ROOT): FeatureTags {
  const files = listFeatureFiles(dir);
  const scenarios: ScenarioTags[] = [];
  const parseErrors: FeatureParseError[] = [];
  for (const file of files) {
    const uri = relative(root, file).split(sep).join('/');
    const parsed = parseFeature(readFileSync(file, 'utf8'), uri);
    scenarios.push(...parsed.scenarios);
    parseErrors.push(...parsed.parseErrors);
  }
  return { scenarios, parseErrors, files: files.map((f) => relative(root, f).split(sep).join('/')) };
}

/** Parses one feature's text. */
export function parseFeature(text: string, uri: string): { scenarios: ScenarioTags[]; parseErrors: FeatureParseError[] } {
  const envelopes = generateMessages(text, uri, SourceMediaType.TEXT_X_CUCUMBER_GHERKIN_PLAIN, {
    includeSource: false,
    includeGherkinDocument: true,
    includePickles: true,
    newId: IdGenerator.incrementing(),
  });
  const scenarios: ScenarioTags[] = [];
  const parseErrors: FeatureParseError[] = [];
  let scenarioNodes = new Map<string, ScenarioNode>();
  for (const envelope of envelopes) {
    if (envelope.parseError) {
      parseErrors.push({ uri, line: envelope.parseError.source.location?.line ?? 0, message: envelope.parseError.message });
    } else if (envelope.gherkinDocument) {
      scenarioNodes = scenarioNodesOf(envelope.gherkinDocument);
    } else if (envelope.pickle) {
      const pickle = envelope.pickle;
      const tags = pickle.tags.map((t) => t.name);
      const node = scenarioNodes.get(pickle.astNodeIds[0] ?? '');
      const scenarioLine = node?.line ?? 0;
      scenarios.push({
        uri,
        line: pickle.location?.line ?? scenarioLine,
        scenarioLine,
        name: pickle.name,
        scenarioName: node?.name ?? pickle.name,
        requirementIds: unique(tags.filter((t) => REQUIREMENT_ID.test(t.slice(1))).map((t) => t.slice(1))),
        malformedIdTags: unique(tags.filter((t) => ID_LIKE.test(t) && !REQUIREMENT_ID.test(t.slice(1)))),
        levelTags: tags.filter((t): t is LevelTag => (LEVEL_TAGS as readonly string[]).includes(t)),
        areaTags: unique(tags.filter((t): t is AreaTag => (AREA_TAGS as readonly string[]).includes(t))),
        tags,
      });
    }
  }
  return { scenarios, parseErrors };
}

interface ScenarioNode {
  readonly line: number;
  readonly name: string;
}

function scenarioNodesOf(document: GherkinDocument): Map<string, ScenarioNode> {
  const nodes = new Map<string, ScenarioNode>();
  const add = (s: { id: string; name: string; location: { line: number } }): void => {
    nodes.set(s.id, { line: s.location.line, name: s.name });
  };
  for (const child of document.feature?.children ?? []) {
    if (child.scenario) add(child.scenario);
    for (const ruleChild of child.rule?.children ?? []) if (ruleChild.scenario) add(ruleChild.scenario);
  }
  return nodes;
}

function listFeatureFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listFeatureFiles(path));
    else if (name.endsWith('.feature')) files.push(path);
  }
  return files;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
