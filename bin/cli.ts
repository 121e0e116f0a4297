/**
 * ilp-conformance: one entry, one module per subcommand under bin/commands/.
 * A command module exports `summary` (one line for help) and `run(argv)` resolving to the exit code.
 * Exit codes (DESIGN §9): 0 conformant/ok, 1 not conformant/invalid input, 2 usage or configuration error,
 * 3 target unreachable or harness broken.
 */
export interface Command {
  readonly summary: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, string> = {
  run: './commands/run',
  packet: './commands/packet',
  address: './commands/address',
  reference: './commands/reference',
  requirements: './commands/requirements',
  compare: './commands/compare',
  'codec-adapter': './commands/codec-adapter',
  merge: './commands/merge',
  fleet: './commands/fleet',
};

function load(name: string): Command | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(COMMANDS[name]!) as Command;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((error as Error).message).includes(COMMANDS[name]!.slice(2))) {
      return undefined;
    }
    throw error;
  }
}

function usage(): string {
  const lines = ['usage: ilp-conformance <command> [options]', '', 'commands:'];
  for (const name of Object.keys(COMMANDS)) {
    const command = load(name);
    if (command) lines.push(`  ${name.padEnd(14)}${command.summary}`);
  }
  lines.push('', 'Run `ilp-conformance <command> --help` for a command\'s options; `ilp-conformance --version` prints the version.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { suiteIdentity } = require('../lib/report/conformance-run') as typeof import('../lib/report/conformance-run');
    process.stdout.write(`${suiteIdentity().version}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name] ? load(name) : undefined;
  if (!command) {
    process.stderr.write(`ilp-conformance: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}
