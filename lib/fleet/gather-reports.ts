import { cpSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { ParticipantInput } from './fleet-document';
import { FleetInputError, readConformanceReport } from './read-report';

/**
 * `merge`'s inputs: each argument is `[NAME=]REPORT` (a conformance.json or its run directory). The run
 * directory is copied to DIR/runs/<name>/<run-id>/ (unless it already sits inside DIR), so the matrix's
 * links to each participant's report and evidence work wherever DIR is moved. Without NAME the participant
 * is named after its target; two participants with one name are refused.
 */
export const PARTICIPANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function gatherReports(args: readonly string[], dir: string): ParticipantInput[] {
  const seen = new Set<string>();
  return args.map((arg) => {
    const m = /^([^=/\\]+)=(.+)$/.exec(arg);
    const ref = m ? m[2]! : arg;
    const read = readConformanceReport(ref);
    const name = m ? m[1]! : slug(read.report.target.identity);
    if (!PARTICIPANT_NAME.test(name)) throw new FleetInputError(`participant name "${name}" (from ${arg}) must be letters, digits, ".", "_" or "-" (at most 64)`);
    if (seen.has(name)) throw new FleetInputError(`two reports are named "${name}"; name them apart as NAME=${ref}`);
    seen.add(name);
    const inside = !relative(resolve(dir), resolve(read.runDir)).startsWith('..');
    if (inside) return { name, read };
    const to = join(dir, 'runs', name, read.report.runId);
    if (!existsSync(to)) cpSync(read.runDir, to, { recursive: true });
    return { name, read: { ...read, runDir: to, path: join(to, 'conformance.json') } };
  });
}

function slug(identity: string): string {
  return identity.replace(/^https?:\/\//, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'participant';
}


