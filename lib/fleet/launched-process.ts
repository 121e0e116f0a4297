import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A participant process the fleet starts (a reference with a fault switch on, ilp-connector): spawned with
 * its stdio piped, ready once its stdout matches `ready`, stopped with SIGTERM and, if it lingers, SIGKILL.
 * Every wait is bounded. Until stopped it is in `RUNNING`, which the fleet command kills on its way out.
 */
export const RUNNING = new Set<ChildProcess>();
const STOP_GRACE_MS = 5_000;
const TAIL = 2_000;

export interface Launched {
  readonly child: ChildProcess;
  /** The last output it wrote (stdout and stderr), for an error message. */
  tail(): string;
  stop(): Promise<void>;
}

export function launch(command: readonly string[], options: { readonly cwd: string; readonly ready: RegExp; readonly timeoutMs: number; readonly log: (text: string) => void }): Promise<Launched> {
  const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  RUNNING.add(child);
  let output = '';
  const note = (t: string) => {
    options.log(t);
    output = (output + t).slice(-TAIL);
  };
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8').on('data', note);
  const launched: Launched = { child, tail: () => output.trim(), stop: () => stopChild(child) };
  return new Promise((resolve, reject) => {
    let seen = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child).then(() => reject(new Error(`${why}${output.trim() ? `; its last output: ${output.trim().split('\n').slice(-3).join(' | ')}` : ''}`)));
    };
    const timer = setTimeout(() => fail(`\`${command.join(' ')}\` did not print ${options.ready} within ${options.timeoutMs} ms`), options.timeoutMs);
    child.stdout!.on('data', (t: string) => {
      note(t);
      seen += t;
      if (!settled && options.ready.test(seen)) {
        settled = true;
        clearTimeout(timer);
        resolve(launched);
      }
    });
    child.once('error', (error) => fail(`cannot start \`${command.join(' ')}\`: ${error.message}`));
    child.once('exit', (code, signal) => {
      RUNNING.delete(child);
      fail(`\`${command.join(' ')}\` exited (${signal ?? `code ${code}`}) before it was ready`);
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    RUNNING.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      RUNNING.delete(child);
      resolve();
    });
    child.stdin?.end();
    child.kill('SIGTERM');
  });
}

/** On the way out (normal end, error or signal): no launched process outlives the fleet. */
export function killAllLaunched(): void {
  for (const child of RUNNING) child.kill('SIGKILL');
  RUNNING.clear();
}
