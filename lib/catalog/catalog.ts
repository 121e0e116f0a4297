import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import schema from '../../fixtures/schemas/requirements.schema.json';

/**
 * The requirement catalog (fixtures/requirements.json): what the suite grades, keyed by the research
 * catalog's IDs. Loading validates the file against requirements.schema.json and then checks what a
 * schema cannot: unique IDs, ID prefix = area, sources named in rfcRevisions, level = strongest of levels,
 * a test profile only for black-box observable items, the declared count.
 */

/** A level as the catalog cell writes it; lower case with `*` means the source has no RFC 2119 keyword. */
export type CatalogLevel =
  | 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'RECOMMENDED' | 'NOT RECOMMENDED' | 'MAY'
  | 'must*' | 'should*' | 'may*' | 'FORMAT' | 'DUTY' | 'AMBIGUOUS' | 'INFO';

/** How the suite grades a failure: must fails the run, should warns, may and info are only recorded. */
export type VerdictLevel = 'must' | 'should' | 'may' | 'info';
export type Profile = 'codec' | 'connector' | 'ledger' | 'receiver' | 'mojaloop' | 'none';
export type LevelTag = '@must' | '@should' | '@may';

export interface Requirement {
  readonly id: string;
  /** The strongest of `levels`. */
  readonly level: CatalogLevel;
  readonly levels: readonly CatalogLevel[];
  readonly verdictLevel: VerdictLevel;
  readonly area: string;
  /** "RFC 27", "RBP draft" (route broadcasting, never numbered) or "none" (an implementation's behaviour). */
  readonly rfc: string;
  /** Keys of Catalog.rfcRevisions, primary first. */
  readonly sources: readonly string[];
  readonly section: string;
  readonly binds: readonly string[];
  readonly summary: string;
  readonly blackBox: boolean;
  readonly profile: Profile;
  /** ILP over HTTP only: the RFC 35 revisions that hold it (lib/targets/capabilities.ts). */
  readonly rfc35Revisions?: readonly ('draft-2' | 'draft-3')[];
  /** 'project' for a requirement this project added beside the research catalog's; absent otherwise. */
  readonly origin?: 'project';
  /**
   * Not an RFC requirement but a choice of this project's own API; judged only for a target that speaks it
   * (steps set it aside otherwise: lib/judgement/judge.ts setAside) and reported apart.
   */
  readonly convention?: 'native-ledger-api';
}

export interface RfcRevision {
  readonly document: string;
  readonly path: string;
  readonly commit: string;
  readonly note?: string;
}

export interface ImplementationNote {
  readonly id: string;
  readonly component: string;
  readonly files: string;
  readonly summary: string;
}

export interface Catalog {
  readonly catalogVersion: string;
  readonly generatedFrom: string;
  readonly rfcRevisions: Readonly<Record<string, RfcRevision>>;
  readonly requirements: readonly Requirement[];
  readonly implementationNotes: readonly ImplementationNote[];
  /** Lookup by ID; undefined for an ID the catalog does not hold. */
  get(id: string): Requirement | undefined;
}

export const PROFILES: readonly Profile[] = ['codec', 'connector', 'ledger', 'receiver', 'mojaloop', 'none'];
export const LEVEL_TAGS: readonly LevelTag[] = ['@must', '@should', '@may'];

/** The shape of every catalog ID: `AREA-NNN`, or `AREA-LNN` for items from the 2017 (ILPv1) texts. */
export const REQUIREMENT_ID = /^[A-Z]+-(\d{3}|L\d{2})$/;

const VERDICT_OF: Readonly<Record<CatalogLevel, VerdictLevel>> = {
  MUST: 'must', 'MUST NOT': 'must', FORMAT: 'must', DUTY: 'must',
  SHOULD: 'should', 'SHOULD NOT': 'should', RECOMMENDED: 'should', 'NOT RECOMMENDED': 'should',
  'must*': 'should', 'should*': 'should',
  MAY: 'may', 'may*': 'may',
  INFO: 'info', AMBIGUOUS: 'info',
};

const RANK: Readonly<Record<VerdictLevel, number>> = { must: 3, should: 2, may: 1, info: 0 };

/** The catalog's conventions: FORMAT and DUTY grade as MUST; lower-case must* grades as a warning. */
export function verdictLevelOf(level: CatalogLevel): VerdictLevel {
  return VERDICT_OF[level];
}

