import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILES, loadCatalog, type Profile } from '../../lib/catalog/catalog';
import { coverage, uncoveredByProfile, type RequirementCoverage } from '../../lib/catalog/coverage';
import { DEFAULT_FEATURES_DIR, readFeatureTags } from '../../lib/catalog/feature-tags';
import { checkFeatureTags } from '../../lib/catalog/tag-check';

/**
 * `ilp-conformance requirements`: the requirement catalog joined with the feature files. Lists each
 * requirement with its level, summary and the scenarios covering it (file:line), then what nothing covers.
 * Reads only files; exit 0 whenever it could list, 2 on a usage error.
 */

export const summary = 'list the requirement catalog with the scenarios covering each requirement';

const USAGE = `usage: ilp-conformance requirements [--profile ${PROFILES.join('|')}] [--uncovered] [--json] [--features DIR]

  --profile P    only requirements the P profile is meant to cover ("none": not tested by any profile)
  --uncovered    only requirements no scenario covers
  --json         machine-readable output
  --features DIR read feature files from DIR (default: the project's features/)

Exit status: 0 when the list was printed (uncovered requirements and tag problems are reported, not failed), 2 on a usage error.`;

export interface Output {
  write(text: string): void;
}

export async function run(argv: string[]): Promise<number> {
  return runWith(argv, { write: (t) => process.stdout.write(t) }, { write: (t) => process.stderr.write(t) });
}

export async function runWith(argv: string[], out: Output, err: Output): Promise<number> {
  let values: { profile?: string; uncovered?: boolean; json?: boolean; features?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        uncovered: { type: 'boolean' },
        json: { type: 'boolean' },
        features: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err.write(`ilp-conformance requirements: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (values.profile !== undefined && !(PROFILES as readonly string[]).includes(values.profile)) {
    err.write(`ilp-conformance requirements: unknown profile "${values.profile}" (profiles: ${PROFILES.join(', ')})\n`);
    return 2;
  }
  const profile = values.profile as Profile | undefined;
  const featuresDir = values.features ? resolve(values.features) : DEFAULT_FEATURES_DIR;

  const catalog = loadCatalog();
  // Paths are shown relative to the directory holding the features directory: features/<area>/<file>.feature.
  const features = readFeatureTags(featuresDir, dirname(featuresDir));
  const all = coverage(catalog, features.scenarios);
  const inProfile = all.filter((e) => !profile || e.requirement.profile === profile);
  const listed = inProfile.filter((e) => !values.uncovered || e.scenarios.length === 0);
  const uncovered = uncoveredByProfile(inProfile);
  const problems = checkFeatureTags(features, catalog);

  if (values.json) {
    out.write(`${JSON.stringify({
      catalogVersion: catalog.catalogVersion,
      profile: profile ?? null,
      featureFiles: features.files.length,
      totals: {
        requirements: inProfile.length,
        covered: inProfile.filter((e) => e.scenarios.length > 0).length,
        uncovered: inProfile.filter((e) => e.scenarios.length === 0).length,
      },
      requirements: listed.map((e) => ({
        id: e.requirement.id,
        level: e.requirement.level,
        levels: e.requirement.levels,
        verdictLevel: e.requirement.verdictLevel,
        profile: e.requirement.profile,
        rfc: e.requirement.rfc,
        section: e.requirement.section,
        summary: e.requirement.summary,
        blackBox: e.requirement.blackBox,
        scenarios: e.scenarios,
      })),
      uncovered: Object.fromEntries(Object.entries(uncovered)
        .filter(([p]) => !profile || p === profile)
        .map(([p, list]) => [p, list.map((r) => r.id)])),
      tagProblems: problems,
    }, null, 2)}\n`);
  } else {
    out.write(renderText(listed, inProfile, uncovered, profile, features.files.length));
  }
  if (problems.length) {
    err.write(`warning: ${problems.length} tag problem(s) in the feature files; \`node scripts/run-unit-tests.js feature-tags\` lists them\n`);
  }
  return 0;
}

function renderText(
  listed: readonly RequirementCoverage[],
  inProfile: readonly RequirementCoverage[],
  uncovered: Record<Profile, readonly { id: string }[]>,
  profile: Profile | undefined,
  featureFiles: number,
): string {
  const lines: string[] = [];
  const covered = inProfile.filter((e) => e.scenarios.length > 0).length;
  lines.push(`${inProfile.length} requirements${profile ? ` for profile ${profile}` : ''}, ${covered} covered, read from ${featureFiles} feature file(s)`);
  lines.push('');
  for (const { requirement: r, scenarios } of listed) {
    lines.push(`${r.id.padEnd(10)}  ${r.level.padEnd(11)}  ${r.profile.padEnd(9)}  ${r.summary}`);
    if (scenarios.length === 0) lines.push(`${' '.repeat(12)}(not covered)`);
    for (const s of scenarios) {
      lines.push(`${' '.repeat(12)}${s.uri}:${s.line}  ${s.name}${s.runs > 1 ? ` (${s.runs} examples)` : ''}`);
    }
  }
  lines.push('');
  const groups = (Object.entries(uncovered) as Array<[Profile, readonly { id: string }[]]>).filter(([p]) => !profile || p === profile);
  const count = groups.reduce((n, [, list]) => n + list.length, 0);
  lines.push(`Not covered by any scenario: ${count}`);
  for (const [p, list] of groups) {
    if (list.length) lines.push(`  ${p} (${list.length}): ${list.map((r) => r.id).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
