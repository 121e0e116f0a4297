import type { TranscriptEntry } from '../evidence/transcript';
import type { CheckResult } from '../judgement/judge';
import { esc } from './html-escape';
import type { RawAttachment, ScenarioResult } from './run-model';

/**
 * The exchange behind a failure, for a person reading conformance.html (issue 13, point 7): the failed
 * check's requirement, expected and actual; a sequence picture (inline SVG, no script, so the page's CSP
 * holds) with one lifeline per party and one arrow per message, each timed from the first message and
 * against the expiry of the Prepare it belongs to; then the decoded messages up to the check, the hex of
 * each one click away. Pure functions over the scenario's wire transcript (lib/evidence/transcript.ts).
 *
 *   harness (account holders, for a ledger) | peers that send first | connector (SUT) | peers it forwards to | ledger (SUT)
 *
 * A codec scenario records only notes: it gets the list without a picture.
 *
 * Bounded: at most LIMITS.messages messages and LIMITS.hexBytes bytes of hex per message, field values
 * cut at LIMITS.fieldChars, inline evidence for the first LIMITS.scenarios failures; the page says what it
 * left out, and the evidence files hold everything.
 */
export const LIMITS = { messages: 40, hexBytes: 256, fieldChars: 160, fields: 24, scenarios: 50 } as const;

/** The statuses whose scenarios show their exchange (the page's failures section). */
const SHOWN: ReadonlySet<string> = new Set(['failed', 'warning', 'not-implemented', 'errored']);

/**
 * The parsed wire transcript of each scenario the failures section shows, by scenario key: conformance.json
 * does not carry them. The attachments are masked as text already; a secret's bytes, which the JSON carries
 * as hex, are masked here as `**` per byte.
 */
export function inlineTranscripts(scenarios: readonly ScenarioResult[], secrets: readonly string[] = []): Map<string, readonly TranscriptEntry[]> {
  const out = new Map<string, readonly TranscriptEntry[]>();
  for (const s of scenarios) {
    if (!SHOWN.has(s.status) || out.size >= LIMITS.scenarios) continue;
    const entries = transcriptOf(s.attachments);
    if (entries && entries.length > 0) out.set(s.key, entries.map((e) => maskHex(e, secrets)));
  }
  return out;
}

/** The entries of a scenario's `wire-transcript.json` attachment; undefined when it has none readable. */
export function transcriptOf(attachments: readonly RawAttachment[]): TranscriptEntry[] | undefined {
  const found = attachments.find((a) => a.name === 'wire-transcript.json');
  if (!found) return undefined;
  try {
    const entries = (JSON.parse(found.body.toString('utf8')) as { entries?: unknown } | null)?.entries;
    return Array.isArray(entries) ? entries.filter(isEntry) : undefined;
  } catch {
    return undefined;
  }
}

