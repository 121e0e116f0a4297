import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import reportSchema from '../../fixtures/schemas/report.schema.json';
import type { ConformanceReport } from '../report/report-document';

/**
 * Reads one participant's conformance.json for the fleet view and checks it against report.schema.json, so a
 * matrix is never drawn from a file that only looks like a report. A run directory or the file itself may be
 * given. Every problem is a FleetInputError naming the file and what is wrong with it.
 */
export class FleetInputError extends Error {
  override readonly name = 'FleetInputError';
}

const validate = (() => {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile<ConformanceReport>(reportSchema);
})();

export interface ReadReport {
  readonly report: ConformanceReport;
  /** The conformance.json read. */
  readonly path: string;
  /** The directory holding it: the run directory, with conformance.html and evidence/ beside it. */
  readonly runDir: string;
}

export function readConformanceReport(ref: string): ReadReport {
  if (!existsSync(ref)) throw new FleetInputError(`${ref}: no such file or directory (give a conformance.json or the run directory holding one)`);
  const path = statSync(ref).isDirectory() ? join(ref, 'conformance.json') : ref;
  if (!existsSync(path)) throw new FleetInputError(`${ref} holds no conformance.json`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FleetInputError(`${path} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new FleetInputError(`${path} is not a conformance report (does not match report.schema.json): ${problems}`);
  }
  return { report: data, path, runDir: join(path, '..') };
}
