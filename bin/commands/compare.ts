import { parseArgs } from 'node:util';
import { CompareError, compareRuns, loadRunReport, renderDiffText } from '../../lib/report/compare';

export const summary = 'compare two runs: fixed, regressed, new and removed requirements and scenarios';

export const USAGE = `usage: ilp-conformance compare <runA> <runB> [--json] [--reports <dir>]

Each run is a run directory, its conformance.json, or a run ID under reports/ (e.g. latest).
Lists requirements and scenarios that were fixed, regressed, new, removed or otherwise changed
from A to B.

  --json             print the difference as JSON
  --reports <dir>    where run IDs are looked up (default reports)

exit codes: 0 no regression, 1 a requirement or scenario regressed, 2 usage error or unreadable run`;

export async function run(argv: string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, reports: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err.write(`ilp-conformance compare: ${(error as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    io.err.write(`ilp-conformance compare: expected two runs, got ${parsed.positionals.length} (see --help)\n`);
    return 2;
  }
  try {
    const root = parsed.values.reports ?? 'reports';
    const a = loadRunReport(parsed.positionals[0]!, root);
    const b = loadRunReport(parsed.positionals[1]!, root);
    const d = compareRuns(a, b);
    io.out.write(parsed.values.json ? `${JSON.stringify(d, null, 2)}\n` : renderDiffText(d));
    return d.regressed ? 1 : 0;
  } catch (error) {
    if (error instanceof CompareError) {
      io.err.write(`ilp-conformance compare: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
