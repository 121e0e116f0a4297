import type { ConformanceReport, ReportScenario } from './report-document';
import { headline } from './status';

/**
 * junit.xml: one <testsuite> per feature file, one <testcase> per scenario, named
 * `[PKT-007 PKT-008] scenario name (must)` so CI test views show the requirement. failed (a MUST) -> <failure>,
 * errored -> <error> (the harness broke), skipped -> <skipped> with its reason. A warning (a SHOULD missed) and
 * a MAY not implemented are not failures of the build: they pass, with the finding as a property
 * (`ilp.result`) and in <system-out>, as conformance.json and the verdict count them. Evidence paths go in
 * <system-out>. The shape follows the Surefire/Ant layout CI tools read.
 */
export function renderJunit(report: ConformanceReport): string {
  const byFeature = new Map<string, ReportScenario[]>();
  for (const s of report.scenarios) {
    const list = byFeature.get(s.uri) ?? [];
    list.push(s);
    byFeature.set(s.uri, list);
  }
  const totals = report.summary.scenarios;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ilp-conformance" tests="${totals.total}" failures="${totals.failed}" errors="${totals.errored}" skipped="${totals.skipped}" time="${seconds(report.durationMs)}">`,
  ];
  for (const [uri, scenarios] of byFeature) {
    const n = (status: string) => scenarios.filter((s) => s.status === status).length;
    const time = scenarios.reduce((t, s) => t + s.durationMs, 0);
    lines.push(
      `  <testsuite name="${attr(uri)}" tests="${scenarios.length}" failures="${n('failed')}" errors="${n('errored')}" skipped="${n('skipped')}" time="${seconds(time)}" timestamp="${attr(report.startedAt.replace(/\.\d+Z$/, ''))}">`,
    );
    for (const s of scenarios) lines.push(...testcase(uri, s));
    lines.push('  </testsuite>');
  }
  if (byFeature.size === 0) {
    // An empty run still says why, so a CI view does not show a silent green.
    lines.push(`  <testsuite name="ilp-conformance" tests="0" failures="0" errors="${report.verdict.result === 'incomplete' ? 1 : 0}" skipped="0" time="0">`);
    if (report.verdict.result === 'incomplete') {
      lines.push(`    <testcase classname="ilp-conformance" name="run" time="0"><error message="${attr(report.verdict.reasons[0] ?? 'incomplete')}" type="incomplete"/></testcase>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function testcase(uri: string, s: ReportScenario): string[] {
  const ids = s.requirements.length ? `[${s.requirements.join(' ')}] ` : '';
  const name = `${ids}${s.key.slice(uri.length + 2)} (${s.level})`;
  const classname = uri.replace(/\.feature$/, '').replace(/[\\/]/g, '.');
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="${seconds(s.durationMs)}"`;
  const body: string[] = [];
  const first = headline(s.message);
  if (s.status === 'failed') body.push(`      <failure message="${attr(first)}" type="${attr(s.exceptionType ?? 'AssertionError')}">${text(full(s))}</failure>`);
  if (s.status === 'errored') body.push(`      <error message="${attr(first)}" type="${attr(s.exceptionType ?? 'HarnessError')}">${text(full(s))}</error>`);
  if (s.status === 'skipped') body.push(`      <skipped message="${attr(s.skipReason ?? s.message ?? 'skipped')}"/>`);
  if (s.status === 'warning' || s.status === 'not-implemented') {
    body.push(`      <properties><property name="ilp.result" value="${s.status}"/></properties>`);
    body.push(`      <system-out>${text(`${FINDING[s.status]}: ${full(s)}`)}</system-out>`);
  }
  if (s.evidence.length) body.push(`      <system-out>${text(s.evidence.map((e) => `evidence: ${e.path}`).join('\n'))}</system-out>`);
  return body.length ? [`${open}>`, ...body, '    </testcase>'] : [`${open}/>`];
}

const FINDING = { warning: 'warning (a SHOULD not met)', 'not-implemented': 'not implemented (MAY)' } as const;

function full(s: ReportScenario): string {
  return [s.message ?? '', s.stoppedAt ? `at ${s.stoppedAt}` : ''].filter(Boolean).join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 forbids most control characters even when escaped; they are dropped. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
