import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../fixtures/schemas/expectations.schema.json';
import type { ScenarioResult } from './run-model';
import type { ScenarioStatus } from './status';

/**
 * Known results (`--expect known-failures.json`, schema fixtures/schemas/expectations.schema.json).
 * Each scenario gets one outcome:
 * - ok: passed or skipped, and nothing else was expected;
 * - expected: it ended with the status an entry names;
 * - unexpected-pass: an entry expected it to fail, error or skip, and it passed (remove the entry);
 * - unexpected-failure: it failed or errored and no entry expected that;
 * - unexpected-status: an entry expected one non-passing status and it ended with another.
 * An entry for a scenario takes precedence over an entry for its requirement. Entries that match no scenario
 * in the run are listed as stale. Expectations never change the verdict; they decide the CI exit code.
 */
export interface Expectation {
  readonly scenario?: string;
  readonly requirement?: string;
  readonly status: Exclude<ScenarioStatus, 'passed'>;
  readonly reason: string;
  readonly issue?: string;
}

export type ExpectationOutcomeName = 'ok' | 'expected' | 'unexpected-pass' | 'unexpected-failure' | 'unexpected-status';

export interface ExpectationOutcome {
  readonly scenario: string;
  readonly actual: ScenarioStatus;
  readonly expected: ScenarioStatus | undefined;
  readonly outcome: ExpectationOutcomeName;
  readonly reason: string | undefined;
  readonly issue: string | undefined;
}

export interface ExpectationReport {
  readonly file: string;
  readonly ok: boolean;
  readonly counts: Record<ExpectationOutcomeName, number>;
  /** One per scenario that is not plainly ok. */
  readonly results: ExpectationOutcome[];
  readonly stale: Expectation[];
}

export class ExpectationsError extends Error {
  override readonly name = 'ExpectationsError';
}

const validate = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
})();

export function parseExpectations(raw: unknown, source = 'expectations'): Expectation[] {
  if (!validate(raw)) {
    // Errors inside the oneOf branches only restate "one of scenario or requirement"; that is said once below.
    const problems = (validate.errors ?? [])
      .filter((e) => !e.schemaPath.includes('/oneOf'))
      .map((e) => `${e.instancePath || '/'} ${e.message}`);
    const oneOf = (validate.errors ?? []).some((e) => e.keyword === 'oneOf');
    throw new ExpectationsError(
      `${source} does not match expectations.schema.json: ${[...new Set(problems)].join('; ')}${oneOf ? '; each entry names exactly one of "scenario" or "requirement"' : ''}`,
    );
  }
  return (raw as { expectations: Expectation[] }).expectations;
}

export function loadExpectations(path: string): Expectation[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ExpectationsError(`cannot read expectations ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseExpectations(raw, path);
}

export function applyExpectations(file: string, entries: readonly Expectation[], scenarios: readonly ScenarioResult[]): ExpectationReport {
  const used = new Set<Expectation>();
  const results: ExpectationOutcome[] = [];
  const counts: Record<ExpectationOutcomeName, number> = { ok: 0, expected: 0, 'unexpected-pass': 0, 'unexpected-failure': 0, 'unexpected-status': 0 };
  for (const s of scenarios) {
    const entry =
      entries.find((e) => e.scenario !== undefined && (e.scenario === s.key || e.scenario === s.name)) ??
      entries.find((e) => e.requirement !== undefined && s.requirements.includes(e.requirement));
    if (entry) used.add(entry);
    const outcome = judge(s.status, entry?.status);
    counts[outcome] += 1;
    if (outcome !== 'ok') {
      results.push({ scenario: s.key, actual: s.status, expected: entry?.status, outcome, reason: entry?.reason, issue: entry?.issue });
    }
  }
  const ok = counts['unexpected-pass'] + counts['unexpected-failure'] + counts['unexpected-status'] === 0;
  return { file, ok, counts, results, stale: entries.filter((e) => !used.has(e)) };
}

function judge(actual: ScenarioStatus, expected: ScenarioStatus | undefined): ExpectationOutcomeName {
  if (expected === undefined) return actual === 'failed' || actual === 'errored' ? 'unexpected-failure' : 'ok';
  if (actual === expected) return 'expected';
  if (actual === 'passed') return 'unexpected-pass';
  return 'unexpected-status';
}
