import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ScenarioResult } from './run-model';
import { CHECKS_MEDIA_TYPE } from '../judgement/judge';
import { TARGET_MEDIA_TYPE } from '../targets/target';
import { SKIP_REASON_MEDIA_TYPE } from './run-model';

/**
 * Writes each scenario's attachments (already masked) under evidence/ and records the paths on the scenario.
 * The wire transcript the After hook attaches (`wire-transcript.txt` / `.json`) becomes
 * evidence/<scenario>.txt and evidence/<scenario>.json; other attachments keep their own extension.
 * Allure runtime messages and skip reasons are bookkeeping, not evidence, and are not written.
 */
/** Attachments that are data for the report, not evidence to file. */
const NOT_EVIDENCE_TYPES: ReadonlySet<string> = new Set([SKIP_REASON_MEDIA_TYPE, CHECKS_MEDIA_TYPE, TARGET_MEDIA_TYPE]);

export function writeEvidence(runDir: string, scenarios: readonly ScenarioResult[]): number {
  const dir = join(runDir, 'evidence');
  let written = 0;
  for (const scenario of scenarios) {
    const slug = scenarioSlug(scenario.key);
    const used = new Set<string>();
    scenario.attachments.forEach((a, i) => {
      if (a.mediaType.startsWith('application/vnd.allure.') || NOT_EVIDENCE_TYPES.has(a.mediaType)) return;
      let file = `${slug}${extensionFor(a.name, a.mediaType)}`;
      if (!/^wire-transcript\./.test(a.name) || used.has(file)) file = `${slug}-${i + 1}-${safeName(a.name, a.mediaType)}`;
      used.add(file);
      if (written === 0) mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), a.body);
      scenario.evidence.push({ path: `evidence/${file}`, mediaType: a.mediaType, name: a.name });
      written += 1;
    });
  }
  return written;
}

/** `packets-prepare--a-prepare-above-the-maximum-1a2b3c`: readable, filesystem-safe and unique per key. */
export function scenarioSlug(key: string): string {
  const [uri = '', ...rest] = key.split(': ');
  const feature = basename(uri).replace(/\.feature$/, '');
  const words = `${feature}--${rest.join(': ')}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 6);
  return `${words.slice(0, 72).replace(/-+$/, '')}-${hash}`;
}

function extensionFor(name: string, mediaType: string): string {
  const m = /\.[A-Za-z0-9]{1,8}$/.exec(name);
  if (m) return m[0].toLowerCase();
  if (/json/.test(mediaType)) return '.json';
  if (/^text\/html/.test(mediaType)) return '.html';
  if (/^text\//.test(mediaType)) return '.txt';
  if (/^image\/png/.test(mediaType)) return '.png';
  return '.bin';
}

function safeName(name: string, mediaType: string): string {
  const stem = name.replace(/\.[A-Za-z0-9]{1,8}$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'attachment';
  return `${stem}${extensionFor(name, mediaType)}`;
}
