import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Allure HTML report, built from allure-results/ by allure-commandline (a Java program) when `java` is on
 * PATH and the allure-commandline package is installed. Otherwise the run says so in one line and keeps the
 * results, which any machine with Allure can render later. Bounded: a generator that hangs is stopped.
 */
export interface AllureHtmlResult {
  /** Directory name relative to the run directory, or null when not built. */
  readonly report: string | null;
  readonly note: string;
}

export async function buildAllureHtml(resultsDir: string, reportDir: string, opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<AllureHtmlResult> {
  const env = opts.env ?? process.env;
  const results = resultsDir.split(/[\\/]/).pop();
  const later = `run \`allure generate ${results} -o allure-report\` where Java is installed`;
  if (!javaAvailable(env)) return { report: null, note: `Allure HTML not built: java is not on PATH; ${later}.` };
  const bin = allureBinary();
  if (!bin) return { report: null, note: `Allure HTML not built: the allure-commandline package is not installed; ${later}.` };
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const outcome = await new Promise<{ code: number | null; output: string; timedOut: boolean }>((resolve) => {
    const child = spawn(bin, ['generate', resultsDir, '-o', reportDir, '--clean'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: null, output, timedOut: true });
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: error.message, timedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut: false });
    });
  });
  if (outcome.timedOut) return { report: null, note: `Allure HTML not built: allure generate took longer than ${timeoutMs / 1000} s and was stopped.` };
  if (outcome.code !== 0 || !existsSync(join(reportDir, 'index.html'))) {
    const last = outcome.output.trim().split('\n').pop() ?? '';
    return { report: null, note: `Allure HTML not built: allure generate exited ${outcome.code}${last ? ` (${last.slice(0, 200)})` : ''}.` };
  }
  return { report: reportDir.split(/[\\/]/).pop()!, note: 'Allure HTML built with allure-commandline.' };
}

export function javaAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  const r = spawnSync('java', ['-version'], { env, stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

function allureBinary(): string | undefined {
  try {
    const dir = dirname(require.resolve('allure-commandline/package.json'));
    const bin = join(dir, 'dist', 'bin', process.platform === 'win32' ? 'allure.bat' : 'allure');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
