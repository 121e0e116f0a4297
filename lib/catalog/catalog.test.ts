import { resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import schema from '../../fixtures/schemas/requirements.schema.json';
import {
  CatalogError, DEFAULT_CATALOG_PATH, REQUIREMENT_ID, loadCatalog, parseCatalog, permittedLevelTags, requirement, levelTag,
} from './catalog';

const raw = (): { requirements: Array<Record<string, unknown>>; [key: string]: unknown } =>
  JSON.parse(readFileSync(DEFAULT_CATALOG_PATH, 'utf8'));

test('fixtures/requirements.json validates strictly against its draft-07 schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  assert.equal(validate(raw()), true, JSON.stringify(validate.errors, null, 2));
});

test('IDs are unique and shaped AREA-NNN or AREA-LNN', () => {
  const ids = raw().requirements.map((r) => r.id as string);
  assert.deepEqual(ids.filter((id) => !REQUIREMENT_ID.test(id)), []);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

test('the catalog holds 206 requirements from the research summary and 13 Mojaloop ones, split by area', () => {
  const catalog = loadCatalog();
  assert.equal(catalog.requirements.length, 219);
  const byArea: Record<string, number> = {};
  for (const r of catalog.requirements) byArea[r.area] = (byArea[r.area] ?? 0) + 1;
  assert.deepEqual(byArea, {
    ADDR: 20, OER: 17, TS: 8, PKT: 23, ERR: 21, COND: 9, EXP: 9, ROUTE: 12, AMT: 9, HTTP: 17,
    DCP: 7, CCP: 9, QUOTE: 7, LEDGER: 18, RISK: 7, HTLA: 4, ARCH: 9, ML: 13,
  });
  assert.equal(catalog.implementationNotes.length, 12);
});

// The research catalog lives beside the repository (../shared, as CI lays it out); when present, the ID sets must be equal.
const SPEC = resolve(__dirname, '..', '..', '..', 'shared', 'spec', 'ilp-requirements.md');
// ML-* entries are the project's own, written from the FSPIOP specification (issue 16), not from the research catalog.
test('the IDs are exactly those of the research catalog tables, besides the Mojaloop ones', { skip: !existsSync(SPEC) && 'research catalog not present' }, () => {
  const specIds = [...readFileSync(SPEC, 'utf8').matchAll(/^\| ([A-Z]+-(?:\d{3}|L\d{2})) \|/gm)]
    .map((m) => m[1]!)
    .filter((id) => !id.startsWith('IMPL-'));
  assert.deepEqual(loadCatalog().requirements.map((r) => r.id).filter((id) => !id.startsWith('ML-')).sort(), [...new Set(specIds)].sort());
});

test('requirement(id) finds an entry and names an unknown ID', () => {
  const r = requirement('PKT-007');
  assert.equal(r.verdictLevel, 'must');
  assert.equal(r.profile, 'codec');
  assert.throws(() => requirement('PKT-999'), /no requirement PKT-999/);
  assert.throws(() => requirement('PKT-7'), /IDs look like PKT-007/);
});

test('combined level cells keep every level and grade by the strongest', () => {
  const r = requirement('LEDGER-011');
  assert.deepEqual(r.levels, ['MUST', 'SHOULD']);
  assert.equal(r.level, 'MUST');
  assert.deepEqual(permittedLevelTags(r), ['@must', '@should']);
  assert.equal(requirement('ERR-007').level, 'SHOULD NOT');
  assert.deepEqual(permittedLevelTags(requirement('ADDR-011')), ['@should', '@may']);
  assert.deepEqual(permittedLevelTags(requirement('ADDR-006')), ['@should']); // must* grades as a warning
  assert.equal(levelTag('info'), undefined);
});

test('parseCatalog refuses a duplicate ID, a wrong area, an unknown source, a wrong count, level or profile', () => {
  const base = raw();
  const first = base.requirements[0]!;
  assert.throws(() => parseCatalog({ ...base, requirements: [...base.requirements, first] }, 'x'), /ADDR-001 appears twice/);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, area: 'OER' }, ...base.requirements.slice(1)] }), /ADDR-001 has area OER/);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, sources: ['R99'] }, ...base.requirements.slice(1)] }), /cites source R99/);
  assert.throws(() => parseCatalog({ ...base, requirementCount: 205 }), /requirementCount says 205/);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, blackBox: false }, ...base.requirements.slice(1)] }), /ADDR-001 belongs to profile codec but is marked not black-box/);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, level: 'MUST NOT' }, ...base.requirements.slice(1)] }), /ADDR-001 has level MUST NOT but the strongest of its levels is MUST/);
});

test('the schema refuses a verdict level that contradicts the catalog level, and unknown fields', () => {
  const base = raw();
  const first = base.requirements[0]!;
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, verdictLevel: 'should' }] }), CatalogError);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, note: 'x' }] }), /must NOT have additional properties/);
  assert.throws(() => parseCatalog({ ...base, requirements: [{ ...first, id: 'ADDR-1' }] }), /must match pattern/);
});
