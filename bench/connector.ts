/**
 * Reference connector throughput: sender -> reference -> downstream peer that fulfills, over loopback
 * HTTP with keep-alive, at a fixed number of packets in flight.
 *
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/connector.ts
 *       [--concurrency 64] [--packets N | --duration 10] [--warmup 2000] [--in-process | --baseline] [--json]
 *
 * By default the reference runs in its own process, started as a user would start it
 * (`ilp-conformance reference --topology <tmp> --port 0 --quiet`), and this process plays both the sender
 * (alice) and the downstream peer (bob, which answers every Prepare with a Fulfill). `--in-process` runs
 * the reference in this process instead (one core; useful with --cpu-prof). To profile the separate
 * reference process, give it node options: BENCH_REFERENCE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof". `--baseline` puts a bare
 * HTTP relay (no ILP: it passes the body to bob and bob's answer back) in the reference's place, in this
 * process, to show what the HTTP hops alone cost on this machine right now. Every Prepare carries a fresh
 * destination and a 30 s expiry, and the reference verifies every fulfillment.
 * Prints packets/s and p50/p99/max latency per packet (sender's view). The target is >= 5000 packets/s.
 *
 * A measurement, not a test: it asserts nothing beyond every packet being fulfilled, and its numbers
 * depend on the machine and what else runs on it.
 */
import { parseBenchOptions } from './options';
import { cpuMsOfProcess } from './cpu-meter';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { conditionOf, decodeReply, encodeFulfill, encodePrepare } from '../lib/codec';
import { DEFAULT_TOPOLOGY_PATH, parseTopology, peerByName } from '../contracts/topology';
import { startReferenceConnector } from '../reference-impl/connector';

const TARGET_PACKETS_PER_SECOND = 5000;
const CLI_ENTRY = resolve(__dirname, '..', 'bin', 'ilp-conformance.js');

interface Options {
  concurrency: number;
  packets?: number;
  durationS: number;
  warmup: number;
  inProcess: boolean;
  baseline: boolean;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const o = parseBenchOptions(argv, {
    integers: { concurrency: 64, packets: undefined, duration: 10, warmup: 2000 },
    flags: ['in-process', 'baseline', 'json'],
  });
  return { concurrency: o.concurrency, packets: o.packets, durationS: o.duration, warmup: o.warmup, inProcess: o['in-process'], baseline: o.baseline, json: o.json };
}

const FULFILLMENT = new Uint8Array(32).fill(42);
const CONDITION = conditionOf(FULFILLMENT);
const FULFILL_BYTES = Buffer.from(encodeFulfill({ fulfillment: FULFILLMENT, data: new Uint8Array(0) }));
const DATA = new Uint8Array(100).fill(7);

/** bob: answers every request with the same Fulfill, without looking at it. */
async function startDownstream(): Promise<{ url: string; close(): Promise<void>; connections(): number }> {
  let connections = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': FULFILL_BYTES.length });
      response.end(FULFILL_BYTES);
    });
  });
  server.on('connection', () => connections++);
  return { ...(await listening(server)), connections: () => connections };
}

/** Listens on an ephemeral loopback port; close() also ends every kept-alive connection. */
async function listening(server: http.Server, onClose = () => undefined as void): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      onClose();
      server.closeAllConnections();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** The baseline: a bare keep-alive HTTP relay to bob, at the path alice would use. */
async function startBareRelay(bobUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true });
  const target = new URL(`${bobUrl}/ilp`);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const out = http.request(target, { method: 'POST', agent, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const reply = Buffer.concat(parts);
          response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': reply.length });
          response.end(reply);
        });
      });
      out.end(body);
    });
  });
  return listening(server, () => agent.destroy());
}

/** The fixture topology with bob's URL pointing at our downstream server. */
function benchTopologyJson(bobUrl: string): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')) as { peers: { name: string; http: { outgoing: { url: string } } }[] };
  for (const peer of raw.peers) if (peer.name === 'bob') peer.http.outgoing.url = `${bobUrl}/ilp`;
  return raw as unknown as Record<string, unknown>;
}

interface Reference {
  readonly url: string;
  close(): Promise<void>;
  /** CPU milliseconds the reference process has used so far (separate process on Linux only). */
  cpuMs?(): number | undefined;
}

async function startReferenceProcess(topologyJson: Record<string, unknown>): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), 'ilp-bench-'));
  const file = join(dir, 'topology.json');
  writeFileSync(file, JSON.stringify(topologyJson));
  const nodeArgs = (process.env.BENCH_REFERENCE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, CLI_ENTRY, 'reference', '--topology', file, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('the reference did not start within 120 s')), 120_000);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        ok(match[1]!);
      }
    });
    child.on('exit', (code) => fail(new Error(`the reference exited with ${code} before listening`)));
  });
  return {
    url,
    cpuMs: () => cpuMsOfProcess(child.pid),
    close: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          ok();
        });
        child.kill('SIGTERM');
      }),
  };
}

interface Run {
  readonly count: number;
  readonly elapsedMs: number;
  readonly latenciesMs: Float64Array;
  readonly failures: Map<string, number>;
}

