import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where the HTML report's browser check finds Chromium, and what to do when there is none.
 * ILP_CHROMIUM_PATH names one explicitly (missing there: the check fails, the setting is wrong); otherwise
 * the first of chromium, chromium-browser, google-chrome on PATH. None found: skipped with one line saying
 * how to enable it, except under CI=true, where the check is required and fails (.ci/run installs Chromium).
 */
export type ChromiumLookup =
  | { readonly kind: 'found'; readonly path: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'missing'; readonly reason: string };

const NAMES = ['chromium', 'chromium-browser', 'google-chrome'];
const HOW = 'install Chromium (e.g. apt-get install chromium) or point ILP_CHROMIUM_PATH at one';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const explicit = env.ILP_CHROMIUM_PATH;
  if (explicit) {
    return executable(explicit)
      ? { kind: 'found', path: explicit }
      : { kind: 'missing', reason: `ILP_CHROMIUM_PATH=${explicit} is not an executable file` };
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) if (executable(join(dir, name))) return { kind: 'found', path: join(dir, name) };
  }
  const none = `no Chromium on PATH (${NAMES.join(', ')})`;
  return env.CI === 'true'
    ? { kind: 'missing', reason: `${none}; the browser check is required under CI=true: ${HOW}` }
    : { kind: 'skip', reason: `browser check skipped: ${none}; to enable it, ${HOW}` };
}

/** How the browser checks start Chromium: headless, and quiet on this machine's closed network. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** For node:test: the reason to skip (outside CI, none found), or false. */
export function chromiumSkip(lookup: ChromiumLookup): string | false {
  return lookup.kind === 'skip' ? lookup.reason : false;
}
