/**
 * Codec scenarios per second, in-process and through the codec adapter protocol (our own adapter,
 * `ilp-conformance codec-adapter`): runs the codec profile with Cucumber `--rounds` times each way and prints
 * the median wall time per run, Cucumber's own step time, and scenarios per second.
 *
 *   node -r sucrase/register/ts bench/codec-scenarios.ts [--rounds 3] [--json]
 *
 * A measurement, not a test: it asserts nothing (it exits 1 only when a run does not pass, since then the
 * number would mean nothing). Wall time includes starting Node, loading the steps and, through the
 * adapter, starting the adapter process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseBenchOptions } from './options';

const ROOT = join(__dirname, '..');
const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const ADAPTER = `"${process.execPath}" "${join(ROOT, 'bin', 'ilp-conformance.js')}" codec-adapter`;

interface Run {
  readonly scenarios: number;
  readonly wallMs: number;
  readonly stepsMs: number;
}

function runProfile(adapter: string | undefined): Run {
  const { ILP_CODEC_ADAPTER: _ignored, ...inherited } = process.env;
  const env = adapter ? { ...inherited, ILP_CODEC_ADAPTER: adapter } : inherited;
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [CUCUMBER, '--profile', 'codec', '--format', 'summary'], { cwd: ROOT, env, encoding: 'utf8', timeout: 300_000 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const out = `${run.stdout}${run.stderr}`;
  const counts = /(\d+) scenarios? \((\d+) passed\)/.exec(out);
  if (run.status !== 0 || !counts || counts[1] !== counts[2]) throw new Error(`the codec profile did not pass${adapter ? ' through the adapter' : ''}:\n${out.slice(-2000)}`);
  const steps = /executing steps: (\d+)m(\d+)\.(\d+)s/.exec(out);
  const stepsMs = steps ? Number(steps[1]) * 60_000 + Number(steps[2]) * 1000 + Number(steps[3]) : NaN;
  return { scenarios: Number(counts[1]), wallMs, stepsMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function main(): void {
  const o = parseBenchOptions(process.argv.slice(2), { integers: { rounds: 3 }, flags: ['json'] });
  const ways = { 'in-process': undefined, 'adapter protocol': ADAPTER } as const;
  const results = Object.entries(ways).map(([way, adapter]) => {
    const runs: Run[] = [];
    for (let i = 0; i < o.rounds; i++) runs.push(runProfile(adapter));
    const wallMs = median(runs.map((r) => r.wallMs));
    const stepsMs = median(runs.map((r) => r.stepsMs));
    const scenarios = runs[0]!.scenarios;
    return { way, scenarios, wallMs, stepsMs, perSecondWall: (scenarios * 1000) / wallMs, perSecondSteps: (scenarios * 1000) / stepsMs };
  });
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, rounds: o.rounds, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`codec profile, node ${process.version}, median of ${o.rounds} runs each\n\n`);
  for (const r of results) {
    process.stdout.write(`${r.way.padEnd(17)} ${r.scenarios} scenarios  wall ${(r.wallMs / 1000).toFixed(2)} s (${r.perSecondWall.toFixed(0)}/s)  steps ${(r.stepsMs / 1000).toFixed(3)} s (${r.perSecondSteps.toFixed(0)}/s)\n`);
  }
}

main();
