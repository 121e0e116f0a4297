/**
 * Runs the reference ledger as its own process (the crash test spawns this; operators can too):
 *
 *   node -r ts-node/register reference-impl/ledger/main.ts --db ledger.sqlite --port 7790
 *
 * The admin token comes from ILP_LEDGER_ADMIN_TOKEN. Prints one line `listening <url>` when ready.
 */
import { startReferenceLedger } from './index';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const adminToken = process.env.ILP_LEDGER_ADMIN_TOKEN;
  if (!adminToken) {
    process.stderr.write('reference ledger: set ILP_LEDGER_ADMIN_TOKEN (at least 16 characters)\n');
    process.exit(2);
  }
  const port = Number(option('port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`reference ledger: --port ${option('port')} is not a port number\n`);
    process.exit(2);
  }
  const running = await startReferenceLedger({
    dbPath: option('db') ?? ':memory:',
    port,
    adminToken,
    ilpPrefix: option('prefix'),
    scale: option('scale') === undefined ? undefined : Number(option('scale')),
    faults: process.env.ILP_REFERENCE_LEDGER_FAULTS,
  });
  process.stdout.write(`listening ${running.url}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`reference ledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
