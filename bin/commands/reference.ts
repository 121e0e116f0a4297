/**
 * `ilp-conformance reference`: runs the bundled reference connector on its own, configured from a topology
 * file, until SIGINT or SIGTERM. Prints where it listens, then one line per packet (never a token).
 * A topology that does not load or validate exits 2 with the TopologyError's message.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, TopologyError } from '../../contracts/topology';
import { UnknownFaultError } from '../../contracts/faults';

export const summary = 'run the bundled reference connector on its own (configured from a topology file)';

const USAGE = `usage: ilp-conformance reference [--topology <file>] [--port <n>] [--host <address>] [--fault <name>]... [--quiet]

Starts the reference connector and serves ILP over HTTP until interrupted (Ctrl-C, SIGTERM).

  --topology <file>  the network around it (default fixtures/topology.json)
  --port <n>         port to listen on (default: the port of sut.url in the topology; 0 = any free port)
  --host <address>   address to listen on (default 127.0.0.1)
  --fault <name>     switch on a named fault for self-tests (repeatable)
  --quiet            no line per packet
  -h, --help         this text

Exit status: 0 stopped by a signal, 2 usage or configuration error (bad topology, port in use).`;

export async function run(argv: string[]): Promise<number> {
  const err = (text: string) => process.stderr.write(`ilp-conformance reference: ${text}\n`);
  let values: { topology?: string; port?: string; host?: string; fault?: string[]; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        topology: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        fault: { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    err(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
    return 2;
  }

  let connector;
  try {
    // Loaded here, not at the top, so `--help` and usage errors answer without compiling the connector.
    const { startReferenceConnector } = await import('../../lib/targets/bundled-references');
    const topology = loadTopology(values.topology ?? DEFAULT_TOPOLOGY_PATH);
    const log = values.quiet ? undefined : (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    connector = await startReferenceConnector({ topology, host: values.host, port, faults: values.fault, log });
    process.stdout.write(`reference connector ${topology.sut.address} listening on ${connector.url}\n`);
  } catch (error) {
    if (error instanceof TopologyError || error instanceof UnknownFaultError) {
      err(error.message);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      err(`cannot listen: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }

  const running = connector;
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write(`${signal}: closing\n`);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
