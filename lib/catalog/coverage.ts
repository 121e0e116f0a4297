import { PROFILES, type Catalog, type Profile, type Requirement } from './catalog';
import type { ScenarioTags } from './feature-tags';

/**
 * Joins the catalog with the scenarios' requirement tags: which scenarios cover each requirement, and
 * which requirements nothing covers, per suite profile. An outline counts once (at its Scenario Outline
 * line), with the number of Examples rows it runs.
 */

export interface CoveringScenario {
  readonly uri: string;
  readonly line: number;
  readonly name: string;
  /** Pickles this scenario yields: 1, or the Examples rows of an outline. */
  readonly runs: number;
}

export interface RequirementCoverage {
  readonly requirement: Requirement;
  readonly scenarios: readonly CoveringScenario[];
}

export function coverage(catalog: Catalog, scenarios: readonly ScenarioTags[]): RequirementCoverage[] {
  const byId = new Map<string, Map<string, { uri: string; line: number; name: string; runs: number }>>();
  for (const scenario of scenarios) {
    const line = scenario.scenarioLine || scenario.line;
    for (const id of scenario.requirementIds) {
      const covering = byId.get(id) ?? new Map();
      byId.set(id, covering);
      const key = `${scenario.uri}:${line}`;
      const entry = covering.get(key);
      if (entry) entry.runs += 1;
      else covering.set(key, { uri: scenario.uri, line, name: scenario.scenarioName, runs: 1 });
    }
  }
  return catalog.requirements.map((requirement) => ({
    requirement,
    scenarios: [...(byId.get(requirement.id)?.values() ?? [])],
  }));
}

/** Requirements no scenario covers, grouped by the profile meant to cover them (every profile present, possibly empty). */
export function uncoveredByProfile(entries: readonly RequirementCoverage[]): Record<Profile, Requirement[]> {
  const result = Object.fromEntries(PROFILES.map((p) => [p, [] as Requirement[]])) as Record<Profile, Requirement[]>;
  for (const entry of entries) if (entry.scenarios.length === 0) result[entry.requirement.profile].push(entry.requirement);
  return result;
}
