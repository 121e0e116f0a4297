/**
 * Receiver throughput: STREAM packets per second through the bundled reference receiver and through
 * ilp-protocol-stream 2.7.1's createServer (examples/ilp-protocol-stream/serve.js, when installed) under the
 * same load in one run, and the ratio (issue target: the reference at least 2x). A benchmark, not a test.
 *
 *   npm run bench:receiver -- [--clients 8] [--seconds 3]
 *
 * The load is what both can answer on Node 20: fulfillable zero-amount packets carrying a ConnectionMaxData
 * frame and no stream frames (ilp-protocol-stream cannot open a stream on Node 20, FINDINGS.md S1), each
 * encrypted, posted over keep-alive ILP over HTTP, decrypted and its fulfillment checked. Every client has
 * its own connection (SPSP query), as senders do.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { frame } from '../lib/codec';
import { Transcript } from '../lib/evidence/transcript';
import { querySpsp, spspDetails } from '../lib/peers/spsp-client';
import { fulfillmentMatches, StreamClient } from '../lib/peers/stream-client';
import { startReferenceReceiver } from '../reference-impl/receiver';
import { parseBenchOptions } from './options';

interface Endpoint {
  readonly spspUrl: string;
  readonly ilpUrl: string;
  readonly token: string;
}

/** Packets per second with `clients` senders for `seconds`; throws if any packet is not fulfilled correctly. */
async function measure(e: Endpoint, clients: number, seconds: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const senders = await Promise.all(Array.from({ length: clients }, async () => {
    const d = spspDetails(await querySpsp(e.spspUrl, { timeoutMs: 3000 }));
    if (!d.ok) throw new Error(d.reason);
    // Each client records into a transcript nobody reads; a few seconds of packets keep it small.
    return new StreamClient({ ilpUrl: e.ilpUrl, ilpToken: e.token, destination: d.destinationAccount, sharedSecret: d.sharedSecret, transcript: new Transcript(), waitMs: 5000, agent });
  }));
  const until = Date.now() + seconds * 1000;
  let packets = 0;
  const started = Date.now();
  await Promise.all(senders.map(async (s) => {
    while (Date.now() < until) {
      const x = await s.send({ amount: 0n, frames: [frame({ name: 'ConnectionMaxData', maxOffset: 1000n })] });
      if (!fulfillmentMatches(x)) throw new Error(`packet not fulfilled: ${x.outcome.kind}`);
      s.exchanges.length = 0;
      packets++;
    }
  }));
  agent.destroy();
  return packets / ((Date.now() - started) / 1000);
}

async function startIlpProtocolStream(): Promise<{ endpoint: Endpoint; stop: () => void } | undefined> {
  const dir = join(__dirname, '..', 'examples', 'ilp-protocol-stream');
  if (!existsSync(join(dir, 'node_modules', 'ilp-protocol-stream'))) return undefined;
  const child = spawn(process.execPath, [join(dir, 'serve.js')], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve.js printed no URLs within 15 s')), 15_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
  });
  const { spspUrl, ilpUrl, token } = JSON.parse(line) as Endpoint;
  return { endpoint: { spspUrl, ilpUrl, token }, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const o = parseBenchOptions(process.argv.slice(2), { integers: { clients: 8, seconds: 3 }, strings: [] });
  const reference = await startReferenceReceiver();
  const other = await startIlpProtocolStream();
  try {
    const ours = await measure({ spspUrl: reference.spspUrl, ilpUrl: reference.ilpUrl, token: reference.ilpToken }, o.clients, o.seconds);
    process.stdout.write(`reference receiver      ${ours.toFixed(0).padStart(7)} packets/s (${o.clients} clients, ${o.seconds} s)\n`);
    if (!other) {
      process.stdout.write('ilp-protocol-stream     not installed (npm run interop:stream:install); no ratio\n');
      return;
    }
    const theirs = await measure(other.endpoint, o.clients, o.seconds);
    process.stdout.write(`ilp-protocol-stream     ${theirs.toFixed(0).padStart(7)} packets/s\n`);
    process.stdout.write(`ratio reference / ilp-protocol-stream: ${(ours / theirs).toFixed(2)}x (target 2x)\n`);
  } finally {
    other?.stop();
    await reference.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:receiver: ${error.message}\n`);
  process.exit(1);
});
