import { esc } from '../report/html-escape';
import type { FleetDocument, FleetParticipant, ParticipantOutcome } from './fleet-document';
import { renderSparkline } from './sparkline';

/**
 * matrix.html: the fleet at a glance (Autobahn's case x implementation table, bowtie's report, wpt.fyi).
 * One self-contained page, no script, no network (the CSP allows inline styles and data: images only).
 * Rows are requirements, columns participants; each cell is the requirement's status for that participant,
 * linking to the row in the participant's own conformance.html and to its evidence. Each column head shows
 * the verdict, the badge, what changed since the previous audit (new, regressed, fixed) and the trend.
 * Filters by area and by level are radio buttons; CSS `:checked ~` rules hide the other rows.
 */
const OUTCOME_TITLES: Record<ParticipantOutcome, string> = {
  conformant: 'Conformant',
  'conformant-with-warnings': 'Conformant with warnings',
  'not-conformant': 'Not conformant',
  incomplete: 'Could not be judged',
  'not-run': 'Not run',
  skipped: 'Skipped',
};

const SHORT: Record<string, string> = {
  passed: 'pass', failed: 'FAIL', warning: 'warn', 'not-implemented': 'n/i', 'not-reached': 'n/r', errored: 'ERR', skipped: 'skip', untested: '·',
};

export function renderMatrixHtml(doc: FleetDocument): string {
  const areas = [...new Set(doc.requirements.map((r) => r.area))];
  const areaKey = (a: string) => `a${areas.indexOf(a)}`;
  const levels = ['must', 'should', 'may'] as const;
  const filterCss = [
    ...areas.map((a) => `#f-${areaKey(a)}:checked ~ .wrap tr.req:not([data-area="${areaKey(a)}"])`),
    ...levels.map((l) => `#f-${l}:checked ~ .wrap tr.req:not([data-level="${l}"])`),
  ].join(',\n') + ' { display: none; }';
  const radios = (name: string, items: readonly [string, string][]) =>
    items.map(([id, label], i) => `<input type="radio" name="${name}" id="f-${id}"${i === 0 ? ' checked' : ''}><label for="f-${id}">${esc(label)}</label>`).join('\n');
  const s = doc.summary;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>ILP conformance fleet: ${doc.participants.length} participants (${esc(doc.audit)})</title>
<style>${CSS}
${filterCss}</style>
</head>
<body>
<header id="fleet-summary" class="exit-${doc.exitCode}" data-exit="${doc.exitCode}">
<h1>Fleet audit ${esc(doc.audit)}</h1>
<p>${doc.participants.length} participants, ${doc.requirements.length} requirements tested &middot; built by ${esc(doc.source)} &middot; exit code ${doc.exitCode}${doc.wallTimeMs !== null ? ` &middot; wall time ${(doc.wallTimeMs / 1000).toFixed(1)} s` : ''}</p>
<ul>
<li>Conformant: ${names(s.conformant)}</li>
<li>Not conformant: ${names(s.notConformant)}</li>
<li>Could not be judged: ${names(s.couldNotJudge)}</li>
${s.skipped.length ? `<li>Skipped: ${names(s.skipped)}</li>` : ''}
</ul>
</header>
<main>
<span class="flabel">Area</span>
${radios('area', [['all-areas', 'All'], ...areas.map((a) => [areaKey(a), a] as [string, string])])}
<br><span class="flabel">Level</span>
${radios('level', [['all-levels', 'All'], ...levels.map((l) => [l, l.toUpperCase()] as [string, string])])}
<div class="wrap">
<table id="matrix">
<thead><tr><th class="corner">Requirement</th>${doc.participants.map(head).join('')}</tr></thead>
<tbody>
${doc.requirements.map((r) => `<tr class="req" id="row-${esc(r.id)}" data-area="${areaKey(r.area)}" data-level="${r.level}"><th scope="row" title="${esc(r.summary)}"><span class="id">${esc(r.id)}</span> <span class="lvl">${r.level.toUpperCase()}</span><br><span class="sum">${esc(r.summary)}</span></th>${doc.participants.map((p) => cell(p, r.id)).join('')}</tr>`).join('\n')}
</tbody>
</table>
</div>
<p class="legend">Cells: ${Object.entries(SHORT).map(([k, v]) => `<span class="st ${k}">${esc(v)}</span> ${esc(k)}`).join(' &middot; ')} &middot; blank: not in that participant's profile &middot; &#9660; regressed, &#9650; fixed since the previous audit.</p>
</main>
</body>
</html>
`;
}

function names(list: readonly string[]): string {
  return list.length ? list.map((n) => `<strong>${esc(n)}</strong>`).join(', ') : '-';
}

function head(p: FleetParticipant): string {
  const c = p.change;
  const marks = [
    c.new && c.since !== null ? '<span class="mark new">new</span>' : '',
    c.regressed.length ? `<span class="mark regressed" title="${esc(c.regressed.join(' '))}">&#9660; ${c.regressed.length} regressed</span>` : '',
    c.fixed.length ? `<span class="mark fixed" title="${esc(c.fixed.join(' '))}">&#9650; ${c.fixed.length} fixed</span>` : '',
  ].join('');
  const title = p.html ? `<a href="${esc(p.html)}">${esc(p.name)}</a>` : esc(p.name);
  return `<th class="participant ${p.outcome}" data-participant="${esc(p.name)}" data-outcome="${p.outcome}" title="${esc(p.reason)}"><div class="pname">${title}</div><div class="kind">${esc(p.kind)}</div>`
    + `<div class="verdict">${esc(OUTCOME_TITLES[p.outcome])}${p.expectationsOk !== null ? ` (known failures: ${p.expectationsOk ? 'none unexpected' : 'unexpected results'})` : ''}</div>`
    + (p.badge ? `<img class="badge" alt="${esc(p.badge.message)}" src="${p.badge.svg}">` : `<div class="why">${esc(p.reason)}</div>`)
    + `<div class="marks">${marks}</div>${renderSparkline(p.trend)}</th>`;
}

