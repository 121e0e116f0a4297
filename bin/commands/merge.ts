import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fleetSummaryLines } from '../../lib/fleet/fleet-document';
import { gatherReports } from '../../lib/fleet/gather-reports';
import { FleetInputError } from '../../lib/fleet/read-report';
import { writeAudit } from '../../lib/fleet/write-audit';

export const summary = 'merge conformance.json files from many runs into one fleet matrix (fleet.json, matrix.html, history)';

export const USAGE = `usage: ilp-conformance merge [NAME=]REPORT... --out DIR

Each REPORT is a conformance.json or the run directory holding it, made anywhere (a CI job per
participant, a batch of Kubernetes Jobs). NAME names the participant (default: from its target).
Writes DIR/fleet.json (fixtures/schemas/fleet-report.schema.json), DIR/matrix.html (participants x
requirements, linking to each run, copied to DIR/runs/NAME/), and keeps the audit under
DIR/history/<date>/; the matrix marks what regressed, got fixed or is new since the previous audit.

  --out <dir>    the audit directory (required)
  -h, --help     this text

exit codes: 0 every participant conformant, 1 one is not, 2 usage error or a bad report,
3 one could not be judged`;

export async function run(argv: string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr }): Promise<number> {
  const fail = (text: string) => {
    io.err.write(`ilp-conformance merge: ${text}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail((error as Error).message.split('\n')[0]!);
  }
  if (parsed.values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  if (!parsed.values.out) return fail('--out DIR is required (where fleet.json and matrix.html go)');
  if (parsed.positionals.length === 0) return fail('give at least one conformance.json or run directory (see --help)');
  try {
    const dir = parsed.values.out;
    const written = writeAudit(dir, gatherReports(parsed.positionals, dir), { source: 'merge' });
    for (const line of fleetSummaryLines(written.doc)) io.out.write(`${line}\n`);
    for (const h of written.unreadableHistory) io.out.write(`Note: ${h} could not be read and was left out of the history.\n`);
    io.out.write(`Matrix: ${relative(process.cwd(), written.html)}\nExit code: ${written.doc.exitCode}\n`);
    return written.doc.exitCode;
  } catch (error) {
    if (error instanceof FleetInputError) return fail(error.message);
    throw error;
  }
}
