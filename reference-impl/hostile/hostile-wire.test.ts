/**
 * The harness's sending client (lib/peers/http-wire.ts postBytes) against every hostile mode, in-process:
 * each exchange ends inside its bound with a reason naming the misbehaviour, the 100 MB body is cut off at
 * the size limit without being buffered, and afterwards the hostile server holds no connection and this
 * process no socket.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Socket } from 'node:net';
import { MAX_BODY_BYTES, postBytes } from '../../lib/peers/http-wire';
import { HOSTILE_MODE_NAMES, HUGE_BODY_BYTES, startHostileServer, type HostileMode, type HostileServer } from './hostile-server';

const BOUND_MS = 1500;

/** What each misbehaviour must be called in the failure reason. */
export const EXPECTED_REASON: Record<HostileMode, RegExp> = {
  hang: /no HTTP response within \d+ ms/,
  drip: /response body incomplete after \d+ ms \(\d+ bytes received; the body stalled or drips\)/,
  garbage: /not an ILP Fulfill or Reject|^HTTP 200 ok$/,
  reset: /connection reset \(ECONNRESET\)/,
  huge: /response body exceeds 1048576 bytes/,
  empty: /^HTTP 200 ok$/,
  close: /closed the connection before answering/,
  error500: /^HTTP 500 ok$/,
  'slow-headers': /response headers incomplete after \d+ ms/,
};

let hostile: HostileServer;
before(async () => {
  hostile = await startHostileServer({ mode: 'hang' });
});
after(async () => {
  await hostile.close();
});

/** TCP sockets open in this process (both ends of every loopback connection live here). */
function sockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof Socket && h.remotePort !== undefined).length;
}

/** An attempt for a failure message, with a body shown by its size: printing 100 MB would stall the test. */
function brief(attempt: Awaited<ReturnType<typeof postBytes>>): string {
  return attempt.ok ? `HTTP ${attempt.status} with a ${attempt.body.length}-byte body after ${attempt.elapsedMs} ms` : `failed: ${attempt.reason}`;
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

for (const mode of HOSTILE_MODE_NAMES) {
  test(`hostile mode ${mode}: bounded, reason names it, no socket left`, { timeout: 30_000 }, async () => {
    const agent = new http.Agent({ keepAlive: true });
    const socketsBefore = sockets();
    const started = Date.now();
    const attempt = await postBytes(`${hostile.url}/${mode}/ilp/alice`, { 'content-type': 'application/octet-stream' }, new Uint8Array([12, 0]), BOUND_MS, agent);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < BOUND_MS + 1000, `${mode}: took ${elapsed} ms against a bound of ${BOUND_MS} ms`);
    const reason = attempt.ok ? `HTTP ${attempt.status} ok` : attempt.reason;
    assert.match(reason, EXPECTED_REASON[mode], `${mode}: ${reason}`);
    if (mode === 'garbage') assert.ok(attempt.ok && attempt.body.length > 0);
    if (mode === 'empty') assert.ok(attempt.ok && attempt.body.length === 0);
    if (mode === 'reset' || mode === 'close') assert.ok(!attempt.ok && attempt.connectFailure, `${mode} counts as a connection failure`);
    if (mode === 'hang' || mode === 'drip' || mode === 'huge' || mode === 'slow-headers') assert.ok(!attempt.ok && !attempt.connectFailure, `${mode} is not a connection failure`);
    agent.destroy();
    assert.ok(await waitFor(() => hostile.openConnections() === 0, 2000), `${mode}: the hostile server still holds ${hostile.openConnections()} connection(s)`);
    assert.ok(await waitFor(() => sockets() <= socketsBefore, 2000), `${mode}: ${sockets() - socketsBefore} socket(s) left open in the harness`);
  });
}

test('the 100 MB body: reading stops at the limit, memory stays bounded', { timeout: 30_000 }, async () => {
  const agent = new http.Agent({ keepAlive: false });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const attempt = await postBytes(`${hostile.url}/huge/ilp/alice`, {}, new Uint8Array([12]), 10_000, agent).finally(() => {
    clearInterval(sampler);
    agent.destroy();
  });
  assert.ok(!attempt.ok && /response body exceeds/.test(attempt.reason), brief(attempt));
  // Far less than the 100 MB on offer was sent before the harness hung up (socket buffers, not the body).
  assert.ok(hostile.hugeBytesWritten() < HUGE_BODY_BYTES / 2, `server wrote ${hostile.hugeBytesWritten()} bytes`);
  assert.ok(peak - rssBefore < 40 * 1024 * 1024, `rss grew by ${Math.round((peak - rssBefore) / 1048576)} MiB reading the 100 MB body (limit ${MAX_BODY_BYTES} bytes)`);
});

test('a refused port is a connection failure, reported at once', async () => {
  const closed = await startHostileServer();
  const url = closed.url;
  await closed.close();
  const attempt = await postBytes(`${url}/ilp/alice`, {}, new Uint8Array([12]), BOUND_MS);
  assert.ok(!attempt.ok && attempt.connectFailure && /connection refused/.test(attempt.reason), brief(attempt));
});
