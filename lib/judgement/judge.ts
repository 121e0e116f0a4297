/**
 * Judgements as data (DESIGN decision 8). A Then-step's every check goes through `judge()`, which records
 * which requirement(s) it judged, what was expected, what came back and where in the wire transcript the
 * evidence sits, and throws the one failure type, RequirementFailure, when the check fails. The report reads
 * the recorded checks (attached to the scenario as CHECKS_MEDIA_TYPE), never the failure's text: a
 * requirement fails only when a check that names it fails, and a scenario's other requirements are
 * reported by their own checks.
 *
 * Which requirements a check judges: the IDs its step names that the scenario carries; when the step names
 * none the scenario carries (a generic step such as "alice receives a Reject with code F08"), the
 * scenario's primary requirement, its first requirement tag. So a scenario tagged `@AMT-005 @ERR-009`
 * fails ERR-009 only through a check about triggeredBy, and AMT-005 through everything else.
 */
import { loadCatalog, REQUIREMENT_ID } from '../catalog/catalog';

export const CHECKS_MEDIA_TYPE = 'application/vnd.ilp-conformance.checks+json';

/** Where a check's evidence sits: the scenario's wire transcript, the entries recorded up to the check. */
export interface EvidencePointer {
  readonly file: 'wire-transcript.json';
  /** Entries [0, upTo) of the transcript were on the wire when the check was made. */
  readonly upTo: number;
}

export interface CheckResult {
  /** Catalog IDs this check judged (never empty). */
  readonly requirements: readonly string[];
  readonly passed: boolean;
  readonly expected: string;
  readonly actual: string;
  /** The Gherkin step that made the check, as written. */
  readonly step?: string;
  readonly evidence?: EvidencePointer;
  /**
   * Set when the requirement was deliberately not judged here, with the reason (a convention of an API the
   * target does not speak): `passed` is then true and counts for nothing, and the requirement comes out
   * `skipped` unless another check judged it.
   */
  readonly setAside?: string;
}

/** What the step names: specific catalog IDs, or the scenario's primary requirement. */
export type Judged = readonly string[] | 'primary';

export class RequirementFailure extends Error {
  override readonly name = 'RequirementFailure';
  constructor(readonly check: CheckResult) {
    super(`${requirementLines(check.requirements)}\nExpected: ${check.expected}\nActual: ${check.actual}`);
  }
}

/** `Requirement: PKT-007 (FORMAT) <summary>` per ID, for a person reading the failure (the report reads the check). */
function requirementLines(ids: readonly string[]): string {
  let catalog: ReturnType<typeof loadCatalog> | undefined;
  try {
    catalog = loadCatalog();
  } catch {
    catalog = undefined;
  }
  return ids.map((id) => {
    const r = catalog?.get(id);
    return r ? `Requirement: ${id} (${r.level}) ${r.summary}` : `Requirement: ${id}`;
  }).join('\n');
}

/** A harness defect in a step (a check that names no requirement of its scenario). Errors the scenario. */
export class JudgementError extends Error {
  override readonly name = 'JudgementError';
}

/** The checks of one scenario, in the order they were made. */
export class ScenarioJudgements {
  private readonly made: CheckResult[] = [];
  /** The step currently running (set by a BeforeStep hook), for the record. */
  step: string | undefined;

  constructor(
    /** The scenario's requirement tags, in written order, without '@'. */
    readonly requirements: readonly string[],
    private readonly transcriptLength: () => number = () => 0,
  ) {
    const bad = requirements.filter((id) => !REQUIREMENT_ID.test(id));
    if (bad.length > 0) throw new JudgementError(`not requirement IDs: ${bad.join(', ')}`);
  }

  /** The requirement tags of a scenario's tags (as written, with '@'), in order. */
  static idsOfTags(tags: readonly string[]): string[] {
    return [...new Set(tags.map((t) => t.replace(/^@/, '')).filter((t) => REQUIREMENT_ID.test(t)))];
  }

  get checks(): readonly CheckResult[] {
    return this.made;
  }

  /** The IDs a check judges (see the module comment). Throws JudgementError for a scenario without requirement tags. */
  resolve(judged: Judged): string[] {
    if (judged !== 'primary') {
      const named = judged.filter((id) => this.requirements.includes(id));
      if (named.length > 0) return named;
    }
    const primary = this.requirements[0];
    if (!primary) throw new JudgementError('this scenario carries no requirement tag, so no check in it can be judged');
    return [primary];
  }

  /**
   * Records the check and throws RequirementFailure when it failed. `actual` may be a function so that
   * describing a passing outcome costs nothing.
   */
  judge(judged: Judged, passed: boolean, expected: string, actual: string | (() => string)): void {
    const check: CheckResult = {
      requirements: this.resolve(judged),
      passed,
      expected,
      actual: typeof actual === 'function' ? actual() : actual,
      ...(this.step ? { step: this.step } : {}),
      evidence: { file: 'wire-transcript.json', upTo: this.transcriptLength() },
    };
    this.made.push(check);
    if (!passed) throw new RequirementFailure(check);
  }

  /**
   * Records that `ids` were deliberately not judged, and why (ScenarioJudgements never guesses a result for
   * them): the scenario's outcome is untouched and these requirements come out `skipped` with the reason.
   * Unlike `judge`, every ID must be a tag of the scenario (a step that sets one aside must not hit the primary).
   */
  setAside(ids: readonly string[], reason: string): void {
    const missing = ids.filter((id) => !this.requirements.includes(id));
    if (missing.length > 0) throw new JudgementError(`this step sets ${missing.join(', ')} aside, so the scenario must carry ${missing.map((id) => `@${id}`).join(' ')}`);
    this.made.push({ requirements: [...ids], passed: true, expected: 'not judged', actual: reason, setAside: reason, ...(this.step ? { step: this.step } : {}) });
  }

  /** A check that cannot pass: `judge(judged, false, ...)`, typed so callers may use it as an expression. */
  fail(judged: Judged, expected: string, actual: string): never {
    this.judge(judged, false, expected, actual);
    throw new JudgementError('unreachable');
  }
}

/** Per requirement of a scenario, what its checks say (the report's input; lib/report/run-model.ts). */
export type RequirementOutcome = 'passed' | 'failed' | 'not-reached' | 'skipped';

/**
 * How each of a scenario's requirements came out, from its checks: failed when a check naming it failed;
 * skipped when it was only set aside; passed when the scenario passed, or when every check naming it passed;
 * otherwise not reached (the scenario stopped before judging it).
 */
export function requirementOutcomes(requirements: readonly string[], checks: readonly CheckResult[], scenarioPassed: boolean): Record<string, RequirementOutcome> {
  const out: Record<string, RequirementOutcome> = {};
  for (const id of requirements) {
    const naming = checks.filter((c) => c.requirements.includes(id));
    const own = naming.filter((c) => c.setAside === undefined);
    if (own.some((c) => !c.passed)) out[id] = 'failed';
    else if (own.length === 0 && naming.length > 0) out[id] = 'skipped';
    else if (scenarioPassed || own.length > 0) out[id] = 'passed';
    else out[id] = 'not-reached';
  }
  return out;
}
