/**
 * Receiver throughput: STREAM packets per second through the bundled reference receiver and through
 * ilp-protocol-stream 2.7.1's createServer (examples/ilp-protocol-stream/serve.js, when installed) under the
 * same load in one run, and the ratio (issue target: the reference at least 2x). A measurement, not a test:
 * it asserts only that every packet was fulfilled with the right fulfillment and a reply that decrypts.
 *
 *   npm run bench:receiver -- [--clients 8] [--packets 20000] [--rounds 3]
 *
 * Every receiver runs in a child process of its own (bench/receiver-serve.ts, serve.js); this process is the
 * sender for all of them. The load is what both can answer on Node 20: fulfillable zero-amount packets carrying
 * a ConnectionMaxData frame and no stream frames (ilp-protocol-stream cannot open a stream on Node 20,
 * FINDINGS.md S1), posted over keep-alive ILP over HTTP with `clients` connections (one SPSP query each, as
 * senders do) and one packet in flight per connection. So that the sender is the same for every receiver and
 * not the bottleneck, it encrypts every packet before the clock starts, only posts bytes while it runs (with
 * undici's connection pool, about half the CPU per request of node:http's client), and
 * checks the replies (fulfillment against condition, the reply decrypts under the connection's key and echoes
 * the sequence) after it stops. The sender's own ceiling is measured against an echo server that answers a
 * fixed Fulfill and does no STREAM work. Rounds alternate between the receivers, so a burst of other work on
 * the machine hits both; the best round of each counts. Besides packets/s it prints each receiver's CPU time
 * per packet (its process, from /proc): on a machine shared with other work that says how much work one
 * packet costs, whatever share of the cores each process happened to get. BENCH_RECEIVER_PROF=<dir> starts the
 * reference receiver with `node --cpu-prof` into that directory (where its time per packet goes).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { createHash, randomBytes } from 'node:crypto';
import {
  decodeReply, decodeStreamPacket, decryptStreamData, encodePrepare, encodeStreamPacket, encryptStreamData, frame,
  PacketType, streamCondition, streamKeys, type StreamKeys,
} from '../lib/codec';
import { querySpsp, spspDetails } from '../lib/peers/spsp-client';
import { childCpuMs, stopChild } from './processes';
import { parseBenchOptions } from './options';

const ROOT = resolve(__dirname, '..');
const AIM = 2;
const WAIT_MS = 10_000;

interface Endpoint {
  readonly spspUrl: string;
  readonly ilpUrl: string;
  readonly token: string;
}

interface Server {
  readonly name: string;
  readonly endpoint: Endpoint;
  /** CPU time (user + system) of the server's process so far, ms; undefined without /proc. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** One client's packets, built before the clock starts. */
interface Load {
  readonly keys: StreamKeys;
  readonly bodies: Buffer[];
  readonly conditions: Buffer[];
  readonly replies: Buffer[];
}

export interface Round {
  readonly perSecond: number;
  readonly packets: number;
  readonly serverCpuMsPerPacket?: number;
  readonly senderCpuMsPerPacket: number;
}

async function spawnServer(name: string, args: string[], cwd: string): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} printed no URLs within 30 s`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      ok(l);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code}) before it was ready`));
    });
  });
  const { spspUrl, ilpUrl, token } = JSON.parse(line) as Endpoint;
  return {
    name,
    endpoint: { spspUrl, ilpUrl, token },
    cpuMs: () => childCpuMs(child),
    stop: () => stopChild(child),
  };
}

/** `count` encrypted Prepares for one connection: sequences 1..count, each with its fulfillable condition. */
export function buildLoad(destination: string, sharedSecret: Uint8Array, count: number): Load {
  const keys = streamKeys(sharedSecret);
  const expiresAt = new Date(Date.now() + 10 * 60_000);
  const bodies: Buffer[] = [];
  const conditions: Buffer[] = [];
  for (let i = 1; i <= count; i++) {
    const data = encryptStreamData(keys, encodeStreamPacket({ sequence: BigInt(i), ilpPacketType: 12, prepareAmount: 0n, frames: [frame({ name: 'ConnectionMaxData', maxOffset: 1000n })] }));
    const condition = streamCondition(keys, data);
    conditions.push(condition);
    bodies.push(Buffer.from(encodePrepare({ amount: 0n, expiresAt, executionCondition: condition, destination, data })));
  }
  return { keys, bodies, conditions, replies: [] };
}

/** Why the reply to packet `i` of `load` is not a correct STREAM Fulfill, or undefined when it is one. */
export function replyProblem(load: Load, i: number): string | undefined {
  const raw = load.replies[i];
  if (!raw) return 'no reply';
  let reply;
  try {
    reply = decodeReply(raw);
  } catch (error) {
    return `not an ILP reply: ${(error as Error).message}`;
  }
  if (reply.type !== PacketType.Fulfill) return `Reject ${reply.code} ${reply.message}`;
  if (!createHash('sha256').update(reply.fulfillment).digest().equals(load.conditions[i]!)) return 'the fulfillment does not hash to the condition';
  try {
    const packet = decodeStreamPacket(decryptStreamData(load.keys, reply.data), { mode: 'lenient' });
    if (packet.sequence !== BigInt(i + 1) || packet.ilpPacketType !== 13) return `the reply is sequence ${packet.sequence} type ${packet.ilpPacketType}, expected ${i + 1} type 13`;
  } catch (error) {
    return `the reply's data is no STREAM packet: ${(error as Error).message}`;
  }
  return undefined;
}

