import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { offsetTopologyPorts } from '../../contracts/topology-offset';
import type { ParticipantInput } from './fleet-document';
import { FAULT_ENV_OF_OWNER, FAULT_OWNER_OF_KIND, type FleetFile, type FleetParticipantSpec } from './fleet-file';
import { MOJALOOP_SWITCH_PORT } from '../mojaloop/switch-port';
import { launch, RUNNING, type Launched } from './launched-process';
import { readConformanceReport } from './read-report';

/**
 * Runs every participant of a fleet file, `jobs` at a time: for each, skip it when what it requires is
 * missing, refuse it when a secret's environment variable is unset, write its offset topology to
 * DIR/runs/<name>/topology.json, start its launch process, run `ilp-conformance run` in a child process
 * (its report goes to DIR/runs/<name>/<run-id>/, its console to DIR/runs/<name>/run.log), stop the launch
 * process, and read the report. A participant that never produced a report is `notRun` with the reason.
 * Launch commands, adapter commands and runs start in the fleet file's directory; {node}, {cli}, {root},
 * {topology} and {port} are filled in both kinds of command. Each run is bounded by `runTimeoutMs`; a run
 * that exceeds it is killed.
 */
const ROOT = resolve(__dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'ilp-conformance.js');
export const DEFAULT_RUN_TIMEOUT_MS = 10 * 60_000;

export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface FleetRunOptions {
  readonly dir: string;
  readonly jobs: number;
  /** Overrides the fleet file's selection when not empty. */
  readonly requirements: readonly string[];
  readonly runTimeoutMs: number;
  readonly say: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export async function runFleet(fleet: FleetFile, options: FleetRunOptions): Promise<ParticipantInput[]> {
  const results: ParticipantInput[] = new Array(fleet.participants.length);
  let next = 0;
  const worker = async () => {
    while (next < fleet.participants.length) {
      const i = next++;
      const p = fleet.participants[i]!;
      const t0 = Date.now();
      results[i] = await runParticipant(p, fleet, options);
      const r = results[i]!;
      options.say(`${p.name}: ${'read' in r ? r.read.report.verdict.result : 'skipped' in r ? `skipped (${r.skipped})` : `not run (${r.notRun})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs, fleet.participants.length)) }, worker));
  return results;
}

