import { LEVEL_TAGS, compareVerdictLevels, permittedLevelTags, verdictLevelOfTag, type Catalog, type LevelTag, type Requirement } from './catalog';
import { AREA_TAGS, type FeatureTags, type ScenarioTags } from './feature-tags';

/**
 * The build's tag check. A scenario fails it when
 *  - a tag shaped like a requirement ID names no catalog entry (or is misshapen, e.g. @PKT-7);
 *  - it carries no requirement ID tag at all;
 *  - it carries no level tag, or more than one (@must, @should, @may, inherited tags included);
 *  - its level tag does not fit its requirements (rule below);
 *  - it carries no area tag (@codec, @connector, @http, @ledger, @receiver), so no profile would ever select it.
 * A feature file that does not parse fails it too.
 *
 * Level rule. Each requirement permits the level tags of the levels its catalog cell names: MUST, MUST NOT,
 * FORMAT, DUTY -> @must; SHOULD, SHOULD NOT, RECOMMENDED, must*, should* -> @should; MAY, may* -> @may;
 * INFO and AMBIGUOUS -> @may or @should (they record behaviour and never fail the run). A combined cell such
 * as "MUST / SHOULD" permits both, one per part of the text. The scenario's tag must be permitted by one of
 * its requirements and be no weaker than the weakest tag any one of them permits. For the usual single-level
 * requirement this is simply: the tag equals the level of the requirement.
 * The requirements it applies to are the scenario's primary requirement, its first requirement tag: the
 * one its generic checks judge (lib/judgement/judge.ts). A later tag names a requirement that a particular
 * step checks; that check counts at the requirement's own catalog level, whatever the scenario's tag.
 */

export interface TagProblem {
  readonly uri: string;
  readonly line: number;
  /** The offending tag, when one tag is at fault. */
  readonly tag?: string;
  readonly message: string;
}

export function checkFeatureTags(features: FeatureTags, catalog: Catalog): TagProblem[] {
  const problems: TagProblem[] = features.parseErrors.map((e) => ({ uri: e.uri, line: e.line, message: `does not parse: ${e.message}` }));
  const seen = new Set<string>();
  for (const scenario of features.scenarios) {
    for (const problem of checkScenario(scenario, catalog)) {
      // An outline yields one pickle per Examples row; each fault is reported once, at the scenario's line.
      const key = `${problem.uri}:${problem.line}:${problem.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(problem);
      }
    }
  }
  return problems;
}

export function checkScenario(scenario: ScenarioTags, catalog: Catalog): TagProblem[] {
  const at = { uri: scenario.uri, line: scenario.scenarioLine || scenario.line };
  const problems: TagProblem[] = [];
  const known: Requirement[] = [];
  for (const tag of scenario.malformedIdTags) {
    problems.push({ ...at, tag, message: `${tag} names no catalog entry (IDs look like @PKT-007 or @ADDR-L01)` });
  }
  for (const id of scenario.requirementIds) {
    const requirement = catalog.get(id);
    if (requirement) known.push(requirement);
    else problems.push({ ...at, tag: `@${id}`, message: `@${id} names no catalog entry` });
  }
  if (scenario.requirementIds.length === 0 && scenario.malformedIdTags.length === 0) {
    problems.push({ ...at, message: 'no requirement ID tag (e.g. @PKT-007)' });
  }
  if (scenario.levelTags.length !== 1) {
    const found = scenario.levelTags.length ? scenario.levelTags.join(' ') : 'none';
    problems.push({ ...at, message: `needs exactly one level tag (@must, @should or @may), found ${found}` });
  } else if (known.length) {
    const tag = scenario.levelTags[0]!;
    const primary = known.filter((r) => r.id === scenario.requirementIds[0]);
    const allowed = allowedLevelTags(primary.length ? primary : known);
    if (!allowed.includes(tag)) {
      const reasons = (primary.length ? primary : known).map((r) => `${r.id} (the primary requirement) ${r.levels.join(' / ')} -> ${permittedLevelTags(r).join(' or ')}`).join('; ');
      problems.push({ ...at, tag, message: `level tag ${tag} does not fit ${reasons}; use ${allowed.join(' or ')}` });
    }
  }
  if (scenario.areaTags.length === 0) {
    problems.push({ ...at, message: `no area tag (${AREA_TAGS.join(', ')}); tag its feature` });
  }
  return problems;
}

/** The level tags a scenario checking all of these requirements may carry (see the rule above). */
export function allowedLevelTags(requirements: readonly Requirement[]): LevelTag[] {
  const permitted = requirements.map(permittedLevelTags);
  const weakest = (tags: LevelTag[]): LevelTag => tags[tags.length - 1]!; // LEVEL_TAGS order: strongest first
  const floor = permitted.map(weakest).reduce((a, b) => (compareVerdictLevels(verdictLevelOfTag(b), verdictLevelOfTag(a)) > 0 ? b : a));
  return LEVEL_TAGS.filter(
    (tag) => permitted.some((tags) => tags.includes(tag)) && compareVerdictLevels(verdictLevelOfTag(tag), verdictLevelOfTag(floor)) >= 0,
  );
}

export function formatTagProblems(problems: readonly TagProblem[]): string {
  return problems.map((p) => `${p.uri}:${p.line}: ${p.message}`).join('\n');
}