async function loads(server: Server, clients: number, perClient: number): Promise<Load[]> {
  if (server.name === 'echo') return Array.from({ length: clients }, (_, i) => buildLoad(`test.echo.${i}`, randomBytes(32), perClient));
  return Promise.all(Array.from({ length: clients }, async () => {
    const d = spspDetails(await querySpsp(server.endpoint.spspUrl, { timeoutMs: WAIT_MS }));
    if (!d.ok) throw new Error(`${server.name}: SPSP query failed: ${d.reason}`);
    return buildLoad(d.destinationAccount, d.sharedSecret, perClient);
  }));
}

/** Posts every client's packets, one in flight per client; checks the replies once the clock has stopped. */
async function measure(server: Server, clients: number, perClient: number): Promise<Round> {
  const work = await loads(server, clients, perClient);
  const url = new URL(server.endpoint.ilpUrl);
  const pool = new Pool(url.origin, { connections: clients, pipelining: 1, headersTimeout: WAIT_MS, bodyTimeout: WAIT_MS });
  const headers = { authorization: `Bearer ${server.endpoint.token}`, 'content-type': 'application/octet-stream' };
  const cpu0 = server.cpuMs();
  const sender0 = process.cpuUsage();
  const started = performance.now();
  try {
    await Promise.all(work.map(async (load) => {
      for (const body of load.bodies) {
        const res = await pool.request({ path: url.pathname, method: 'POST', headers, body });
        const reply = Buffer.from(await res.body.arrayBuffer());
        if (res.statusCode !== 200) throw new Error(`${server.name}: HTTP ${res.statusCode} to a Prepare`);
        load.replies.push(reply);
      }
    }));
  } finally {
    await pool.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const sender = process.cpuUsage(sender0);
  const cpu1 = server.cpuMs();
  const packets = clients * perClient;
  if (server.name !== 'echo') {
    for (const load of work) {
      for (let i = 0; i < load.bodies.length; i++) {
        const problem = replyProblem(load, i);
        if (problem) throw new Error(`${server.name}: packet ${i + 1} of a connection: ${problem}`);
      }
    }
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    perSecond: Math.round(packets / seconds),
    packets,
    senderCpuMsPerPacket: round((sender.user + sender.system) / 1000 / packets),
    ...(cpu0 !== undefined && cpu1 !== undefined ? { serverCpuMsPerPacket: round((cpu1 - cpu0) / packets) } : {}),
  };
}

function describe(name: string, r: Round): string {
  const cpu = r.serverCpuMsPerPacket === undefined ? '' : `  server cpu ${r.serverCpuMsPerPacket.toFixed(3)} ms/packet`;
  return `${name.padEnd(22)}${String(r.perSecond).padStart(7)} packets/s${cpu}  sender cpu ${r.senderCpuMsPerPacket.toFixed(3)} ms/packet\n`;
}

async function main(): Promise<void> {
  const o = parseBenchOptions(process.argv.slice(2), { integers: { clients: 8, packets: 20000, rounds: 3 }, strings: [] });
  const perClient = Math.max(1, Math.ceil(o.packets / o.clients));
  const serve = join(ROOT, 'bench', 'receiver-serve.ts');
  const streamDir = join(ROOT, 'examples', 'ilp-protocol-stream');
  const servers: Server[] = [];
  try {
    servers.push(await spawnServer('echo', ['-r', 'sucrase/register/ts', serve, '--echo'], ROOT));
    servers.push(await spawnServer('reference receiver', [...(process.env.BENCH_RECEIVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_RECEIVER_PROF}`] : []), '-r', 'sucrase/register/ts', serve], ROOT));
    if (existsSync(join(streamDir, 'node_modules', 'ilp-protocol-stream'))) servers.push(await spawnServer('ilp-protocol-stream', [join(streamDir, 'serve.js')], streamDir));
    process.stdout.write(`load: ${o.clients} clients x ${perClient} packets (zero-amount, ConnectionMaxData frame), ${o.rounds} rounds, best counts; ${servers.length - 1} receivers and the sender in separate processes on ${(await import('node:os')).cpus().length} cores\n`);
    // Warm-up (JIT, sockets), not counted.
    for (const s of servers) await measure(s, o.clients, Math.min(200, perClient));
    const best = new Map<string, Round>();
    for (let r = 0; r < o.rounds; r++) {
      for (const s of servers) {
        const m = await measure(s, o.clients, perClient);
        const was = best.get(s.name);
        if (!was || m.perSecond > was.perSecond) best.set(s.name, m);
      }
    }
    for (const s of servers) process.stdout.write(describe(s.name === 'echo' ? 'sender alone (echo)' : s.name, best.get(s.name)!));
    const ours = best.get('reference receiver')!;
    const theirs = best.get('ilp-protocol-stream');
    if (!theirs) {
      process.stdout.write('ilp-protocol-stream     not installed (npm run interop:stream:install); no ratio\n');
      return;
    }
    const cpuRatio = ours.serverCpuMsPerPacket && theirs.serverCpuMsPerPacket ? `; CPU per packet ilp-protocol-stream / reference: ${(theirs.serverCpuMsPerPacket / ours.serverCpuMsPerPacket).toFixed(2)}x` : '';
    process.stdout.write(`ratio reference / ilp-protocol-stream: ${(ours.perSecond / theirs.perSecond).toFixed(2)}x packets/s (target ${AIM}x)${cpuRatio}\n`);
  } finally {
    for (const s of servers.reverse()) await s.stop();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bench:receiver: ${error.message}\n`);
    process.exitCode = 1;
  });
}
