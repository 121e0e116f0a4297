/**
 * `ilp-conformance run` against the hostile server, end to end (the CLI in a child process):
 *
 * 1. Mixed: nine scenarios that each send alice's one Prepare, while the server hands each request the next
 *    misbehaviour. The run ends inside a computed bound with "not conformant" (exit 1): every scenario failed
 *    or errored, each with a reason naming the misbehaviour it met, and every misbehaviour was met.
 * 2. Circuit breaker: the server accepts TCP (so the probe passes) and resets every request. With
 *    --max-unreachable 2, two scenarios fail, the rest error at once with "circuit open", the run is
 *    incomplete (exit 3) and the server saw exactly two requests.
 * Both end with the hostile server holding no connection.
 *
 * Each run gets its own topology copy with free peer ports, so the runs can overlap each other and other tests.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from '../../bin/commands/spawn-cli';
import { DEFAULT_TOPOLOGY_PATH } from '../../contracts/topology';
import { freePort } from '../../lib/testing/free-port';
import { HOSTILE_MODE_NAMES, startHostileServer, type HostileMode, type HostileServer } from './hostile-server';

/** Nine scenarios, each sending exactly one Prepare from alice and judging alice's answer first. */
const MIXED = ['ROUTE-002', 'ERR-011', 'COND-002', 'ADDR-008', 'ERR-005', 'HTTP-014', 'DCP-006', 'AMT-005'];
/** Expiry (4 s) + grace (1 s) at timeout multiplier 1: the longest any one exchange may take. */
const EXCHANGE_BOUND_MS = 5000;
/** Starting node, loading the steps and writing the reports, on a loaded CI machine. */
const RUN_OVERHEAD_MS = 60_000;

/** How the report must name each misbehaviour (the failure's Actual line, or the error). */
const REASON: Record<HostileMode, RegExp> = {
  hang: /no answer after \d+ ms/,
  drip: /response body incomplete after \d+ ms/,
  garbage: /body is not an ILP Fulfill or Reject/,
  reset: /connection reset \(ECONNRESET\)/,
  huge: /response body exceeds 1048576 bytes/,
  empty: /HTTP 200 with an empty body/,
  close: /closed the connection before answering/,
  error500: /HTTP 500/,
  'slow-headers': /response headers incomplete after \d+ ms/,
};

interface ReportScenario {
  readonly name: string;
  readonly status: string;
  readonly level: string;
  readonly message?: string;
}

let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'hostile-run-'));
});

const servers: HostileServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** fixtures/topology.json with every harness peer on a free port. */
async function topologyCopy(name: string): Promise<string> {
  const topology = JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')) as { $schema?: string; peers: Array<{ http: { outgoing: { url: string } } }> };
  delete topology.$schema;
  for (const peer of topology.peers) {
    const url = new URL(peer.http.outgoing.url);
    url.port = String(await freePort());
    peer.http.outgoing.url = url.toString();
  }
  const path = join(work, `${name}-topology.json`);
  writeFileSync(path, JSON.stringify(topology));
  return path;
}

async function runAgainst(name: string, target: string, extra: string[], boundMs: number) {
  const out = join(work, name);
  const args = ['run', '--target', target, '--topology', await topologyCopy(name), '--profile', 'connector', '--out', out, '--no-allure-html', ...extra];
  const started = Date.now();
  const result = await spawnCli(args, '', boundMs);
  const elapsedMs = Date.now() - started;
  const report = JSON.parse(readFileSync(join(realpathSync(join(out, 'latest')), 'conformance.json'), 'utf8')) as {
    verdict: { result: string; incompleteCause?: string; reasons: string[] };
    scenarios: ReportScenario[];
  };
  return { ...result, elapsedMs, report };
}

