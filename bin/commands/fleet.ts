import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REQUIREMENT_ID } from '../../lib/catalog/catalog';
import { TopologyError } from '../../contracts/topology';
import { fleetSummaryLines } from '../../lib/fleet/fleet-document';
import { loadFleetFile } from '../../lib/fleet/fleet-file';
import { killAllLaunched } from '../../lib/fleet/launched-process';
import { FleetInputError } from '../../lib/fleet/read-report';
import { DEFAULT_RUN_TIMEOUT_MS, defaultJobs, runFleet } from '../../lib/fleet/run-fleet';
import { writeAudit } from '../../lib/fleet/write-audit';

export const summary = 'run every participant of a fleet file, several at once, into one matrix (fleet.json, matrix.html, history)';

export const USAGE = `usage: ilp-conformance fleet FILE --out DIR [--jobs N] [--requirement ID...] [--run-timeout S]

Runs each participant of FILE (fixtures/schemas/fleet.schema.json; example: examples/fleet/fleet.json),
several at once, each external one on its own port range (its topology's ports plus an offset), and
writes DIR/runs/NAME/ (each run's reports and console log), DIR/fleet.json, DIR/matrix.html and
DIR/history/<date>/ (the same as \`merge\` on those reports).

  --out <dir>            the audit directory (required)
  --jobs <N>             participants run at once (default ${defaultJobs()} here: the CPUs, at most 4)
  --requirement <ID>...  only scenarios tagged with these IDs, in every run (overrides the file's list)
  --run-timeout <S>      seconds one participant's run may take before it is killed (default ${DEFAULT_RUN_TIMEOUT_MS / 1000})
  -h, --help             this text

exit codes: 0 every participant conformant, 1 one is not, 2 usage error or a bad fleet file,
3 one could not be judged (unreachable, its process did not start, harness broke)`;

export async function run(argv: string[], io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr }): Promise<number> {
  const fail = (text: string) => {
    io.err.write(`ilp-conformance fleet: ${text}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: { out: { type: 'string' }, jobs: { type: 'string' }, requirement: { type: 'string', multiple: true }, 'run-timeout': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail((error as Error).message.split('\n')[0]!);
  }
  const v = parsed.values;
  if (v.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  // `--requirement A B`: the IDs after the first arrive as positionals, after FILE.
  const [file, ...more] = parsed.positionals;
  if (!file) return fail('give the fleet file (see --help)');
  if (more.length && !v.requirement) return fail(`unexpected argument "${more[0]}"`);
  const requirements = [...(v.requirement ?? []).flatMap((r) => r.split(',')), ...more].map((r) => r.trim()).filter(Boolean);
  const bad = requirements.find((id) => !REQUIREMENT_ID.test(id));
  if (bad) return fail(`"${bad}" is not a requirement ID (IDs look like PKT-007)`);
  if (!v.out) return fail('--out DIR is required (where fleet.json and matrix.html go)');
  const jobs = v.jobs === undefined ? defaultJobs() : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) return fail(`--jobs must be a whole number from 1 to 32, not "${v.jobs}"`);
  const timeoutS = v['run-timeout'] === undefined ? DEFAULT_RUN_TIMEOUT_MS / 1000 : Number(v['run-timeout']);
  if (!Number.isFinite(timeoutS) || timeoutS < 1) return fail(`--run-timeout must be a number of seconds, at least 1, not "${v['run-timeout']}"`);

  const onSignal = (signal: NodeJS.Signals) => {
    killAllLaunched();
    io.err.write(`ilp-conformance fleet: ${signal}: stopped every process it started\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const fleet = loadFleetFile(file);
    const say = (line: string) => io.out.write(`${line}\n`);
    say(`Fleet ${relative(process.cwd(), fleet.path)}: ${fleet.participants.length} participants, ${jobs} at a time`);
    const t0 = Date.now();
    const inputs = await runFleet(fleet, { dir: resolve(v.out), jobs, requirements, runTimeoutMs: timeoutS * 1000, say });
    const written = writeAudit(v.out, inputs, { source: 'fleet', wallTimeMs: Date.now() - t0 });
    for (const line of fleetSummaryLines(written.doc)) say(line);
    say(`Wall time: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    say(`Matrix: ${relative(process.cwd(), written.html)}\nExit code: ${written.doc.exitCode}`);
    return written.doc.exitCode;
  } catch (error) {
    if (error instanceof FleetInputError || error instanceof TopologyError) return fail(error.message);
    throw error;
  } finally {
    killAllLaunched();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