function isEntry(e: unknown): e is TranscriptEntry {
  if (!e || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return typeof o.atMs === 'number' && (o.direction === 'sent' || o.direction === 'received' || o.direction === 'note')
    && typeof o.channel === 'string' && typeof o.label === 'string'
    && (o.hex === undefined || (typeof o.hex === 'string' && /^(?:[0-9a-fA-F]{2})*$/.test(o.hex)))
    && (o.msBeforeExpiry === undefined || typeof o.msBeforeExpiry === 'number');
}

/** A secret's UTF-8 bytes inside the hex become `**` per byte (at byte boundaries only). */
export function maskHex(entry: TranscriptEntry, secrets: readonly string[]): TranscriptEntry {
  if (!entry.hex) return entry;
  let hex = entry.hex.toLowerCase();
  for (const secret of secrets) {
    const form = Buffer.from(secret, 'utf8').toString('hex');
    for (let at = hex.indexOf(form); at !== -1; at = hex.indexOf(form, at + 1)) {
      if (at % 2 === 0) hex = `${hex.slice(0, at)}${'*'.repeat(form.length)}${hex.slice(at + form.length)}`;
    }
  }
  return hex === entry.hex.toLowerCase() ? entry : { ...entry, hex };
}

// ---- the exchange: parties and rows ----

type Kind = 'prepare' | 'fulfill' | 'reject' | 'other' | 'note';

export interface Row {
  /** Transcript index of the entry (a `decoded ILP ...` entry folded into it does not count). */
  readonly index: number;
  readonly entry: TranscriptEntry;
  /** From and to lifeline names; undefined for a note. */
  readonly arrow: { readonly from: string; readonly to: string } | undefined;
  readonly kind: Kind;
  /** What the arrow says: `Prepare 100 to test.bob.x`, `Reject F02 (HTTP 200)`, `HTTP 500 (scripted)`. */
  readonly summary: string;
  readonly decoded: unknown;
  /** `+12 ms, 3988 ms before expiry`. */
  readonly time: string;
}

export interface Exchange {
  readonly parties: readonly string[];
  readonly rows: readonly Row[];
  /** Rows left out by LIMITS.messages. */
  readonly omitted: number;
}

const CONNECTOR = 'connector (SUT)';
const HARNESS = 'harness';
/** Channels that are the SUT itself: the harness's lifeline and the SUT's. */
const SUT_CHANNELS: Readonly<Record<string, { readonly harness: string; readonly sut: string }>> = {
  sut: { harness: HARNESS, sut: 'SUT' },
  ledger: { harness: 'account holders (harness)', sut: 'ledger (SUT)' },
  codec: { harness: HARNESS, sut: 'codec' },
};

export function exchangeOf(entries: readonly TranscriptEntry[]): Exchange {
  const firstMessage = entries.find((e) => e.direction !== 'note');
  const t0 = (firstMessage ?? entries[0])?.atMs ?? 0;
  const expiryAt = new Map<string, number>();
  const rows: Row[] = [];
  const initiators: string[] = [];
  const nextHops: string[] = [];
  const sutLines: string[] = [];
  const harnessLines: string[] = [];
  entries.forEach((entry, index) => {
    const time = timeOf(entry, t0, expiryAt);
    const previous = rows[rows.length - 1];
    if (entry.direction === 'received' && /^decoded /.test(entry.label) && previous?.arrow && previous.entry.channel === entry.channel && previous.decoded === undefined) {
      rows[rows.length - 1] = { ...previous, decoded: entry.decoded, ...describe(previous.entry.label, entry.decoded) };
      return;
    }
    if (entry.direction === 'note' || entry.channel === HARNESS) {
      rows.push({ index, entry, arrow: undefined, kind: 'note', summary: entry.label, decoded: entry.decoded, time });
      return;
    }
    const lines = SUT_CHANNELS[entry.channel];
    const party = lines?.harness ?? entry.channel;
    const sut = lines?.sut ?? CONNECTOR;
    if (lines !== undefined) {
      if (!harnessLines.includes(lines.harness)) harnessLines.push(lines.harness);
      if (!sutLines.includes(lines.sut)) sutLines.push(lines.sut);
    } else if (!initiators.includes(party) && !nextHops.includes(party)) {
      (entry.direction === 'sent' ? initiators : nextHops).push(party);
    }
    const arrow = entry.direction === 'sent' ? { from: party, to: sut } : { from: sut, to: party };
    rows.push({ index, entry, arrow, decoded: entry.decoded, time, ...describe(entry.label, entry.decoded) });
  });
  const parties = [...harnessLines, ...initiators, ...(initiators.length + nextHops.length > 0 ? [CONNECTOR] : []), ...nextHops, ...sutLines];
  return { parties, rows: rows.slice(0, LIMITS.messages), omitted: Math.max(0, rows.length - LIMITS.messages) };
}

/** Relative to the first message; against the expiry this entry carries, or the last one its channel saw. */
function timeOf(entry: TranscriptEntry, t0: number, expiryAt: Map<string, number>): string {
  const relative = `+${Math.round(entry.atMs - t0)} ms`;
  let before = entry.msBeforeExpiry;
  if (before !== undefined) expiryAt.set(entry.channel, entry.atMs + before);
  else if (expiryAt.has(entry.channel)) before = expiryAt.get(entry.channel)! - entry.atMs;
  if (before === undefined) return relative;
  return `${relative}, ${Math.round(Math.abs(before))} ms ${before >= 0 ? 'before' : 'after'} expiry`;
}

function describe(label: string, decoded: unknown): { kind: Kind; summary: string } {
  const p = (decoded && typeof decoded === 'object' ? decoded : {}) as Record<string, unknown>;
  const status = /\bHTTP (\d{3})\b/.exec(label)?.[1];
  const via = status ? ` (HTTP ${status})` : '';
  switch (p.type) {
    case 'prepare':
      return { kind: 'prepare', summary: `Prepare ${String(p.amount)} to ${String(p.destination)}` };
    case 'fulfill':
      return { kind: 'fulfill', summary: `Fulfill${via}` };
    case 'reject':
      return { kind: 'reject', summary: `Reject ${String(p.code)}${via}` };
    default: {
      // `HTTP 201 for PUT /transfers/x (3 ms)` answers the request drawn just above: the status and what the body says.
      const answer = /^HTTP (\d{3}) for /.exec(label);
      if (!answer) return { kind: 'other', summary: label };
      const said = [typeof p.state === 'string' ? p.state : '', typeof p.id === 'string' && /Error$/.test(p.id) ? p.id : ''].filter(Boolean).join(' ');
      return { kind: Number(answer[1]) >= 400 ? 'reject' : 'other', summary: `HTTP ${answer[1]}${said ? ` ${said}` : ''}` };
    }
  }
}

// ---- rendering ----

export interface EvidenceInput {
  /** The scenario's wire transcript; undefined when it attached none (or the page's cap was reached). */
  readonly entries: readonly TranscriptEntry[] | undefined;
  /** The check that failed, when one did. */
  readonly check: CheckResult | undefined;
  /** A requirement's one-line summary from the catalog. */
  readonly summaryOf?: (id: string) => string | undefined;
}

/** The failed check, the sequence picture and the decoded messages up to the check. */
export function renderEvidence(input: EvidenceInput): string {
  const parts: string[] = [];
  if (input.check) parts.push(renderCheck(input.check, input.summaryOf));
  if (input.entries && input.entries.length > 0) {
    const exchange = exchangeOf(input.entries);
    const upTo = input.check?.evidence?.upTo;
    if (exchange.rows.some((r) => r.arrow)) parts.push(renderSequence(exchange, upTo, input.check));
    parts.push(renderMessages(exchange, upTo));
  }
  return parts.join('\n');
}

function renderCheck(check: CheckResult, summaryOf: EvidenceInput['summaryOf']): string {
  const ids = check.requirements.map((id) => {
    const summary = summaryOf?.(id);
    return `<a href="#req-${esc(id)}">${esc(id)}</a>${summary ? ` ${esc(summary)}` : ''}`;
  });
  return `<dl class="ev-check">
<dt>Requirement</dt><dd>${ids.join('<br>')}</dd>
<dt>Expected</dt><dd>${esc(check.expected)}</dd>
<dt>Actual</dt><dd>${esc(check.actual)}</dd>
${check.step ? `<dt>Step</dt><dd>${esc(check.step)}</dd>` : ''}
</dl>`;
}

const COLOURS: Readonly<Record<Kind, string>> = { prepare: '#1565c0', fulfill: '#2e7d32', reject: '#c62828', other: '#546e7a', note: '#6b6b70' };
const GUTTER = 210;
const ROW = 30;
const HEAD = 40;
const CHAR = 6.4;
/** Lifelines share about this many pixels (a two-party exchange gets long arrows), each 250 to 420 wide. */
const SPAN = 1100;

/** One lifeline per party, one arrow (`<g class="ev-msg">`) per message, a dashed line where the check was made. */
export function renderSequence(exchange: Exchange, upTo: number | undefined, check?: CheckResult): string {
  const { parties, rows } = exchange;
  const column = Math.max(250, Math.min(420, Math.floor((SPAN - GUTTER) / parties.length)));
  const x = (party: string) => GUTTER + column * parties.indexOf(party) + column / 2;
  const width = GUTTER + column * parties.length;
  const before = upTo === undefined ? -1 : rows.filter((r) => r.index < upTo).length;
  // A check made after the last row drawn is not drawn at the end as if it came there.
  const marker = before === rows.length && exchange.omitted > 0 ? -1 : before;
  const lines = rows.length + (marker >= 0 ? 1 : 0);
  const height = HEAD + ROW * lines + 16;
  const svg: string[] = [];
  parties.forEach((p) => {
    const cx = x(p);
    svg.push(`<rect x="${cx - 90}" y="4" width="180" height="26" rx="4" fill="#eef2f7" stroke="#90a4ae"/>`);
    svg.push(`<text x="${cx}" y="22" text-anchor="middle" font-size="13" font-weight="600">${esc(fit(p, 180))}</text>`);
    svg.push(`<line x1="${cx}" y1="30" x2="${cx}" y2="${height - 4}" stroke="#b0bec5" stroke-dasharray="4 3"/>`);
  });
  let line = 0;
  rows.forEach((row, i) => {
    if (i === marker) svg.push(checkLine(HEAD + ROW * line++, width, check));
    const y = HEAD + ROW * line++ + 18;
    svg.push(`<text x="8" y="${y + 4}" font-size="11" fill="#6b6b70">${esc(row.time)}</text>`);
    if (!row.arrow) {
      svg.push(`<text class="ev-note" x="${GUTTER + 8}" y="${y + 4}" font-size="11" font-style="italic" fill="${COLOURS.note}">${esc(fit(`note: ${row.summary}`, width - GUTTER - 16))}<title>${esc(row.entry.label)}</title></text>`);
      return;
    }
    const x1 = x(row.arrow.from);
    const x2 = x(row.arrow.to);
    const dir = x2 > x1 ? 1 : -1;
    const colour = COLOURS[row.kind];
    svg.push(`<g class="ev-msg ${row.kind}" data-entry="${row.index}"><title>${esc(`${row.summary}: ${row.entry.label}`)}</title>`
      + `<line x1="${x1}" y1="${y}" x2="${x2 - dir * 8}" y2="${y}" stroke="${colour}" stroke-width="2"/>`
      + `<polygon points="${x2},${y} ${x2 - dir * 9},${y - 5} ${x2 - dir * 9},${y + 5}" fill="${colour}"/>`
      + `<text x="${(x1 + x2) / 2}" y="${y - 5}" text-anchor="middle" font-size="12" fill="${colour}">${esc(fit(row.summary, Math.abs(x2 - x1) - 12))}</text></g>`);
  });
  if (marker === rows.length) svg.push(checkLine(HEAD + ROW * line, width, check));
  const arrows = rows.filter((r) => r.arrow).length;
  const label = `Sequence of ${arrows} message(s) between ${parties.join(', ')}`;
  return `<figure class="ev-sequence"><div class="ev-scroll"><svg role="img" aria-label="${esc(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
${svg.join('\n')}
</svg></div>${exchange.omitted > 0 ? `<figcaption class="muted">The first ${LIMITS.messages} entries are drawn; ${exchange.omitted} more are in the evidence file.</figcaption>` : ''}</figure>`;
}

function checkLine(top: number, width: number, check: CheckResult | undefined): string {
  const y = top + 15;
  const text = `check ${check?.passed === false ? 'failed' : 'made'} here${check ? `: ${check.requirements.join(', ')}` : ''}`;
  return `<g class="ev-check-line"><line x1="4" y1="${y}" x2="${width - 4}" y2="${y}" stroke="#c62828" stroke-dasharray="6 4"/>`
    + `<text x="${GUTTER + 8}" y="${y - 4}" font-size="11" font-weight="600" fill="#c62828">${esc(text)}</text></g>`;
}

/** Text cut to about `px` pixels at 12px, with an ellipsis. */
function fit(text: string, px: number): string {
  const max = Math.max(4, Math.floor(px / CHAR));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The messages recorded before the check (all of them when no check names a point), decoded, hex folded.
 * A later Prepare's fields that differ from the first Prepare's (what the sender chose) are marked.
 */
export function renderMessages(exchange: Exchange, upTo: number | undefined): string {
  const shown = exchange.rows.filter((r) => upTo === undefined || r.index < upTo);
  const later = exchange.rows.length - shown.length;
  const origin = shown.find((r) => r.kind === 'prepare' && r.arrow);
  const items = shown.map((row) => {
    const who = row.arrow ? `${row.arrow.from} → ${row.arrow.to}` : 'note';
    const against = row.kind === 'prepare' && origin && row !== origin ? { fields: origin.decoded as Record<string, unknown>, whose: `${origin.arrow!.from}'s Prepare` } : undefined;
    return `<li><p class="ev-head"><span class="ev-time">${esc(row.time)}</span> <strong>${esc(who)}</strong> ${esc(row.entry.label)}</p>
${fields(row.decoded, against)}${row.entry.hex !== undefined ? hexDetails(row.entry.hex) : ''}</li>`;
  });
  const heading = upTo === undefined ? 'Messages' : 'Messages up to the check';
  const notes = [
    later > 0 ? `${later} later entr${later === 1 ? 'y is' : 'ies are'} drawn above only.` : '',
    exchange.omitted > 0 ? `${exchange.omitted} entries past the first ${LIMITS.messages} are in the evidence file only.` : '',
  ].filter(Boolean).join(' ');
  return `<div class="ev-messages"><h4>${heading}</h4>${notes ? `<p class="muted">${esc(notes)}</p>` : ''}
<ol>${items.join('\n')}</ol></div>`;
}

function fields(decoded: unknown, against?: { readonly fields: Record<string, unknown>; readonly whose: string }): string {
  if (decoded === undefined || decoded === null) return '';
  const entries = typeof decoded === 'object' && !Array.isArray(decoded) ? Object.entries(decoded as Record<string, unknown>) : [['value', decoded] as const];
  const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v));
  const rows = entries.slice(0, LIMITS.fields).filter(([, v]) => v !== undefined).map(([k, v]) => {
    const differs = against !== undefined && k in against.fields && text(against.fields[k]) !== text(v);
    return `<tr${differs ? ' class="ev-diff"' : ''}><th>${esc(k)}</th><td>${esc(cut(text(v)))}${differs ? ` <span class="ev-diff-note">differs from ${esc(against.whose)}</span>` : ''}</td></tr>`;
  });
  const more = entries.length > LIMITS.fields ? `<tr><td colspan="2" class="muted">${entries.length - LIMITS.fields} more fields in the evidence file</td></tr>` : '';
  return `<table class="ev-fields">${rows.join('')}${more}</table>`;
}

