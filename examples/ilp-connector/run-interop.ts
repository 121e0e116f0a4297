/**
 * The interop run: starts ilp-connector (start.js, a child process), runs
 *   node bin/ilp-conformance.js run --target <its URL> --expect examples/ilp-connector/known-failures.json
 * with ILP_CONNECTOR_CAPABILITIES=http-sync,ildcp (ilp-plugin-http has no asynchronous mode), stops the
 * connector, and prints how long each part took. The exit code is the run command's (0: no result other
 * than the known ones; see its --help), or 3 when the connector would not start.
 *
 * Arguments after `--` go to the run command (e.g. `-- --requirement ROUTE-010`); `--no-expect` runs
 * without the expectations file (the plain verdict); `--log <file>` keeps ilp-connector's log elsewhere
 * than reports/ilp-connector.log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { once } from 'node:events';

const ROOT = resolve(__dirname, '..', '..');
const HERE = __dirname;
export const CAPABILITIES = 'http-sync,ildcp';
const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 10_000;

export async function main(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const own = dash === -1 ? argv : argv.slice(0, dash);
  const passOn = dash === -1 ? [] : argv.slice(dash + 1);
  let expect = true;
  let logFile = join(ROOT, 'reports', 'ilp-connector.log');
  for (let i = 0; i < own.length; i++) {
    const arg = own[i]!;
    if (arg === '--no-expect') expect = false;
    else if (arg === '--log' && own[i + 1]) logFile = resolve(own[++i]!);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('usage: node examples/ilp-connector/interop.js [--no-expect] [--log <file>] [-- <ilp-conformance run options>]\n');
      return 0;
    } else {
      process.stderr.write(`interop: unknown option ${arg} (options for the run command go after --)\n`);
      return 2;
    }
  }
  if (!existsSync(join(HERE, 'node_modules', 'ilp-connector'))) {
    process.stderr.write('interop: ilp-connector is not installed; run `npm --prefix examples/ilp-connector ci` first\n');
    return 2;
  }
  mkdirSync(dirname(logFile), { recursive: true });
  rmSync(logFile, { force: true });

  const t0 = Date.now();
  const connector = spawn(process.execPath, [join(HERE, 'start.js'), '--stop-on-stdin-end', '--log', logFile], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let url: string;
  try {
    url = await listeningUrl(connector);
  } catch (error) {
    process.stderr.write(`interop: ${(error as Error).message} (log: ${relative(ROOT, logFile)})\n`);
    await stop(connector);
    return 3;
  }
  const started = Date.now();
  process.stdout.write(`interop: ilp-connector up at ${url} in ${((started - t0) / 1000).toFixed(1)} s; log in ${relative(ROOT, logFile)}\n`);

  const expectFile = join(HERE, 'known-failures.json');
  const runArgs = ['run', '--target', url, ...(expect && existsSync(expectFile) ? ['--expect', relative(ROOT, expectFile)] : []), ...passOn];
  process.stdout.write(`interop: node bin/ilp-conformance.js ${runArgs.join(' ')}  (ILP_CONNECTOR_CAPABILITIES=${CAPABILITIES})\n`);
  const suite = spawn(process.execPath, [join(ROOT, 'bin', 'ilp-conformance.js'), ...runArgs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ILP_CONNECTOR_CAPABILITIES: CAPABILITIES },
  });
  const [code, signal] = (await once(suite, 'exit')) as [number | null, NodeJS.Signals | null];
  const ran = Date.now();
  const stopped = await stop(connector);
  const end = Date.now();
  process.stdout.write(
    `interop: suite ${((ran - started) / 1000).toFixed(1)} s, connector start ${((started - t0) / 1000).toFixed(1)} s, ` +
      `stop ${((end - ran) / 1000).toFixed(1)} s${stopped ? '' : ' (had to be killed)'}; total ${((end - t0) / 1000).toFixed(1)} s; run exit code ${code ?? signal}\n`,
  );
  return code ?? 3;
}

/** Reads the child's stdout until the "listening at <url>" line; bounded. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`ilp-connector printed no URL within ${START_LIMIT_MS / 1000} s`)), START_LIMIT_MS);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      seen += chunk;
      const m = /listening at (\S+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        process.stdout.write(seen.split('\n')[0] + '\n');
        resolvePromise(m[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ilp-connector exited before listening (code ${code ?? signal})`));
    });
  });
}

/** Closes the child's stdin (start.js --stop-on-stdin-end stops on that); SIGKILL after a bound. */
async function stop(child: ChildProcess): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const timer = new Promise<'late'>((r) => setTimeout(() => r('late'), STOP_LIMIT_MS).unref());
  if ((await Promise.race([exited.then(() => 'ok' as const), timer])) === 'ok') return true;
  child.kill('SIGKILL');
  await exited;
  return false;
}
