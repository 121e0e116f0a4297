import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The reference ledger as its own process (reference-impl/ledger/main.ts), as five-bells-ledger runs in the
 * comparison: the ledger gets a process (and a core) of its own, not the benchmark client's event loop, and
 * its CPU time can be measured apart from the client's. On an ephemeral loopback port.
 */

const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 10_000;
const MAIN = resolve(__dirname, '..', 'reference-impl', 'ledger', 'main.ts');

export interface ReferenceLedgerProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts it (bounded wait for its `listening <url>` line); `db`: a file, default in memory. Extra node flags in `nodeFlags`. */
export async function startReferenceLedgerProcess(options: { adminToken: string; db?: string; nodeFlags?: readonly string[] }): Promise<ReferenceLedgerProcess> {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '-r', 'sucrase/register/ts', MAIN, '--db', options.db ?? ':memory:', '--port', '0'], {
    cwd: resolve(__dirname, '..'),
    env: { ...process.env, ILP_LEDGER_ADMIN_TOKEN: options.adminToken, ILP_REFERENCE_LEDGER_FAULTS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => stopChild(child);
  const url = await new Promise<string | undefined>((done) => {
    const timer = setTimeout(() => done(undefined), START_LIMIT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^listening (\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      done(undefined);
    });
  });
  if (url === undefined || child.pid === undefined) {
    await stop();
    throw new Error(`the reference ledger process did not print "listening <url>" within ${START_LIMIT_MS / 1000} s`);
  }
  return { url, pid: child.pid, stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const late = new Promise((r) => setTimeout(() => r('late'), STOP_LIMIT_MS).unref());
  if ((await Promise.race([exited.then(() => 'ok'), late])) === 'ok') return;
  child.kill('SIGKILL');
  await exited;
}