async function drained(server: HostileServer): Promise<boolean> {
  const end = Date.now() + 3000;
  while (server.openConnections() > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return server.openConnections() === 0;
}

// The two runs overlap: each is mostly waiting (on the hostile server, or on node starting up).
describe('ilp-conformance run against a hostile SUT', { concurrency: 2 }, () => {
  test('hostile SUT, every misbehaviour in one run: bounded, exit 1, each scenario names what it met', { timeout: 200_000 }, async () => {
    const server = await startHostileServer({ mode: 'cycle' });
    servers.push(server);
    // Nine exchanges at most, one at a time, each within its bound; startup and reports on top.
    const bound = HOSTILE_MODE_NAMES.length * EXCHANGE_BOUND_MS + RUN_OVERHEAD_MS;
    const run = await runAgainst('mixed', server.url, ['--capabilities', 'http-sync,ildcp', '--requirement', ...MIXED], bound);
    const listing = run.report.scenarios.map((s) => `${s.status} ${s.name}: ${s.message ?? ''}`).join('\n');
    assert.equal(run.code, 1, `exit code; stderr: ${run.err}\n${run.out.slice(-2000)}`);
    assert.equal(run.report.verdict.result, 'not-conformant');
    assert.ok(run.elapsedMs < bound, `took ${run.elapsedMs} ms, bound ${bound} ms`);
    assert.doesNotMatch(run.err, /\bat .*\.ts:\d+/, 'no stack trace on stderr');
    assert.equal(run.report.scenarios.length, HOSTILE_MODE_NAMES.length, listing);
    const met = new Set<HostileMode>();
    for (const s of run.report.scenarios) {
      // A SHOULD scenario's failure is a warning (ERR-005); every one of them must not have passed.
      assert.ok(s.status === 'failed' || s.status === 'warning' || s.status === 'errored', `${s.name} ended ${s.status}`);
      const modes = HOSTILE_MODE_NAMES.filter((m) => REASON[m].test(s.message ?? ''));
      assert.ok(modes.length > 0, `${s.name}: the reason names no misbehaviour: ${s.message}`);
      modes.forEach((m) => met.add(m));
    }
    assert.deepEqual([...met].sort(), [...HOSTILE_MODE_NAMES].sort(), `every misbehaviour shows in some reason:\n${listing}`);
    assert.deepEqual(Object.keys(server.served).sort(), [...HOSTILE_MODE_NAMES].sort(), 'the server handed out every mode');
    assert.ok(await drained(server), `the hostile server still holds ${server.openConnections()} connection(s) after the run`);
  });

  test('circuit breaker: a target that resets every request stops the run after N scenarios, exit 3', { timeout: 200_000 }, async () => {
    const server = await startHostileServer({ mode: 'reset' });
    servers.push(server);
    const bound = 2 * EXCHANGE_BOUND_MS + RUN_OVERHEAD_MS;
    const run = await runAgainst('breaker', server.url, ['--max-unreachable', '2', '--requirement', 'ROUTE-002', 'ERR-011', 'COND-002', 'ADDR-008', 'ERR-005'], bound);
    assert.equal(run.code, 3, `exit code; stderr: ${run.err}\n${run.out.slice(-2000)}`);
    assert.ok(run.elapsedMs < bound, `took ${run.elapsedMs} ms, bound ${bound} ms`);
    assert.equal(run.report.verdict.result, 'incomplete');
    assert.equal(run.report.verdict.incompleteCause, 'unreachable');
    assert.match(run.report.verdict.reasons.join(' '), /target unreachable after 2 consecutive connection failures/i);
    assert.match(run.out, /Target unreachable after 2 consecutive connection failures/);
    const [first, second, ...rest] = run.report.scenarios;
    for (const s of [first!, second!]) {
      assert.equal(s.status, s.level === 'must' ? 'failed' : 'warning', `${s.name}: ${s.message}`);
      assert.match(s.message ?? '', /connection reset \(ECONNRESET\)/);
    }
    assert.equal(rest.length, 3);
    for (const s of rest) {
      assert.equal(s.status, 'errored', `${s.name}: ${s.message}`);
      assert.match(s.message ?? '', /Circuit open: target unreachable after 2 consecutive connection failures \(last: connection reset/);
    }
    assert.equal(server.served.reset, 2, 'nothing was sent once the circuit opened');
    assert.ok(await drained(server), `the hostile server still holds ${server.openConnections()} connection(s) after the run`);
  });
});
