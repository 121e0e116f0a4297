/**
 * Which report files a run writes (`run --format`). The default is what a vendor can upload on every commit
 * without thinking: our JSON, HTML, JUnit, summary, badge and per-scenario evidence (a few hundred kB).
 * Allure results (and its HTML where Java is present) and Cucumber's own HTML and message stream are several
 * times larger and come only when asked. conformance.json is always written: `compare`, expectations and the
 * fleet view read it. The verdict never depends on the files: it is computed from the stream in memory.
 */
export const REPORT_FORMATS = ['json', 'html', 'junit', 'summary', 'badge', 'evidence', 'allure', 'cucumber'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const DEFAULT_FORMATS: readonly ReportFormat[] = ['json', 'html', 'junit', 'summary', 'badge', 'evidence'];

export class FormatError extends Error {}

/**
 * `--format` text to a set: names from REPORT_FORMATS, comma-separated, plus `default` (the default set) and
 * `all`. An unknown name is a FormatError naming it and the known ones.
 */
export function parseFormats(text: string): ReadonlySet<ReportFormat> {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new FormatError(`--format needs at least one of ${REPORT_FORMATS.join(', ')} (or default, all)`);
  const formats = new Set<ReportFormat>(['json']);
  for (const name of names) {
    if (name === 'default') DEFAULT_FORMATS.forEach((f) => formats.add(f));
    else if (name === 'all') REPORT_FORMATS.forEach((f) => formats.add(f));
    else if ((REPORT_FORMATS as readonly string[]).includes(name)) formats.add(name as ReportFormat);
    else throw new FormatError(`--format: unknown format "${name}" (known: ${REPORT_FORMATS.join(', ')}, or default, all)`);
  }
  return formats;
}
