import { serveCodec } from '../../lib/targets/codec-adapter-server';
import { answer } from '../../lib/targets/codec-answers';
import { ALL_CODEC_CAPABILITIES, CODEC_PROTOCOL_VERSION } from '../../lib/targets/codec-protocol';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const summary = "serve the project's own codec over the codec adapter protocol (stdin/stdout JSON lines)";

const USAGE = `usage: ilp-conformance codec-adapter

Serves lib/codec over the codec adapter protocol v${CODEC_PROTOCOL_VERSION} (lib/targets/codec-adapter-protocol.md) on stdin and
stdout, until stdin ends. For the harness, not for people:
  ilp-conformance run --profile codec --codec "node bin/ilp-conformance.js codec-adapter"`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.length > 0) {
    process.stderr.write(`ilp-conformance codec-adapter: unexpected argument "${argv[0]}"\n${USAGE}\n`);
    return 2;
  }
  const suite = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };
  await serveCodec({
    input: process.stdin,
    output: process.stdout,
    log: (line) => process.stderr.write(`${line}\n`),
    hello: {
      version: CODEC_PROTOCOL_VERSION,
      implementation: { name: `${suite.name} lib/codec`, language: 'typescript', version: suite.version },
      supports: { packets: ['prepare', 'fulfill', 'reject'], capabilities: ALL_CODEC_CAPABILITIES },
    },
    answer,
  });
  return 0;
}
