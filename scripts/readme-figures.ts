/**
 * The figures the README states, read back so a test can hold them to the real ones (tarball size, report
 * sizes, scenario and fault counts): a figure that drifts fails the test instead of going stale.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const README_PATH = resolve(__dirname, '..', 'README.md');

/** The number in the README's first match of `pattern` (group 1; thousands commas allowed). */
export function readmeFigure(pattern: RegExp, text = readFileSync(README_PATH, 'utf8')): number {
  const m = pattern.exec(text);
  if (!m || m[1] === undefined) throw new Error(`README.md states no figure matching ${pattern}`);
  return Number(m[1].replace(/,/g, ''));
}

/** Bytes in a file, or in every file under a directory. */
export function bytesUnder(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

/** True when `actual` is within `share` (0.2 = 20 %) of the stated figure. */
export function near(actual: number, stated: number, share: number): boolean {
  return Math.abs(actual - stated) <= stated * share;
}