async function runParticipant(p: FleetParticipantSpec, fleet: FleetFile, options: FleetRunOptions): Promise<ParticipantInput> {
  const env = options.env ?? process.env;
  if (p.requires && !existsSync(p.requires.path)) return { name: p.name, kind: p.kind, skipped: p.requires.reason };
  const unset = p.secretEnv.filter((name) => !env[name]);
  if (unset.length) return { name: p.name, kind: p.kind, notRun: `environment variable ${unset.join(', ')} is not set (its secrets come from there)` };
  const outRoot = join(options.dir, 'runs', p.name);
  mkdirSync(outRoot, { recursive: true });
  const logFile = join(outRoot, 'run.log');
  writeFileSync(logFile, '');
  const log = (text: string) => appendFileSync(logFile, text);

  let topology = p.topology;
  let sutUrl: string | undefined;
  const switchPort = p.kind === 'mojaloop' && p.portOffset !== null ? MOJALOOP_SWITCH_PORT + p.portOffset : undefined;
  if (p.portOffset !== null && p.kind !== 'mojaloop') {
    const moved = offsetTopologyPorts(JSON.parse(readFileSync(p.topology, 'utf8')), p.portOffset) as { sut: { url: string } };
    topology = join(outRoot, 'topology.json');
    writeFileSync(topology, `${JSON.stringify(moved, null, 2)}\n`);
    sutUrl = moved.sut.url;
  }
  const cwd = dirname(fleet.path);
  const fill = (arg: string) => arg.replace(/\{node\}/g, process.execPath).replace(/\{cli\}/g, CLI).replace(/\{root\}/g, ROOT).replace(/\{topology\}/g, topology).replace(/\{port\}/g, sutUrl ? new URL(sutUrl).port : '').replace(/\{switchPort\}/g, String(switchPort ?? ''));
  let launched: Launched | undefined;
  try {
    if (p.launch) {
      try {
        launched = await launch(p.launch.command.map(fill), { cwd, ready: new RegExp(p.launch.ready), timeoutMs: p.launch.timeoutMs, log });
      } catch (error) {
        return { name: p.name, kind: p.kind, notRun: `its launch process did not start: ${(error as Error).message}` };
      }
    }
    const url = p.url ?? (p.launch && p.kind === 'connector' ? sutUrl : undefined);
    const args = ['run', '--out', outRoot, '--profile', p.kind, '--format', 'json,html,badge,evidence,summary'];
    if (p.kind === 'connector' && url) args.push('--target', url);
    if (p.kind === 'ledger' && url) args.push('--ledger', url);
    if (p.kind === 'receiver' && url) args.push('--receiver', url);
    if (p.receiverIlp) args.push('--receiver-ilp', p.receiverIlp);
    if (p.kind === 'mojaloop' && url && p.mojaloop) {
      args.push('--target', url, '--mojaloop-role', p.mojaloop.role, '--fsp-id', p.mojaloop.fspId);
      if (p.mojaloop.payerTrigger) args.push('--payer-trigger', p.mojaloop.payerTrigger);
      if (p.mojaloop.ilp) args.push('--ilp', p.mojaloop.ilp);
    }
    const runEnv = { ...env, ...(switchPort !== undefined ? { ILP_MOJALOOP_SWITCH_PORT: String(switchPort) } : {}), ...faultEnv(p) };
    if (p.adapter) args.push('--codec', fill(p.adapter));
    if (p.portOffset !== null || p.topology !== topology) args.push('--topology', topology);
    if (p.capabilities.length) args.push('--capabilities', p.capabilities.join(','));
    if (p.rfc35.length) args.push('--rfc35', p.rfc35.join(','));
    if (p.knownFailures) args.push('--expect', p.knownFailures);
    for (const name of p.secretEnv) args.push('--secret-env', name);
    const requirements = options.requirements.length ? options.requirements : fleet.requirements;
    if (requirements.length) args.push('--requirement', requirements.join(','));
    const before = latestRun(outRoot);
    const exit = await runCli(args, { cwd, env: runEnv, timeoutMs: options.runTimeoutMs, log });
    const runId = latestRun(outRoot);
    if (!runId || runId === before) return { name: p.name, kind: p.kind, notRun: `ilp-conformance run ${exit} without writing a report; see ${join('runs', p.name, 'run.log')}` };
    return { name: p.name, kind: p.kind, read: readConformanceReport(join(outRoot, runId)) };
  } finally {
    await launched?.stop();
  }
}

/** A bundled participant's fault switches, as the variable its reference reads (fleet-file.ts FAULT_ENV_OF_OWNER). */
function faultEnv(p: FleetParticipantSpec): Record<string, string> {
  const owner = FAULT_OWNER_OF_KIND[p.kind];
  return p.referenceFaults && owner ? { [FAULT_ENV_OF_OWNER[owner]]: p.referenceFaults.join(',') } : {};
}

/** The run ID DIR/runs/<name>/latest names (a symlink, or a file where symlinks are not allowed; write-run.ts). */
function latestRun(outRoot: string): string | undefined {
  const latest = join(outRoot, 'latest');
  const st = lstatSync(latest, { throwIfNoEntry: false });
  if (!st) return undefined;
  return basename(st.isSymbolicLink() ? readlinkSync(latest) : readFileSync(latest, 'utf8').trim());
}

function runCli(args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number; log: (t: string) => void }): Promise<string> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: { ...options.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    RUNNING.add(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', options.log);
    child.stderr.setEncoding('utf8').on('data', options.log);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolvePromise(`could not start (${error.message})`);
    });
    child.once('close', (code, signal) => {
      RUNNING.delete(child);
      clearTimeout(timer);
      resolvePromise(signal === 'SIGKILL' ? `was killed after ${options.timeoutMs} ms` : `exited ${code}`);
    });
  });
}