/** Keeps `concurrency` packets in flight until `count` are done or `deadline` (ms since epoch) passes. */
async function load(url: string, token: string, concurrency: number, count: number, deadline: number, prefix: string): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies = new Float64Array(count);
  const failures = new Map<string, number>();
  let started = 0;
  let done = 0;
  const begin = performance.now();

  const one = (i: number) =>
    new Promise<void>((ok) => {
      const body = encodePrepare({
        amount: 1000n,
        expiresAt: new Date(Date.now() + 30_000),
        executionCondition: CONDITION,
        destination: `test.bob.${prefix}.${i}`,
        data: DATA,
      });
      const t0 = performance.now();
      const request = http.request(
        target,
        { method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': body.length } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => {
            latencies[done++] = performance.now() - t0;
            const reply = Buffer.concat(chunks);
            if (response.statusCode !== 200 || reply[0] !== 13) {
              const key = response.statusCode !== 200 ? `HTTP ${response.statusCode}` : describeReply(reply);
              failures.set(key, (failures.get(key) ?? 0) + 1);
            }
            ok();
          });
        },
      );
      request.on('error', (error) => {
        latencies[done++] = performance.now() - t0;
        failures.set(error.message, (failures.get(error.message) ?? 0) + 1);
        ok();
      });
      request.end(body);
    });

  const worker = async () => {
    while (started < count && Date.now() < deadline) await one(started++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - begin;
  agent.destroy();
  return { count: done, elapsedMs, latenciesMs: latencies.subarray(0, done), failures };
}

function describeReply(bytes: Buffer): string {
  try {
    const reply = decodeReply(bytes, { mode: 'lenient' });
    return reply.type === 13 ? 'Fulfill' : `Reject ${reply.code} ${reply.message}`;
  } catch (error) {
    return `undecodable reply (${(error as Error).message})`;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const downstream = await startDownstream();
  const topologyJson = benchTopologyJson(downstream.url);
  const topology = parseTopology(topologyJson);
  const reference: Reference = opts.baseline
    ? await startBareRelay(downstream.url)
    : opts.inProcess
      ? await startReferenceConnector({ topology, port: 0 })
      : await startReferenceProcess(topologyJson);
  const alice = peerByName(topology, 'alice');
  const url = `${reference.url}${alice.http.incoming.path}`;
  try {
    const warm = await load(url, alice.http.incoming.token, opts.concurrency, opts.warmup, Number.POSITIVE_INFINITY, 'warmup');
    if (warm.failures.size > 0) throw new Error(`warm-up packets failed: ${[...warm.failures].map(([k, n]) => `${k} x${n}`).join(', ')}`);
    const count = opts.packets ?? 10_000_000;
    const deadline = opts.packets ? Number.POSITIVE_INFINITY : Date.now() + opts.durationS * 1000;
    const connectionsBefore = downstream.connections();
    const cpuBefore = process.cpuUsage();
    const referenceCpuBefore = reference.cpuMs?.();
    const run = await load(url, alice.http.incoming.token, opts.concurrency, count, deadline, 'run');
    const cpu = process.cpuUsage(cpuBefore);
    const referenceCpuAfter = reference.cpuMs?.();
    const referenceCpuMs =
      referenceCpuBefore !== undefined && referenceCpuAfter !== undefined ? referenceCpuAfter - referenceCpuBefore : undefined;
    const sorted = Float64Array.from(run.latenciesMs).sort();
    const result = {
      mode: opts.baseline ? 'BASELINE bare HTTP relay, in-process' : opts.inProcess ? 'in-process' : 'separate process',
      concurrency: opts.concurrency,
      packets: run.count,
      seconds: Number((run.elapsedMs / 1000).toFixed(2)),
      packetsPerSecond: Math.round(run.count / (run.elapsedMs / 1000)),
      latencyMs: { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1] ?? NaN) },
      /** CPU time of this process per packet: sender + downstream, plus the reference when in-process. */
      cpuMsPerPacket: round((cpu.user + cpu.system) / 1000 / run.count),
      /** CPU time of the separate reference process per packet (Linux), the figure that bounds its throughput. */
      referenceCpuMsPerPacket: referenceCpuMs === undefined ? undefined : round(referenceCpuMs / run.count),
      /** TCP connections the downstream accepted during the run: stays near 0 when keep-alive works. */
      newDownstreamConnections: downstream.connections() - connectionsBefore,
      failures: Object.fromEntries(run.failures),
      target: TARGET_PACKETS_PER_SECOND,
    };
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      const verdict = result.packetsPerSecond >= TARGET_PACKETS_PER_SECOND ? 'meets' : 'BELOW';
      process.stdout.write(
        [
          `${opts.baseline ? '' : 'reference connector, '}${result.mode}, ${result.concurrency} in flight, keep-alive loopback HTTP`,
          `  packets      ${result.packets} in ${result.seconds} s`,
          `  throughput   ${result.packetsPerSecond} packets/s (${verdict} the target of ${TARGET_PACKETS_PER_SECOND})`,
          `  latency      p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms`,
          `  cpu          ${result.cpuMsPerPacket} ms per packet in this process (${opts.baseline ? 'sender, relay and downstream' : opts.inProcess ? 'sender, reference and downstream' : 'sender and downstream'})`
            + (result.referenceCpuMsPerPacket === undefined ? '' : `; ${result.referenceCpuMsPerPacket} ms in the reference process`),
          `  connections  ${result.newDownstreamConnections} new to the downstream peer during the run`,
          `  failures     ${run.failures.size === 0 ? 'none' : [...run.failures].map(([k, n]) => `${k} x${n}`).join(', ')}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await reference.close();
    await downstream.close();
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

main().catch((error: Error) => {
  process.stderr.write(`bench/connector: ${error.message}\n`);
  process.exitCode = 1;
});
