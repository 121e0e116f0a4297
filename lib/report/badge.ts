import type { ConformanceReport } from './report-document';
import type { VerdictName } from './verdict';

/**
 * badge.svg (a flat, shields-style badge that needs no network) and badge.json (a shields.io "endpoint"
 * document, for projects that publish their badge through shields). The message says the verdict and the
 * share of MUST-level requirements that passed, e.g. "conformant · 42/42 MUST".
 */
const COLOURS: Record<VerdictName, string> = {
  conformant: '#2e7d32',
  'conformant-with-warnings': '#b58900',
  'not-conformant': '#c62828',
  incomplete: '#6e6e6e',
};

export function badgeMessage(report: ConformanceReport): string {
  const must = report.summary.byLevel.must;
  const tested = must.total - must.untested;
  const words = report.verdict.result.replace(/-/g, ' ');
  const warnings = report.summary.byLevel.should.warning;
  const counts = tested > 0 ? ` · ${must.passed}/${tested} MUST` : '';
  return `${words}${counts}${warnings > 0 ? ` · ${warnings} SHOULD missed` : ''}`;
}

export function badgeLabel(report: ConformanceReport): string {
  return report.profile === 'all' ? 'ILP conformance' : `ILP ${report.profile}`;
}

export function renderBadgeSvg(report: ConformanceReport): string {
  const label = badgeLabel(report);
  const message = badgeMessage(report);
  const colour = COLOURS[report.verdict.result];
  const lw = textWidth(label) + 12;
  const mw = textWidth(message) + 12;
  const w = lw + mw;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${esc(label)}: ${esc(message)}">`,
    `  <title>${esc(label)}: ${esc(message)}</title>`,
    `  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `  <clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `  <g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `    <text x="${lw / 2}" y="14">${esc(label)}</text>`,
    `    <text x="${lw + mw / 2}" y="14">${esc(message)}</text>`,
    '  </g>',
    '</svg>',
    '',
  ].join('\n');
}

export function renderBadgeJson(report: ConformanceReport): string {
  const colour = COLOURS[report.verdict.result].slice(1);
  return `${JSON.stringify({ schemaVersion: 1, label: badgeLabel(report), message: badgeMessage(report), color: colour }, null, 2)}\n`;
}

/** Approximate Verdana 11px advance widths: narrow, normal and wide glyph classes. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    if ('iljI.,:;!|· '.includes(ch)) w += 3.5;
    else if ('mwMW@'.includes(ch)) w += 10;
    else if (/[A-Z0-9]/.test(ch)) w += 7.5;
    else w += 6.5;
  }
  return Math.ceil(w);
}
