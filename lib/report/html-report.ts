import type { TranscriptEntry } from '../evidence/transcript';
import { esc } from './html-escape';
import { EVIDENCE_CSS, LIMITS, renderEvidence } from './html-evidence';
import type { ConformanceReport, Counts, ReportScenario } from './report-document';
import { VERDICT_TITLES } from './verdict';

/**
 * conformance.html: one self-contained page (inline CSS, no script, no network) that a person reads first.
 * Top to bottom: the verdict banner and why, what was tested (target, suite, catalog, RFC revisions),
 * summaries per level and per area, failures with their messages and evidence, every requirement with its
 * status and evidence links, untested requirements, what was masked, and links to the other outputs.
 * Evidence links are relative (evidence/<scenario>.txt), so the run directory can be zipped and moved.
 * `transcripts` (html-evidence.ts inlineTranscripts) gives each failure its exchange inline.
 */
export function renderHtml(report: ConformanceReport, transcripts: ReadonlyMap<string, readonly TranscriptEntry[]> = new Map()): string {
  const v = report.verdict;
  const summaries = new Map(report.requirements.map((r) => [r.id, r.summary]));
  const scenariosByKey = new Map(report.scenarios.map((s) => [s.key, s]));
  const bad = report.scenarios.filter((s) => s.status !== 'passed' && s.status !== 'skipped');
  const parts: string[] = [];
  parts.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>ILP conformance: ${esc(VERDICT_TITLES[v.result])} (${esc(report.target.identity)})</title>
<style>${CSS}</style>
</head>
<body>
<header id="verdict" class="banner ${v.result}" data-verdict="${v.result}" role="status">
  <h1>${esc(VERDICT_TITLES[v.result])}</h1>
  <p class="target">${esc(report.target.identity)} &middot; profile ${esc(report.profile)}${v.complete ? '' : ' &middot; <strong>incomplete run</strong>'}</p>
  <ul class="reasons">${v.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
  <p class="exit">Exit code ${v.exitCode}${report.expectations ? ` &middot; expectations: ${report.expectations.ok ? 'no unexpected results' : '<strong>unexpected results</strong>'}` : ''}</p>
</header>
<main>`);

  parts.push(`<section id="identity"><h2>What was tested</h2><table class="kv">
${kv('Target', report.target.identity)}
${report.target.connectorUrl ? kv('Connector URL', report.target.connectorUrl) : ''}
${report.target.ledgerUrl ? kv('Ledger URL', report.target.ledgerUrl) : ''}
${kv('Target reached', `${report.target.reached ? 'yes' : 'no'} (${report.target.reachability})`)}
${report.target.connector ? judgedAsRows(report.target.connector) : ''}
${report.implementations.map((d) => kv(`Implementation (${d.kind})`, `${d.name}${d.version ? ` ${d.version}` : ''}, ${d.origin === 'bundled-reference' ? 'bundled reference' : 'external'}, at ${d.endpoint}${Object.entries(d.details ?? {}).map(([k, v]) => `; ${k} ${v}`).join('')}`)).join('\n')}
${kv('Profile', report.profile)}
${report.selection.tags ? kv('Tag expression', report.selection.tags) : ''}
${report.selection.requirements.length ? kv('Requirements selected', report.selection.requirements.join(', ')) : ''}
${kv('Suite', `${report.suite.name} ${report.suite.version}`)}
${kv('Requirement catalog', report.catalog.version)}
<tr><th>RFC revisions</th><td>${revisions(report.catalog.rfcRevisions)}</td></tr>
${kv('Run', `${report.runId}, ${report.startedAt} (${(report.durationMs / 1000).toFixed(1)} s)`)}
${kv('Environment', `Node ${report.environment.node}, ${report.environment.platform}, Cucumber ${report.environment.cucumber}`)}
</table></section>`);

  parts.push(`<section id="summary"><h2>Summary</h2>
<p class="scenario-counts">Scenarios: ${countLine(report.summary.scenarios)}</p>
<div class="tables">
<table class="counts"><caption>Requirements by level</caption>${countsHead('Level')}
${(['must', 'should', 'may'] as const).map((l) => countsRow(l.toUpperCase(), report.summary.byLevel[l])).join('\n')}
${countsRow('All', report.summary.requirements, 'total')}
</table>
<table class="counts"><caption>Requirements by area</caption>${countsHead('Area')}
${Object.entries(report.summary.byArea).sort(([a], [b]) => a.localeCompare(b)).map(([a, c]) => countsRow(a, c)).join('\n')}
</table>
${byProfileTable(report)}
</div></section>`);

  if (report.expectations) {
    const e = report.expectations;
    parts.push(`<section id="expectations"><h2>Expectations</h2>
<p>File <code>${esc(e.file)}</code>: ${e.counts.expected} as expected, ${e.counts['unexpected-failure']} unexpected failures,
${e.counts['unexpected-pass']} unexpected passes, ${e.counts['unexpected-status']} with another status, ${e.stale.length} stale entries.
Expectations decide the exit code in CI; they never change the verdict above.</p>
${e.results.length ? `<table class="list"><thead><tr><th>Outcome</th><th>Scenario</th><th>Actual</th><th>Expected</th><th>Reason</th></tr></thead><tbody>
${e.results.map((r) => `<tr class="${r.outcome}"><td>${esc(r.outcome)}</td><td>${esc(r.scenario)}</td><td>${pill(r.actual)}</td><td>${r.expected ? pill(r.expected) : '-'}</td><td>${esc(r.reason ?? '')}${r.issue ? ` <a href="${esc(r.issue)}">${esc(r.issue)}</a>` : ''}</td></tr>`).join('\n')}
</tbody></table>` : ''}
${e.stale.length ? `<p>Stale entries (matched no scenario in this run): ${e.stale.map((s) => `<code>${esc(s.scenario ?? s.requirement ?? '')}</code>`).join(', ')}</p>` : ''}
</section>`);
  }

  if (report.runProblems.length) {
    parts.push(`<section id="run-problems"><h2>Run problems</h2><ul>${report.runProblems
      .map((p) => `<li><strong>${esc(p.where)}</strong><pre>${esc(p.message)}</pre></li>`).join('')}</ul></section>`);
  }

  if (bad.length) {
    parts.push(`<section id="failures"><h2>Failures, errors, warnings and MAYs not implemented</h2>
${bad.length > LIMITS.scenarios ? `<p class="muted">The exchange is shown inline for the first ${LIMITS.scenarios} with a wire transcript; the evidence files hold the rest.</p>` : ''}
${bad.map((s) => failure(s, transcripts.get(s.key), (id) => summaries.get(id))).join('\n')}
</section>`);
  }

  const tested = report.requirements.filter((r) => r.status !== 'untested');
  const requirementRow = (r: ConformanceReport['requirements'][number]) => `<tr id="req-${esc(r.id)}" class="${r.status}">
<td class="id">${esc(r.id)}${r.unknown ? ' <span class="warn" title="not in the catalog">?</span>' : ''}</td><td>${r.level.toUpperCase()}<span class="muted"> ${esc(r.catalogLevel)}</span></td><td>${pill(r.status)}</td>
<td>${esc(r.summary)}</td><td class="muted">${esc(r.source)}</td>
<td>${r.scenarios.map((k) => scenarioLink(scenariosByKey.get(k), k)).join('<br>')}</td>
<td>${r.evidence.map((p) => evidenceLink(p)).join('<br>') || '<span class="muted">none</span>'}</td></tr>`;
  const requirementHead = '<thead><tr><th>ID</th><th>Level</th><th>Status</th><th>Requirement</th><th>Source</th><th>Scenarios</th><th>Evidence</th></tr></thead>';
  parts.push(`<section id="requirements"><h2>Requirements</h2>
<table class="list">${requirementHead}<tbody>
${tested.filter((r) => !r.convention).map(requirementRow).join('\n')}
</tbody></table></section>`);
  const conventions = tested.filter((r) => r.convention);
  if (conventions.length) {
    parts.push(`<section id="conventions"><h2>Conventions of the suite's own APIs (${conventions.length})</h2>
<p>Not RFC requirements: choices this project's own API makes where an RFC leaves the wire open (which status names
a refusal, say). They are judged only for a target that speaks that API; for one that speaks another they are
skipped with the reason, and only the RFC requirement beside them counts.</p>
<table class="list">${requirementHead}<tbody>
${conventions.map(requirementRow).join('\n')}
</tbody></table></section>`);
  }

  const untested = report.requirements.filter((r) => r.status === 'untested');
  parts.push(`<section id="untested"><h2>Untested requirements (${untested.length})</h2>
${untested.length ? `<details><summary>Catalog requirements in this profile that no scenario in this run covers. They are not part of the verdict.</summary>
<table class="list"><thead><tr><th>ID</th><th>Level</th><th>Requirement</th><th>Source</th></tr></thead><tbody>
${untested.map((r) => `<tr id="req-${esc(r.id)}" class="untested"><td class="id">${esc(r.id)}</td><td>${r.level.toUpperCase()}</td><td>${esc(r.summary)}</td><td class="muted">${esc(r.source)}</td></tr>`).join('\n')}
</tbody></table></details>` : '<p>Every catalog requirement in scope has at least one scenario.</p>'}
</section>`);

  parts.push(`<section id="scenarios"><h2>All scenarios (${report.scenarios.length})</h2>
<table class="list"><thead><tr><th>Status</th><th>Scenario</th><th>Requirements</th><th>Level</th><th>Time</th></tr></thead><tbody>
${report.scenarios.map((s) => `<tr id="${scenarioAnchor(s.key)}" class="${s.status}"><td>${pill(s.status)}${s.flaky ? ' <span class="warn">flaky</span>' : ''}</td>
<td>${esc(s.name)}<div class="muted">${esc(s.uri)}:${s.line}</div>${s.skipReason ? `<div class="muted skip-reason">${esc(s.skipReason)}</div>` : ''}</td>
<td>${s.requirements.map((id) => `<a href="#req-${esc(id)}">${esc(id)}</a>`).join(' ')}</td><td>${s.level.toUpperCase()}</td><td>${s.durationMs} ms</td></tr>`).join('\n')}
</tbody></table></section>`);

  parts.push(`<section id="masked"><h2>Masked secrets</h2>
<p>These values were replaced by <code>***</code> in every report, log and attachment of this run. Only their names are shown.</p>
<ul>${report.masked.map((m) => `<li>${esc(m.name)}: ${m.occurrences} occurrence(s)${m.note ? ` <span class="warn">${esc(m.note)}</span>` : ''}</li>`).join('')}</ul>
</section>`);

  const files = report.files;
  parts.push(`<section id="files"><h2>Other outputs</h2><ul>
<li><a href="${esc(files.json ?? '')}">conformance.json</a> (the machine-readable report)</li>
${fileLink(files.junit, 'junit.xml', 'junit')}
${files.cucumberHtml ? `<li><a href="${esc(files.cucumberHtml)}">cucumber.html</a> and <a href="${esc(files.messages ?? '')}">messages.ndjson</a> (Cucumber's own)</li>` : '<li>Cucumber HTML and message stream: not written (<code>--format default,cucumber</code>)</li>'}
<li>${files.allureReport ? `<a href="${esc(files.allureReport)}/index.html">Allure report</a>, results in <code>${esc(files.allureResults ?? '')}</code>` : files.allureResults ? `Allure results in <code>${esc(files.allureResults)}</code>; ${esc(report.allureNote)}` : 'Allure: not written (<code>--format default,allure</code>)'}</li>
${fileLink(files.badge, 'badge.svg', 'badge')}
${fileLink(files.summary, 'summary.md', 'summary')}
</ul></section>
</main>
<footer>${esc(report.suite.name)} ${esc(report.suite.version)} &middot; run ${esc(report.runId)}</footer>
</body>
</html>
`);
  return parts.join('\n');
}

/** The pinned RFC texts, folded: `R27` -> `commit (document)`. */
function revisions(revs: Readonly<Record<string, string>>): string {
  const entries = Object.entries(revs);
  if (entries.length === 0) return 'not recorded';
  const rows = entries.map(([key, rev]) => {
    const m = /^([0-9a-f]{7,40})\s*(?:\((.*)\))?$/.exec(rev);
    return `<tr><td class="id">${esc(key)}</td><td>${esc(m?.[2] ?? '')}</td><td class="id" title="${esc(m?.[1] ?? rev)}">${esc(m ? m[1]!.slice(0, 12) : rev)}</td></tr>`;
  });
  return `<details><summary>${entries.length} texts, each pinned to a commit of the RFC repository</summary><table class="list">${rows.join('')}</table></details>`;
}

/** A failed check shows as Requirement / Expected / Actual (its message folded away); anything else as its message. */
function failure(s: ReportScenario, transcript: readonly TranscriptEntry[] | undefined, summaryOf: (id: string) => string | undefined): string {
  const check = s.checks.find((c) => !c.passed);
  const message = `<pre>${esc(s.message ?? '(no message)')}</pre>`;
  return `<article class="failure ${s.status}" id="fail-${scenarioAnchor(s.key)}">
<h3>${pill(s.status)} ${esc(s.name)}</h3>
<p class="muted">${esc(s.uri)}:${s.line} &middot; ${s.requirements.map((id) => `<a href="#req-${esc(id)}">${esc(id)}</a>`).join(' ') || 'no requirement tag'} &middot; ${s.level.toUpperCase()}${s.stoppedAt ? ` &middot; at ${esc(s.stoppedAt)}` : ''}</p>
${check ? '' : message}
${renderEvidence({ entries: transcript, check, summaryOf })}
${check ? `<details><summary>The failure as the step reported it</summary>${message}</details>` : ''}
<p>Evidence: ${s.evidence.map((e) => evidenceLink(e.path)).join(' ') || '<span class="muted">none attached</span>'}</p>
</article>`;
}

/** The connector's declaration on the front page: capabilities, RFC 35 revision, what was skipped for what. */
function judgedAsRows(c: NonNullable<ConformanceReport['target']['connector']>): string {
  const how = c.declaration === 'declared' ? 'as declared' : 'the default for this target (none declared)';
  const skipped = c.undeclared.filter((u) => u.skipped > 0);
  return `${kv('Judged against', `RFC 35 ${c.rfc35.join(' and ')}`)}
${kv('Capabilities', `${c.capabilities.join(', ') || 'none'} (${how})`)}
<tr><th>Not declared</th><td>${skipped.length ? `<ul class="undeclared">${skipped.map((u) => `<li><strong>${esc(u.capability)}</strong> (${esc(u.meaning)}): ${u.skipped} scenario(s) skipped; enable with <code>${esc(u.enable)}</code></li>`).join('')}</ul>` : c.undeclared.length ? `${esc(c.undeclared.map((u) => u.capability).join(', '))} (no scenario needed ${c.undeclared.length > 1 ? 'them' : 'it'})` : 'nothing: every capability is declared'}</td></tr>`;
}

/** A list item linking a written file, or saying which --format would write it. */
function fileLink(href: string | null | undefined, label: string, format: string): string {
  return href ? `<li><a href="${esc(href)}">${esc(label)}</a></li>` : `<li>${esc(label)}: not written (<code>--format default,${esc(format)}</code>)</li>`;
}

function scenarioLink(s: ReportScenario | undefined, key: string): string {
  if (!s) return esc(key);
  return `<a href="#${scenarioAnchor(key)}">${esc(s.name)}</a> ${pill(s.status)}`;
}

function evidenceLink(path: string): string {
  const name = path.replace(/^evidence\//, '');
  return `<a class="evidence" href="${esc(path)}">${esc(name)}</a>`;
}

/** An HTML id from a scenario key (stable, no spaces). */
export function scenarioAnchor(key: string): string {
  let h = 0;
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `scn-${(h >>> 0).toString(36)}`;
}

/** How each status reads on the page (the JSON keeps the machine word as the class). */
const STATUS_WORDS: Readonly<Record<string, string>> = { 'not-implemented': 'not implemented (MAY)', 'not-reached': 'not reached', warning: 'warning (SHOULD)' };

function pill(status: string): string {
  return `<span class="pill ${esc(status)}">${esc(STATUS_WORDS[status] ?? status)}</span>`;
}

/** Requirements per profile: on a run of several profiles, each one's results apart (absent in older reports). */
function byProfileTable(report: ConformanceReport): string {
  const rows = Object.entries(report.summary.byProfile ?? {}).filter(([p]) => p !== 'none').sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return '';
  return `<table class="counts" id="by-profile"><caption>Requirements by profile</caption>${countsHead('Profile')}
${rows.map(([p, c]) => countsRow(p, c)).join('\n')}
</table>`;
}

function kv(k: string, v: string): string {
  return `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
}

