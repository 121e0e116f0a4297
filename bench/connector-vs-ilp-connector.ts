/**
 * The same load through the bundled reference connector and through ilp-connector 23 (examples/ilp-connector),
 * on this machine, in one run: alice -> connector -> bob, synchronous ILP over HTTP on loopback, keep-alive,
 * a fixed number of Prepares in flight, bob fulfilling every one, each connector verifying every fulfillment.
 *
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/connector-vs-ilp-connector.ts
 *       [--concurrency 64] [--duration 8] [--warmup 2000] [--rounds 2] [--json]
 *
 * Needs `npm --prefix examples/ilp-connector ci`. Each connector runs in a child process started the way a user
 * starts it (`ilp-conformance reference --quiet`, `examples/ilp-connector/start.js`) from the fixture topology
 * with bob's URL pointed at this process; this process plays alice and bob for both. The rounds alternate
 * (reference, ilp-connector, reference, ...) so a burst of other work on the machine hits both; the best round
 * of each counts. ilp-connector's per-account rate limit (10 000 packets a minute by default, T05 beyond) is
 * raised for the bench, since the reference has none; its log goes to a temporary file.
 * Prints packets/s and latency for each and the ratio; the aim is the reference forwarding >= 3x ilp-connector.
 * It also prints each connector's own CPU time per packet (from /proc/<pid>/stat, Linux only): on a machine busy
 * with other work, throughput follows the share of CPU each process happens to get, while CPU per packet still
 * says how much work each connector does to forward one packet.
 *
 * A measurement, not a test: it asserts only that every packet was fulfilled, and its numbers depend on
 * the machine and whatever else runs on it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { conditionOf, encodeFulfill, encodePrepare } from '../lib/codec';
import { DEFAULT_TOPOLOGY_PATH, parseTopology, peerByName } from '../contracts/topology';
import { childCpuMs, stopChild } from './processes';

export { processCpuMs } from './cpu-meter';

const ROOT = resolve(__dirname, '..');
const AIM = 3;

interface Settings {
  concurrency: number;
  durationS: number;
  warmup: number;
  rounds: number;
  json: boolean;
}

export function parseSettings(argv: readonly string[]): Settings {
  const s: Settings = { concurrency: 64, durationS: 8, warmup: 2000, rounds: 2, json: false };
  const numeric = { '--concurrency': 'concurrency', '--duration': 'durationS', '--warmup': 'warmup', '--rounds': 'rounds' } as const;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      s.json = true;
      continue;
    }
    const key = numeric[arg as keyof typeof numeric];
    if (!key) throw new Error(`unknown option ${arg} (--concurrency n, --duration s, --warmup n, --rounds n, --json)`);
    const n = Number(argv[++i]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a whole number of at least 1, not ${argv[i] ?? 'nothing'}`);
    s[key] = n;
  }
  return s;
}

interface Contender {
  readonly name: string;
  readonly url: string;
  /** CPU time (user + system) the connector process has used so far, in ms; undefined where /proc is absent. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** Spawns a connector CLI and waits (bounded) for the line that carries its URL. */
async function spawnConnector(name: string, args: string[], urlLine: RegExp): Promise<Contender> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  let seen = '';
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} printed no URL within 90 s`)), 90_000);
    child.stdout!.on('data', (text: string) => {
      seen += text;
      const m = urlLine.exec(seen);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${code}) before listening`));
    });
  });
  child.stdout!.resume();
  return {
    name,
    url,
    cpuMs: () => childCpuMs(child),
    stop: () => stopChild(child),
  };
}

export interface Measurement {
  readonly packets: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: Readonly<Record<string, number>>;
}

/**
 * Sends Prepares from alice to `url` with `concurrency` in flight until `limit` packets or `untilMs` (epoch).
 * Each Prepare goes to a destination of its own under test.bob, so no connector can answer from a cache.
 */
export async function drive(url: string, token: string, opts: { concurrency: number; limit: number; untilMs: number; tag: string; condition: Uint8Array }): Promise<Measurement> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);
  let next = 0;
  const post = (n: number) =>
    new Promise<void>((settle) => {
      const body = encodePrepare({
        amount: 1000n,
        expiresAt: new Date(Date.now() + 30_000),
        executionCondition: opts.condition,
        destination: `test.bob.${opts.tag}.${n}`,
        data: new Uint8Array(64),
      });
      const sent = performance.now();
      const req = http.request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': body.length } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (p: Buffer) => parts.push(p));
        res.on('end', () => {
          latencies.push(performance.now() - sent);
          const reply = Buffer.concat(parts);
          if (res.statusCode !== 200) fail(`HTTP ${res.statusCode}`);
          else if (reply[0] !== 13) fail(reply[0] === 14 ? `Reject ${reply.subarray(2, 5).toString('latin1')}` : 'not an ILP reply');
          settle();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (error) => {
        fail(error.message);
        settle();
      });
      req.end(body);
    });
  const start = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.limit && Date.now() < opts.untilMs) await post(next++);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN) * 100) / 100;
  return { packets: latencies.length, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), failures };
}