function cell(p: FleetParticipant, id: string): string {
  const status = p.statuses[id];
  if (status === undefined) return '<td class="none"></td>';
  const link = p.html ? `<a class="st ${status}" href="${esc(`${p.html}#req-${id}`)}">${esc(SHORT[status] ?? status)}</a>` : `<span class="st ${status}">${esc(SHORT[status] ?? status)}</span>`;
  const mark = p.change.regressed.includes(id) ? '<span class="mark regressed" title="regressed since the previous audit">&#9660;</span>' : p.change.fixed.includes(id) ? '<span class="mark fixed" title="fixed since the previous audit">&#9650;</span>' : '';
  const evidence = (p.evidence[id] ?? []);
  const ev = evidence.length ? ` <a class="ev" href="${esc(evidence[0]!)}" title="${evidence.length} evidence file(s)">ev</a>` : '';
  return `<td class="cell ${status}" data-status="${status}" title="${esc(`${p.name} · ${id}: ${status}`)}">${mark}${link}${ev}</td>`;
}

const CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 12px 20px; color: #fff; background: #2e7d32; }
header.exit-1 { background: #c62828; } header.exit-3 { background: #6e6e6e; }
header h1 { margin: 0 0 4px; font-size: 20px; } header ul { margin: 4px 0 0; padding-left: 20px; }
main { padding: 12px 20px; }
.flabel { display: inline-block; width: 48px; font-weight: 600; }
input[type=radio] { margin-left: 10px; }
.wrap { overflow-x: auto; margin-top: 10px; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top; }
th.corner { text-align: left; min-width: 260px; }
th[scope=row], th.corner { position: sticky; left: 0; z-index: 1; background: #fff; }
th[scope=row] { text-align: left; font-weight: normal; max-width: 360px; }
th[scope=row] .id { font-weight: 600; font-family: ui-monospace, monospace; } .lvl { font-size: 11px; color: #666; }
.sum { font-size: 12px; color: #555; }
th.participant { min-width: 170px; font-weight: normal; font-size: 12px; text-align: center; }
.pname { font-weight: 700; font-size: 14px; } .kind { color: #666; }
th.not-conformant .verdict { color: #c62828; font-weight: 600; } th.conformant .verdict { color: #2e7d32; font-weight: 600; }
th.conformant-with-warnings .verdict { color: #8a6d00; font-weight: 600; } th.incomplete .verdict, th.not-run .verdict, th.skipped .verdict { color: #555; font-weight: 600; }
.why { color: #555; max-width: 180px; margin: 0 auto; }
img.badge { display: block; margin: 4px auto; max-width: 100%; }
td.cell { text-align: center; white-space: nowrap; }
td.none { background: #fafafa; }
.st { display: inline-block; padding: 0 5px; border-radius: 3px; text-decoration: none; color: #222; font-size: 12px; }
.st.passed { background: #c8e6c9; } .st.failed, .st.errored { background: #ef9a9a; font-weight: 700; }
.st.warning { background: #ffe082; } .st.not-implemented, .st.not-reached { background: #e0e0e0; } .st.skipped, .st.untested { background: #f1f1f1; color: #777; }
.ev { font-size: 11px; color: #1565c0; }
.mark { font-size: 11px; margin: 0 2px; } .mark.regressed { color: #c62828; font-weight: 700; } .mark.fixed { color: #2e7d32; font-weight: 700; } .mark.new { color: #1565c0; font-weight: 700; }
svg.trend { display: block; margin: 2px auto 0; }
.legend { font-size: 12px; color: #555; }`;
