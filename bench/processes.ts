/**
 * The child processes a benchmark starts (a connector, a receiver): their CPU time from /proc, and a bounded stop.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';

/** utime + stime of a process from /proc/<pid>/stat, in ms (clock ticks of 10 ms, Linux's USER_HZ). */
export function processCpuMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are indexes 11 and 12
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (user + system) the child has used so far, in ms; undefined where /proc is absent. */
export function childCpuMs(child: ChildProcess): number | undefined {
  try {
    return processCpuMs(readFileSync(`/proc/${child.pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
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
