/**
 * `ilp-conformance address check <address> [--legacy]`: is this an ILP address?
 *
 * Default rules: RFC 15 v2.0.0 (scheme, period-separated non-empty segments of A-Z a-z 0-9 _ ~ -, no trailing
 * period, at most 1023 characters). `--legacy` applies the 2017 v1.0.0 rules (draft 2) and says whether the
 * address is a destination (an account) or a prefix (ends in a period). Prints `valid ...` and exits 0, or
 * `invalid: <reason>` and exits 1; usage errors exit 2.
 */
import { parseArgs } from 'node:util';
import { checkIlpAddress } from '../../lib/codec';

export const summary = 'check an ILP address against RFC 15 (or the 2017 rules with --legacy)';

const USAGE = `usage: ilp-conformance address check <address> [--legacy]

Checks one ILP address and prints "valid" (exit 0) or "invalid: <reason>" (exit 1).

  --legacy    use the 2017 rules (RFC 15 v1.0.0, draft 2) and say whether the address is a
              destination (names an account: two or more segments after the scheme, no trailing ".")
              or a prefix (a group of accounts: ends in ".")
  -h, --help  this text

Default rules: RFC 15 v2.0.0 (schemes g, private, example, peer, self, test, test1-3, local; segments of
A-Z a-z 0-9 _ ~ -; no empty segment, no trailing "."; at most 1023 characters). Quote the address in
your shell if it contains characters the shell would interpret.
Exit status: 0 valid, 1 invalid, 2 usage error.`;

export interface AddressIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function run(argv: string[]): Promise<number> {
  return runWith(argv, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}

export async function runWith(argv: string[], io: AddressIo): Promise<number> {
  const out = io.stdout;
  const err = io.stderr;
  const usageError = (message: string): number => {
    err(`ilp-conformance address: ${message}\n${USAGE}\n`);
    return 2;
  };
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    out(`${USAGE}\n`);
    return 0;
  }
  if (sub !== 'check') return usageError(sub === undefined ? 'missing subcommand (check)' : `unknown subcommand "${sub}" (check)`);
  let values: { legacy?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: { legacy: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) {
    out(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return usageError(positionals.length === 0 ? 'check needs an address' : 'check takes one address (quote it if it has spaces)');
  const address = positionals[0]!;
  const result = checkIlpAddress(address, { rules: values.legacy ? 'legacy2017' : 'rfc15' });
  if (!result.valid) {
    out(`invalid: ${result.reason}\n`);
    return 1;
  }
  if (!values.legacy) {
    out('valid\n');
    return 0;
  }
  switch (result.legacyKind) {
    case 'destination':
      out('valid destination\n');
      break;
    case 'prefix':
      out('valid prefix\n');
      break;
    default:
      out('valid, but neither a destination (needs two or more segments after the scheme) nor a prefix (ends in ".")\n');
  }
  return 0;
}