function countsHead(first: string): string {
  return `<thead><tr><th>${esc(first)}</th>${COUNTED.map((c) => `<th>${esc(STATUS_WORDS[c] ?? c)}</th>`).join('')}<th>total</th></tr></thead>`;
}

function countsRow(label: string, c: Counts, cls = ''): string {
  const cellFor = (n: number, status: string) => `<td class="${n > 0 ? status : 'zero'}">${n}</td>`;
  return `<tr class="${cls}"><th>${esc(label)}</th>${COUNTED.map((status) => cellFor(c[status], status)).join('')}<td>${c.total}</td></tr>`;
}

const COUNTED = ['passed', 'failed', 'warning', 'not-implemented', 'not-reached', 'errored', 'skipped', 'untested'] as const;

function countLine(c: Counts): string {
  const nonZero = COUNTED.filter((status) => c[status] > 0 || status === 'passed' || status === 'failed');
  return `${nonZero.map((status) => `${c[status]} ${STATUS_WORDS[status] ?? status}`).join(', ')} (${c.total} in all)`;
}

export { esc };

const CSS = `
:root{--pass:#2e7d32;--fail:#c62828;--err:#6a1b9a;--skip:#8d6e00;--untested:#607d8b;--ink:#1d1d1f;--muted:#6b6b70;--line:#e2e2e6}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fafafa}
main{max-width:1200px;margin:0 auto;padding:0 16px 32px}footer{text-align:center;color:var(--muted);padding:16px}
.banner{padding:20px 24px;color:#fff}.banner h1{margin:0 0 4px;font-size:28px}.banner p{margin:4px 0}.banner ul{margin:8px 0;padding-left:20px}
.banner.conformant{background:var(--pass)}.banner.conformant-with-warnings{background:#b58900}.banner.not-conformant{background:var(--fail)}.banner.incomplete{background:#555}
h2{margin:28px 0 8px;font-size:20px;border-bottom:1px solid var(--line);padding-bottom:4px}
table{border-collapse:collapse;background:#fff;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.list{width:100%}table.kv th{width:180px;background:#f3f3f5}caption{text-align:left;font-weight:600;padding:4px 0}
.tables{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}.counts td{text-align:right;min-width:56px}td.zero{color:#bbb}
td.passed{color:var(--pass)}td.failed{color:var(--fail);font-weight:600}td.errored{color:var(--err);font-weight:600}td.skipped{color:var(--skip)}td.untested{color:var(--untested)}
.pill{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;color:#fff;background:var(--untested)}
.pill.passed{background:var(--pass)}.pill.failed{background:var(--fail)}.pill.errored{background:var(--err)}.pill.skipped{background:var(--skip)}
.pill.warning{background:#b58900}.pill.not-implemented{background:#5c6bc0}.pill.not-reached{background:#90a4ae}
td.warning{color:#b58900;font-weight:600}td.not-implemented{color:#5c6bc0}td.not-reached{color:#78909c}
article.failure.warning{border-left-color:#b58900}article.failure.not-implemented{border-left-color:#5c6bc0}
.muted{color:var(--muted);font-size:12px}.warn{color:#b58900;font-weight:600}.id{white-space:nowrap;font-family:ui-monospace,monospace}
pre{background:#f3f3f5;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:4px 0}
article.failure{background:#fff;border:1px solid var(--line);border-left:4px solid var(--fail);padding:8px 12px;margin:8px 0}
article.failure.errored{border-left-color:var(--err)}article.failure h3{margin:0;font-size:15px}
summary{cursor:pointer;color:var(--muted)}a.evidence{font-family:ui-monospace,monospace;font-size:12px}
tr.unexpected-pass td,tr.unexpected-failure td,tr.unexpected-status td{background:#fff4e5}
${EVIDENCE_CSS}`;
