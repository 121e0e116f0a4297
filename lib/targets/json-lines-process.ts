/**
 * A subprocess spoken to in JSON lines: one object per line on its stdin, one per line read from its
 * stdout. Knows nothing of what the lines mean; it reports, once, the first thing that makes the
 * conversation impossible (the process exited or could not start, a line that is not JSON or is too
 * long, a write that failed) through `onBroken`, and kills the process then.
 *
 * A plain command ("node adapter.js --flag", quotes allowed) is started directly, so the harness is its
 * parent and reaps it; one with shell syntax (pipes, `&&`, `$VAR`, redirections) goes through `sh -c`.
 * The process runs in its own process group, and `kill()` signals the whole group, so an adapter's own
 * children die with it. An exit handler kills it if the harness ends without calling stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';

export const MAX_LINE_BYTES = 4 * 1024 * 1024;
const STDERR_TAIL = 2000;

export interface JsonLinesOptions {
  readonly command: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly onMessage: (message: unknown) => void;
  readonly onBroken: (reason: string) => void;
}

const living = new Set<JsonLinesProcess>();
process.once('exit', () => {
  for (const p of living) p.kill();
});

export class JsonLinesProcess {
  private readonly child: ChildProcess;
  private pending = '';
  private stderr = '';
  private broken = false;
  private readonly exited: Promise<void>;

  constructor(private readonly options: JsonLinesOptions) {
    const argv = splitCommand(options.command);
    this.child = spawn(argv ? argv[0]! : options.command, argv ? argv.slice(1) : [], {
      shell: !argv,
      detached: true,
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    living.add(this);
    this.exited = new Promise((resolve) => {
      this.child.once('close', (code, signal) => {
        living.delete(this);
        this.fail(`the adapter process exited (${signal ? `signal ${signal}` : `code ${code}`})${this.stderrTail()}`);
        resolve();
      });
    });
    this.child.once('error', (error) => this.fail(`the adapter command could not be started: ${error.message}`));
    // A write that fails (EPIPE) means the adapter is going away: its exit, with its stderr, is the better
    // reason, so that one wins when it comes within a second.
    this.child.stdin!.on('error', (error) => {
      setTimeout(() => this.fail(`writing to the adapter failed: ${error.message}`), 1000).unref();
    });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => this.onData(chunk));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  send(message: unknown): void {
    if (this.broken) return;
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  /** Closes stdin (an adapter exits on end of input), then kills the group after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.broken = true;
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.stdin!.end();
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.kill();
  }

  kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  }

  private stderrTail(): string {
    const tail = this.stderr.trim();
    return tail ? `; its stderr ends: ${tail.slice(-500)}` : '';
  }

  private onData(chunk: string): void {
    if (this.broken) return;
    this.pending += chunk;
    let newline: number;
    while ((newline = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      this.pending = this.pending.slice(newline + 1);
      if (line.trim() === '') continue;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        return this.fail(`the adapter wrote a line that is not JSON: ${JSON.stringify(line.slice(0, 120))}${line.length > 120 ? '...' : ''}`);
      }
      this.options.onMessage(message);
      if (this.broken) return;
    }
    if (this.pending.length > MAX_LINE_BYTES) this.fail(`the adapter wrote a line longer than ${MAX_LINE_BYTES} bytes`);
  }

  /** The first problem wins; the process is killed so nothing more is read from it. */
  fail(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.kill();
    this.options.onBroken(reason);
  }
}

/** The words of a command without shell syntax, or undefined when it needs a shell. */
export function splitCommand(command: string): string[] | undefined {
  if (/[|&;<>()$`*?~\n]/.test(command.replace(/'[^']*'/g, "''"))) return undefined;
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(command)) !== null) {
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2] ?? m[3]!);
  }
  return words.length ? words : undefined;
}
