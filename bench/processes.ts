/**
 * The child processes a benchmark starts (a connector, a receiver): their CPU time from /proc, and a bounded stop.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpuMsOfProcess } from './cpu-meter';

/** CPU time (user + system) the child has used so far, in ms (bench/cpu-meter.ts reads /proc); undefined where it is absent. */
export function childCpuMs(child: ChildProcess): number | undefined {
  return cpuMsOfProcess(child.pid);
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(late);
}
