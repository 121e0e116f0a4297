import type { ConformanceReport } from './report-document';
import { headline } from './status';
import { VERDICT_TITLES } from './verdict';

/**
 * summary.md: a short Markdown summary for a CI job page (GitHub's $GITHUB_STEP_SUMMARY and the like):
 * verdict, target, counts per level, what failed with its first message line, expectation outcome.
 */
export function renderSummaryMarkdown(report: ConformanceReport): string {
  const v = report.verdict;
  const out: string[] = [];
  out.push(`## ILP conformance: ${VERDICT_TITLES[v.result]}`, '');
  for (const r of v.reasons) out.push(`> ${oneLine(r)}`);
  out.push('');
  out.push(`- Target: ${cell(report.target.identity)}`);
  for (const d of report.implementations) out.push(`- ${d.kind[0]!.toUpperCase()}${d.kind.slice(1)} under test: ${cell(`${d.name}${d.version ? ` ${d.version}` : ''}`)} (${d.origin === 'bundled-reference' ? 'bundled reference' : 'external'}, ${cell(d.endpoint)})`);
  const c = report.target.connector;
  if (c) {
    out.push(`- Connector judged against RFC 35 ${c.rfc35.join(' and ')}, capabilities ${c.capabilities.join(', ') || 'none'} (${c.declaration})`);
    for (const u of c.undeclared.filter((x) => x.skipped > 0)) out.push(`  - not declared: ${u.capability}, ${u.skipped} scenario(s) skipped; enable with \`${u.enable}\``);
  }
  out.push(`- Profile: ${report.profile}${report.selection.tags ? ` (tags: \`${report.selection.tags}\`)` : ''}`);
  out.push(`- Suite ${report.suite.version}, catalog ${report.catalog.version}, run \`${report.runId}\``);
  out.push(`- Exit code: ${v.exitCode}${report.expectations ? ' (from the expectations file, see below)' : ''}`, '');
  out.push('| Level | passed | failed | warning | not implemented | not reached | errored | skipped | untested |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const level of ['must', 'should', 'may'] as const) {
    const c = report.summary.byLevel[level];
    out.push(`| ${level.toUpperCase()} | ${c.passed} | ${c.failed} | ${c.warning} | ${c['not-implemented']} | ${c['not-reached']} | ${c.errored} | ${c.skipped} | ${c.untested} |`);
  }
  const profiles = Object.entries(report.summary.byProfile ?? {}).filter(([p]) => p !== 'none').sort(([a], [b]) => a.localeCompare(b));
  if (profiles.length > 1) {
    out.push('', '| Profile | passed | failed | warning | not implemented | not reached | errored | skipped | untested |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [p, c] of profiles) out.push(`| ${p} | ${c.passed} | ${c.failed} | ${c.warning} | ${c['not-implemented']} | ${c['not-reached']} | ${c.errored} | ${c.skipped} | ${c.untested} |`);
  }
  const conventions = report.requirements.filter((r) => r.convention && r.status !== 'untested');
  if (conventions.length) out.push('', `Conventions of the suite's own APIs (not RFC requirements, listed apart in conformance.html): ${conventions.map((r) => `${r.id} ${r.status}`).join(', ')}.`);
  const s = report.summary.scenarios;
  out.push('', `Scenarios: ${s.passed} passed, ${s.failed} failed, ${s.warning} warnings, ${s['not-implemented']} MAY not implemented, ${s.errored} errored, ${s.skipped} skipped (${s.total} in all).`, '');
  const bad = report.scenarios.filter((x) => x.status !== 'passed' && x.status !== 'skipped');
  if (bad.length) {
    out.push('### Failed, errored, warnings and MAYs not implemented', '', '| Requirement | Level | Status | Scenario | Message |', '|---|---|---|---|---|');
    for (const x of bad.slice(0, 50)) {
      out.push(`| ${x.requirements.join(' ') || '-'} | ${x.level} | ${x.status} | ${cell(x.name)} | ${cell(headline(x.message))} |`);
    }
    if (bad.length > 50) out.push('', `... and ${bad.length - 50} more (see conformance.html).`);
    out.push('');
  }
  const e = report.expectations;
  if (e) {
    out.push('### Expectations', '', `File \`${e.file}\`: ${e.ok ? 'no unexpected results' : 'UNEXPECTED RESULTS'}; ${e.counts.expected} as expected, ${e.counts['unexpected-failure']} unexpected failures, ${e.counts['unexpected-pass']} unexpected passes, ${e.counts['unexpected-status']} with another status, ${e.stale.length} stale entries.`, '');
    for (const r of e.results.filter((x) => x.outcome !== 'expected')) out.push(`- ${r.outcome}: ${cell(r.scenario)} (${r.actual}${r.expected ? `, expected ${r.expected}` : ''})`);
    out.push('');
  }
  if (report.untested.length) out.push(`Untested requirements in scope: ${report.untested.length}.`, '');
  if (report.runProblems.length) {
    out.push('### Run problems', '');
    for (const p of report.runProblems) out.push(`- ${cell(p.where)}: ${cell(p.message.split('\n')[0] ?? '')}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

function cell(s: string): string {
  return oneLine(s).replace(/\|/g, '\\|').replace(/</g, '&lt;').slice(0, 200);
}