/** Positive when a is stronger than b. */
export function compareVerdictLevels(a: VerdictLevel, b: VerdictLevel): number {
  return RANK[a] - RANK[b];
}

/** The scenario tag for a verdict level; info-level items have no tag of their own (they are recorded, never failed). */
export function levelTag(level: VerdictLevel): LevelTag | undefined {
  return level === 'info' ? undefined : `@${level}`;
}

export function verdictLevelOfTag(tag: LevelTag): VerdictLevel {
  return tag.slice(1) as VerdictLevel;
}

/**
 * The level tags a scenario about this requirement may carry: one per level its catalog cell names
 * ("MUST / SHOULD" allows @must and @should, each for its own part of the text). An INFO or AMBIGUOUS
 * level allows @may or @should: such scenarios record behaviour and are never graded as MUST.
 */
export function permittedLevelTags(requirement: Requirement): LevelTag[] {
  const tags = new Set<LevelTag>();
  for (const level of requirement.levels) {
    const tag = levelTag(verdictLevelOf(level));
    if (tag) tags.add(tag);
    else { tags.add('@should'); tags.add('@may'); }
  }
  return LEVEL_TAGS.filter((t) => tags.has(t));
}

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

export const DEFAULT_CATALOG_PATH = resolve(__dirname, '..', '..', 'fixtures', 'requirements.json');

const validate = new Ajv({ allErrors: true }).compile<RawCatalog>(schema);

let cached: Catalog | undefined;

/** Reads and checks a catalog file; the default one is read once and shared. Throws CatalogError naming the problem. */
export function loadCatalog(path: string = DEFAULT_CATALOG_PATH): Catalog {
  if (path === DEFAULT_CATALOG_PATH && cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CatalogError(`cannot read requirement catalog ${path}: ${(error as Error).message}`);
  }
  const catalog = parseCatalog(raw, path);
  if (path === DEFAULT_CATALOG_PATH) cached = catalog;
  return catalog;
}

/** The requirement with this ID in the default catalog; throws CatalogError for an unknown ID. */
export function requirement(id: string, catalog: Catalog = loadCatalog()): Requirement {
  const found = catalog.get(id);
  if (!found) throw new CatalogError(`no requirement ${id} in the catalog${REQUIREMENT_ID.test(id) ? '' : ' (IDs look like PKT-007 or ADDR-L01)'}`);
  return found;
}

export function parseCatalog(raw: unknown, source = 'requirement catalog'): Catalog {
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new CatalogError(`${source} does not match requirements.schema.json: ${problems}`);
  }
  const file = raw;
  const byId = new Map<string, Requirement>();
  const problems: string[] = [];
  for (const r of file.requirements) {
    if (byId.has(r.id)) problems.push(`${r.id} appears twice`);
    byId.set(r.id, r);
    if (!r.id.startsWith(`${r.area}-`)) problems.push(`${r.id} has area ${r.area}, not its ID prefix`);
    for (const key of r.sources) if (!(key in file.rfcRevisions)) problems.push(`${r.id} cites source ${key}, which rfcRevisions does not list`);
    if (r.profile !== 'none' && !r.blackBox) problems.push(`${r.id} belongs to profile ${r.profile} but is marked not black-box observable`);
    const strongest = r.levels.reduce((a, b) => (compareVerdictLevels(verdictLevelOf(b), verdictLevelOf(a)) > 0 ? b : a));
    if (r.level !== strongest) problems.push(`${r.id} has level ${r.level} but the strongest of its levels is ${strongest}`);
  }
  if (file.requirementCount !== file.requirements.length) {
    problems.push(`requirementCount says ${file.requirementCount} but ${file.requirements.length} requirements are listed`);
  }
  if (problems.length) throw new CatalogError(`${source}: ${problems.join('; ')}`);
  return {
    catalogVersion: file.catalogVersion,
    generatedFrom: file.generatedFrom,
    rfcRevisions: file.rfcRevisions,
    requirements: file.requirements,
    implementationNotes: file.implementationNotes,
    get: (id) => byId.get(id),
  };
}

interface RawCatalog {
  catalogVersion: string;
  generatedFrom: string;
  requirementCount: number;
  rfcRevisions: Record<string, RfcRevision>;
  requirements: Requirement[];
  implementationNotes: ImplementationNote[];
}
