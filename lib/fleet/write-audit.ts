import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fleetSchema from '../../fixtures/schemas/fleet-report.schema.json';
import { buildFleetDocument, type FleetDocument, type ParticipantInput } from './fleet-document';
import { applyHistory, auditStamp, readHistory, recordAudit } from './history';
import { renderMatrixHtml } from './matrix-html';

/**
 * The last step of `fleet` and `merge`: build fleet.json from the participants' reports, compare it with the
 * previous audit in DIR/history, check it against fleet-report.schema.json, and write DIR/fleet.json,
 * DIR/matrix.html and DIR/history/<audit>/fleet.json.
 */
const validate = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(fleetSchema);
})();

export interface WrittenAudit {
  readonly doc: FleetDocument;
  readonly json: string;
  readonly html: string;
  /** History entries that could not be read (left out of the comparison). */
  readonly unreadableHistory: readonly string[];
}

export function writeAudit(dir: string, inputs: readonly ParticipantInput[], options: { readonly source: 'fleet' | 'merge'; readonly now?: Date; readonly wallTimeMs?: number }): WrittenAudit {
  mkdirSync(dir, { recursive: true });
  const now = options.now ?? new Date();
  const audit = auditStamp(now, join(dir, 'history'));
  const { audits, unreadable } = readHistory(dir);
  const doc = applyHistory(buildFleetDocument(inputs, { auditDir: dir, source: options.source, audit, now, ...(options.wallTimeMs !== undefined ? { wallTimeMs: options.wallTimeMs } : {}) }), audits);
  if (!validate(doc)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new Error(`internal error: fleet.json does not match fleet-report.schema.json: ${problems}`);
  }
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const html = join(dir, 'matrix.html');
  writeFileSync(join(dir, 'fleet.json'), json);
  writeFileSync(html, renderMatrixHtml(doc));
  recordAudit(dir, doc, json);
  return { doc, json: join(dir, 'fleet.json'), html, unreadableHistory: unreadable };
}