/** A long value keeps its start and its end (where a truncation shows). */
function cut(value: string): string {
  if (value.length <= LIMITS.fieldChars) return value;
  const tail = Math.floor(LIMITS.fieldChars / 4);
  return `${value.slice(0, LIMITS.fieldChars - tail)}…${value.slice(-tail)} (${value.length} characters in all; the evidence file has them)`;
}

/** Offset, then 16 bytes a line; a long message shows its first and last bytes; `**` where a secret's bytes were masked. */
function hexDetails(hex: string): string {
  const bytes = hex.length / 2;
  const tail = bytes > LIMITS.hexBytes ? LIMITS.hexBytes / 4 : 0;
  const head = bytes > LIMITS.hexBytes ? LIMITS.hexBytes - tail : bytes;
  const lines = hexLines(hex, 0, head);
  if (tail > 0) lines.push(`      … ${bytes - head - tail} bytes not shown …`, ...hexLines(hex, bytes - tail, bytes));
  const summary = `hex, ${bytes} byte${bytes === 1 ? '' : 's'}${tail > 0 ? ` (the first ${head} and the last ${tail} shown; the evidence file has all)` : ''}`;
  return `<details class="ev-hex"><summary>${esc(summary)}</summary><pre>${esc(lines.join('\n'))}</pre></details>`;
}

