import { loadCatalog, REQUIREMENT_ID, type Catalog } from '../catalog/catalog';
import type { CatalogView } from './run-model';

/**
 * The report's view of the requirement catalog (lib/catalog): verdict levels (INFO/AMBIGUOUS entries are
 * recorded but never graded, so they have none), a one-line source, and the profile a requirement belongs
 * to. Only black-box requirements of a real profile can be "untested": the rest (protocol-designer duties,
 * sender-side rules) have no scenario by design.
 */
export function catalogView(catalog: Catalog = loadCatalog()): CatalogView {
  const rfcRevisions: Record<string, string> = {};
  for (const [key, rev] of Object.entries(catalog.rfcRevisions)) rfcRevisions[key] = `${rev.commit} (${rev.document})`;
  return {
    version: catalog.catalogVersion,
    rfcRevisions,
    requirements: catalog.requirements.map((r) => ({
      id: r.id,
      catalogLevel: r.level,
      level: r.verdictLevel === 'info' ? undefined : r.verdictLevel,
      summary: r.summary,
      source: `${r.rfc}${r.section ? `, ${r.section}` : ''}`,
      area: r.area,
      profiles: r.blackBox && r.profile !== 'none' ? [r.profile] : [],
      ...(r.convention ? { convention: r.convention } : {}),
    })),
    requirementIdsOf: requirementIdsOfTags,
  };
}

/** Requirement IDs among a scenario's tags, in tag order, without '@' (same rule as lib/catalog/feature-tags). */
export function requirementIdsOfTags(tags: readonly string[]): string[] {
  return [...new Set(tags.filter((t) => t.startsWith('@') && REQUIREMENT_ID.test(t.slice(1))).map((t) => t.slice(1)))];
}
