import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import reportSchema from '../../fixtures/schemas/report.schema.json';
import { buildAllureHtml } from './allure-html';
import { writeAllureResults } from './allure-results';
import { renderBadgeJson, renderBadgeSvg } from './badge';
import { writeCucumberHtml, writeMessagesNdjson } from './cucumber-outputs';
import { writeEvidence } from './evidence-files';
import type { ExpectationReport } from './expectations';
import { inlineTranscripts } from './html-evidence';
import { renderHtml } from './html-report';
import { renderJunit } from './junit-report';
import { DEFAULT_FORMATS, type ReportFormat } from './report-formats';
import type { Redactor } from './redaction';
import { buildReport, type ConformanceReport, type RunIdentity, type TargetIdentity } from './report-document';
import { levelOf, type CatalogView, type Level, type RunModel } from './run-model';
import { renderSummaryMarkdown } from './summary-markdown';
import type { Verdict } from './verdict';

/**
 * Writes reports/<run-id>/ and points reports/latest at it, the files the run's formats name
 * (report-formats.ts): conformance.json (always; schema-checked before it is written), conformance.html,
 * junit.xml, summary.md, badge.svg + badge.json, evidence/; on request messages.ndjson + cucumber.html
 * (`cucumber`) and allure-results/ + allure-report/ where Java is present (`allure`).
 * Everything is rendered from the masked stream; a last pass checks every text file for the secret values
 * and masks any it finds (a second line of defence, counted in the manifest).
 */
export interface WriteRunOptions {
  readonly outRoot: string;
  readonly runId: string;
  readonly envelopes: readonly Envelope[];
  readonly model: RunModel;
  readonly verdict: Verdict;
  readonly catalog: CatalogView;
  readonly redactor: Redactor;
  readonly suite: RunIdentity['suite'];
  readonly target: TargetIdentity;
  readonly profile: string;
  readonly selection: RunIdentity['selection'];
  readonly expectations?: ExpectationReport;
  /** Which files to write; default DEFAULT_FORMATS. conformance.json is written whatever this says. */
  readonly formats?: ReadonlySet<ReportFormat>;
  /** With `allure` in the formats, also build the Allure HTML (needs Java); tests turn it off. Default true. */
  readonly allureHtml?: boolean;
}

export interface WrittenRun {
  readonly runDir: string;
  readonly report: ConformanceReport;
}

const validateReport = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(reportSchema);
})();

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function writeRun(opts: WriteRunOptions): Promise<WrittenRun> {
  const runDir = join(opts.outRoot, opts.runId);
  mkdirSync(runDir, { recursive: true });
  const formats = opts.formats ?? new Set(DEFAULT_FORMATS);
  if (formats.has('evidence')) writeEvidence(runDir, opts.model.scenarios);
  if (formats.has('cucumber')) {
    writeMessagesNdjson(join(runDir, 'messages.ndjson'), opts.envelopes);
    await writeCucumberHtml(join(runDir, 'cucumber.html'), opts.envelopes);
  }
  const allure = formats.has('allure') ? await writeAllure(runDir, opts) : { results: null, report: null, note: 'Allure not written (add --format allure).' };

  const identity: RunIdentity = {
    runId: opts.runId,
    suite: opts.suite,
    catalog: { version: opts.catalog.version, rfcRevisions: opts.catalog.rfcRevisions },
    target: opts.target,
    profile: opts.profile,
    selection: opts.selection,
    masked: [],
    ...(opts.expectations ? { expectations: opts.expectations } : {}),
    allure,
    formats,
  };
  // The manifest is taken after every writer has run through the redactor.
  let report = buildReport(opts.model, opts.verdict, { ...identity, masked: opts.redactor.manifest() }, opts.catalog);
  const write = (name: string, text: string) => writeFileSync(join(runDir, name), opts.redactor.text(text));
  if (formats.has('html')) write('conformance.html', renderHtml(report, inlineTranscripts(opts.model.scenarios, opts.redactor.values)));
  if (formats.has('junit')) write('junit.xml', renderJunit(report));
  if (formats.has('badge')) {
    write('badge.svg', renderBadgeSvg(report));
    write('badge.json', renderBadgeJson(report));
  }
  if (formats.has('summary')) write('summary.md', renderSummaryMarkdown(report));
  scrubDirectory(runDir, opts.redactor);
  report = { ...report, masked: opts.redactor.manifest() };
  const json = JSON.parse(opts.redactor.text(JSON.stringify(report))) as ConformanceReport;
  if (!validateReport(json)) {
    const problems = (validateReport.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`internal error: the report does not match report.schema.json: ${problems}`);
  }
  writeFileSync(join(runDir, 'conformance.json'), `${JSON.stringify(json, null, 2)}\n`);
  pointLatest(opts.outRoot, opts.runId);
  return { runDir, report: json };
}

/** allure-results/ from the stream, and the Allure HTML from them unless turned off. */
async function writeAllure(runDir: string, opts: WriteRunOptions): Promise<RunIdentity['allure']> {
  const pickleInfo = new Map<string, { requirements: readonly string[]; level: Level }>();
  for (const e of opts.envelopes) {
    if (!e.pickle) continue;
    const tags = e.pickle.tags.map((t) => t.name);
    pickleInfo.set(e.pickle.id, { requirements: opts.catalog.requirementIdsOf(tags), level: levelOf(tags, opts.catalog) });
  }
  const resultsDir = join(runDir, 'allure-results');
  writeAllureResults(opts.envelopes, { resultsDir, pickleInfo });
  const html = opts.allureHtml === false
    ? { report: null, note: 'Allure HTML not built (turned off for this run).' }
    : await buildAllureHtml(resultsDir, join(runDir, 'allure-report'));
  return { results: 'allure-results', ...html };
}

const TEXT_FILE = /\.(json|ndjson|html|xml|txt|md|svg|csv|properties|js|css|log)$/i;

/** Masks any secret value left in a text file under dir (there should be none; this is the safety net). */
export function scrubDirectory(dir: string, redactor: Redactor): number {
  let fixed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      fixed += scrubDirectory(path, redactor);
      continue;
    }
    if (!TEXT_FILE.test(name) || st.size > 50 * 1024 * 1024) continue;
    const text = readFileSync(path, 'utf8');
    if (!redactor.values.some((v) => text.includes(v))) continue;
    writeFileSync(path, redactor.text(text));
    fixed += 1;
  }
  return fixed;
}

/** reports/latest -> <run-id> (a relative symlink); where symlinks are not allowed, a `latest` file naming it. */
export function pointLatest(outRoot: string, runId: string): void {
  const latest = join(outRoot, 'latest');
  const temp = join(outRoot, `.latest-${process.pid}-${randomBytes(3).toString('hex')}`);
  try {
    symlinkSync(relative(outRoot, join(outRoot, runId)), temp, 'dir');
    renameSync(temp, latest);
  } catch {
    rmSync(temp, { force: true });
    try {
      const st = statSync(latest, { throwIfNoEntry: false });
      if (st?.isDirectory()) rmSync(latest, { recursive: true, force: true });
    } catch {
      // fall through to writing the file
    }
    writeFileSync(latest, `${runId}\n`);
  }
}