async function main(): Promise<void> {
  const settings = parseSettings(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'examples', 'ilp-connector', 'node_modules', 'ilp-connector'))) {
    throw new Error('ilp-connector is not installed: run `npm --prefix examples/ilp-connector ci` first');
  }
  const fulfillment = new Uint8Array(32).fill(7);
  const fulfill = Buffer.from(encodeFulfill({ fulfillment, data: new Uint8Array(0) }));
  const bob = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fulfill.length }).end(fulfill));
  });
  await new Promise<void>((ok) => bob.listen(0, '127.0.0.1', ok));
  const dir = mkdtempSync(join(tmpdir(), 'ilp-vs-'));
  const contenders: Contender[] = [];
  try {
    const raw = JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')) as { sut: { url: string }; peers: { name: string; http: { outgoing: { url: string } } }[] };
    raw.sut.url = 'http://127.0.0.1:0';
    for (const peer of raw.peers) if (peer.name === 'bob') peer.http.outgoing.url = `http://127.0.0.1:${(bob.address() as AddressInfo).port}/ilp`;
    const topologyFile = join(dir, 'topology.json');
    writeFileSync(topologyFile, JSON.stringify(raw));
    const alice = peerByName(parseTopology(raw), 'alice');

    contenders.push(await spawnConnector('reference', [join(ROOT, 'bin', 'ilp-conformance.js'), 'reference', '--topology', topologyFile, '--port', '0', '--quiet'], /listening on (\S+)/));
    contenders.push(
      await spawnConnector(
        'ilp-connector',
        [join(ROOT, 'examples', 'ilp-connector', 'start.js'), '--topology', topologyFile, '--port', '0', '--rate-limit', '1000000', '--log', join(dir, 'ilp-connector.log')],
        /listening at (\S+)/,
      ),
    );
    const condition = conditionOf(fulfillment);
    type Round = Measurement & { cpuMsPerPacket?: number };
    const best = new Map<string, Round>();
    /** The lowest CPU per packet of each connector over the rounds: the round least disturbed by other work. */
    const leanest = new Map<string, number>();
    for (const c of contenders) {
      const warm = await drive(`${c.url}${alice.http.incoming.path}`, alice.http.incoming.token, { concurrency: settings.concurrency, limit: settings.warmup, untilMs: Infinity, tag: `warm${c.name.length}`, condition });
      if (Object.keys(warm.failures).length) throw new Error(`${c.name}: warm-up packets failed: ${JSON.stringify(warm.failures)}`);
    }
    for (let round = 1; round <= settings.rounds; round++) {
      for (const c of contenders) {
        const cpuBefore = c.cpuMs();
        const driven = await drive(`${c.url}${alice.http.incoming.path}`, alice.http.incoming.token, {
          concurrency: settings.concurrency,
          limit: Number.MAX_SAFE_INTEGER,
          untilMs: Date.now() + settings.durationS * 1000,
          tag: `r${round}${c.name.length}`,
          condition,
        });
        const cpuAfter = c.cpuMs();
        const m: Round = cpuBefore === undefined || cpuAfter === undefined ? driven : { ...driven, cpuMsPerPacket: Math.round(((cpuAfter - cpuBefore) / driven.packets) * 1000) / 1000 };
        if (Object.keys(m.failures).length) throw new Error(`${c.name}, round ${round}: packets failed: ${JSON.stringify(m.failures)}`);
        if (!settings.json) process.stdout.write(`  round ${round} ${c.name.padEnd(13)} ${describe(m)}\n`);
        if (!best.has(c.name) || best.get(c.name)!.perSecond < m.perSecond) best.set(c.name, m);
        if (m.cpuMsPerPacket !== undefined && !(leanest.get(c.name)! <= m.cpuMsPerPacket)) leanest.set(c.name, m.cpuMsPerPacket);
      }
    }
    const reference = best.get('reference')!;
    const ilp = best.get('ilp-connector')!;
    const ratio = Math.round((reference.perSecond / ilp.perSecond) * 100) / 100;
    const referenceCpu = leanest.get('reference');
    const ilpCpu = leanest.get('ilp-connector');
    const cpuRatio = referenceCpu && ilpCpu ? Math.round((ilpCpu / referenceCpu) * 100) / 100 : undefined;
    if (settings.json) {
      const cpu = { referenceMsPerPacket: referenceCpu, ilpConnectorMsPerPacket: ilpCpu, ratio: cpuRatio };
      process.stdout.write(`${JSON.stringify({ concurrency: settings.concurrency, durationS: settings.durationS, rounds: settings.rounds, reference, ilpConnector: ilp, ratio, cpu, aim: AIM })}\n`);
    } else {
      process.stdout.write(
        [
          `same load, ${settings.concurrency} in flight, ${settings.durationS} s per round, best of ${settings.rounds} (alice -> connector -> bob, sync ILP over HTTP, loopback)`,
          `  reference       ${describe(reference)}`,
          `  ilp-connector   ${describe(ilp)}`,
          `  ratio           ${ratio}x the packets/s (${ratio >= AIM ? 'meets' : 'BELOW'} the aim of ${AIM}x)` +
            (cpuRatio === undefined ? '' : `\n  cpu per packet  reference ${referenceCpu} ms, ilp-connector ${ilpCpu} ms (lowest round each): ${cpuRatio}x`),
          '',
        ].join('\n'),
      );
    }
  } finally {
    for (const c of contenders.reverse()) await c.stop();
    bob.closeAllConnections();
    await new Promise<void>((ok) => bob.close(() => ok()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(m: Measurement & { cpuMsPerPacket?: number }): string {
  const cpu = m.cpuMsPerPacket === undefined ? '' : `  cpu ${m.cpuMsPerPacket} ms/packet`;
  return `${String(m.perSecond).padStart(6)} packets/s  p50 ${m.p50Ms} ms  p99 ${m.p99Ms} ms${cpu}`;
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bench/connector-vs-ilp-connector: ${error.message}\n`);
    process.exitCode = 1;
  });
}
