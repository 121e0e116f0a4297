/**
 * The command behind start.js: starts ilp-connector from a topology, prints one line with its URL on stdout
 * ("ilp-connector 23.0.2 listening at http://127.0.0.1:7770"), and stops cleanly on SIGINT or SIGTERM (or,
 * with --stop-on-stdin-end, when whoever started it goes away). ilp-connector's own log goes to stderr or
 * the --log file.
 */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOPOLOGY_PATH, loadTopology } from '../../contracts/topology';
import { startIlpConnector } from './launch';

export const USAGE = `usage: node examples/ilp-connector/start.js [options]

Starts ilp-connector (examples/ilp-connector/node_modules) configured from the topology and prints
"ilp-connector <version> listening at <url>". Ctrl-C (SIGINT) or SIGTERM stops it.

  --topology <file>       topology (default fixtures/topology.json); tokens come from the env variables it names
  --port <n>              front-door port (default: the port of the topology's sut.url; 0 = any free port)
  --rate-limit <n>        packets per second per account before T05 (default: ilp-connector's 10 000/minute)
  --log <file>            write ilp-connector's log there instead of stderr
  --stop-on-stdin-end     stop when standard input closes (for scripts that start it as a child)
  -h, --help              this text`;

export async function main(argv: string[]): Promise<number | undefined> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        topology: { type: 'string' },
        port: { type: 'string' },
        'rate-limit': { type: 'string' },
        log: { type: 'string' },
        'stop-on-stdin-end': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`start: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const whole = (name: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > 65535 * 1000) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${text}"`);
    return Number(text);
  };
  let port: number | undefined;
  let rateLimit: number | undefined;
  try {
    port = whole('port', values.port, 0);
    if (port !== undefined && port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
    rateLimit = whole('rate-limit', values['rate-limit'], 1);
  } catch (error) {
    process.stderr.write(`start: ${(error as Error).message}\n`);
    return 2;
  }

  const topologyPath = values.topology ? resolve(values.topology) : DEFAULT_TOPOLOGY_PATH;
  let topology;
  try {
    topology = loadTopology(topologyPath);
  } catch (error) {
    process.stderr.write(`start: ${(error as Error).message}\n`);
    return 2;
  }
  const logStream = values.log ? createWriteStream(values.log, { flags: 'a' }) : process.stderr;
  const running = await startIlpConnector({
    topology,
    logStream,
    ...(port !== undefined ? { port } : {}),
    ...(rateLimit !== undefined ? { rateLimitPerSecond: rateLimit } : {}),
  });
  process.stdout.write(`ilp-connector ${running.version} listening at ${running.url}\n`);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`start: stopping ilp-connector (${why})\n`);
    const force = setTimeout(() => {
      process.stderr.write('start: ilp-connector did not stop within 5 s; exiting\n');
      process.exit(1);
    }, 5000);
    force.unref();
    running.close().then(
      () => {
        if (logStream !== process.stderr) logStream.end();
        // ilp-connector leaves timers (route cleanup, stats) running after shutdown; exit explicitly.
        process.exit(0);
      },
      (error: Error) => {
        process.stderr.write(`start: error while stopping: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (values['stop-on-stdin-end']) {
    process.stdin.on('end', () => stop('standard input closed'));
    process.stdin.on('close', () => stop('standard input closed'));
    process.stdin.resume();
  }
  return undefined;
}

class UsageError extends Error {}