function hexLines(hex: string, from: number, to: number): string[] {
  const lines: string[] = [];
  for (let offset = from; offset < to; offset += 16) {
    const pairs: string[] = [];
    for (let b = offset; b < Math.min(offset + 16, to); b++) pairs.push(hex.slice(b * 2, b * 2 + 2));
    lines.push(`${offset.toString(16).padStart(4, '0')}  ${pairs.join(' ')}`);
  }
  return lines;
}

export const EVIDENCE_CSS = `
.ev-check{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0;padding:8px;background:#fff5f5;border:1px solid #f3c7c7}
.ev-check dt{font-weight:600}.ev-check dd{margin:0;white-space:pre-wrap;word-break:break-word}
.ev-sequence{margin:8px 0}.ev-scroll{overflow-x:auto;background:#fff;border:1px solid var(--line)}
.ev-messages h4{margin:8px 0 4px;font-size:13px}.ev-messages ol{margin:0;padding-left:24px}.ev-messages li{margin:0 0 8px}
.ev-head{margin:0}.ev-time{font-family:ui-monospace,monospace;font-size:12px;color:var(--muted)}
table.ev-fields{margin:2px 0;font-size:12px}table.ev-fields th{font-weight:600;background:#f7f7f9}table.ev-fields td{font-family:ui-monospace,monospace;word-break:break-all}
.ev-hex pre{font-size:12px;white-space:pre;overflow-x:auto;width:max-content;max-width:100%}
tr.ev-diff td,tr.ev-diff th{background:#fff4e5}.ev-diff-note{font-family:system-ui,sans-serif;color:#b26a00;font-weight:600;white-space:nowrap}
`;
