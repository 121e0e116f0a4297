/**
 * Test helper: runs `node bin/ilp-conformance.js <args>` in a child process, feeds `input` on stdin and
 * collects exit code, stdout and stderr. Bounded: the child is killed after `timeoutMs`.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_ENTRY = resolve(__dirname, '..', 'ilp-conformance.js');

export interface CliResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

export function spawnCli(args: readonly string[], input = '', timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => { out += t; });
    child.stderr.setEncoding('utf8').on('data', (t: string) => { err += t; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal) reject(new Error(`ilp-conformance ${args.join(' ')} was killed (${signal}) after ${timeoutMs} ms`));
      else resolvePromise({ code, out, err });
    });
    child.stdin.end(input);
  });
}
