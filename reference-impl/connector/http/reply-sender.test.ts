import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { ReplySender } from './reply-sender';
import { closeServer, listenOnLoopback } from './test-peers';

// A callback receiver that answers each call with the next scripted status (then 200); 0 = never answers.
let server: http.Server;
let base = '';
const calls: { requestId: string; authorization: string; contentType: string; body: Buffer }[] = [];
const script: number[] = [];
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
const lines: string[] = [];
const sender = (overrides = {}) =>
  new ReplySender({ agents, log: (l) => lines.push(l), attemptTimeoutMs: 100, firstPauseMs: 5, ...overrides });

before(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      calls.push({
        requestId: String(request.headers['request-id']),
        authorization: String(request.headers.authorization),
        contentType: String(request.headers['content-type']),
        body: Buffer.concat(chunks),
      });
      const status = script.shift() ?? 200;
      if (status !== 0) response.writeHead(status).end();
    });
  });
  base = await listenOnLoopback(server);
});

after(async () => {
  agents.http.destroy();
  await closeServer(server);
});

function callsFor(requestId: string) {
  return calls.filter((c) => c.requestId === requestId);
}

test('delivers with Request-Id, bearer token and octet-stream; one 200 is enough', async () => {
  await sender().send(`${base}/cb`, 'tok-1', 'id-200', new Uint8Array([13, 1]));
  assert.deepEqual(callsFor('id-200'), [{ requestId: 'id-200', authorization: 'Bearer tok-1', contentType: 'application/octet-stream', body: Buffer.from([13, 1]) }]);
});

test('retries after 5xx and after no answer, then stops at the first 2xx', async () => {
  script.push(503, 0, 500);
  await sender().send(`${base}/cb`, 't', 'id-retry', new Uint8Array([1]));
  assert.equal(callsFor('id-retry').length, 4);
});

test('a 4xx stops at once', async () => {
  script.push(400);
  await sender().send(`${base}/cb`, 't', 'id-400', new Uint8Array([1]));
  assert.equal(callsFor('id-400').length, 1);
});

test('gives up after the maximum number of attempts and says so in the log, without the token', async () => {
  script.push(503, 503, 503, 503);
  await sender({ maxAttempts: 3 }).send(`${base}/cb?x=1`, 'secret-token', 'id-max', new Uint8Array([1]));
  assert.equal(callsFor('id-max').length, 3);
  const line = lines.find((l) => l.includes('id-max'));
  assert.match(line ?? '', /not delivered: HTTP 503/);
  assert.ok(!line?.includes('secret-token') && !line?.includes('x=1'));
  script.length = 0;
});

test('no retry would start after the deadline: one attempt when the budget is shorter than the pause', async () => {
  script.push(503, 503);
  await sender({ minBudgetMs: 1, firstPauseMs: 50 }).send(`${base}/cb`, 't', 'id-deadline', new Uint8Array([1]), new Date(Date.now() - 1000));
  assert.equal(callsFor('id-deadline').length, 1);
  script.length = 0;
});

test('close() stops a delivery that is waiting to retry', async () => {
  script.push(503, 503, 503);
  const s = sender({ firstPauseMs: 60_000, minBudgetMs: 120_000 });
  const delivery = s.send(`${base}/cb`, 't', 'id-close', new Uint8Array([1]));
  while (callsFor('id-close').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  await s.close();
  await delivery;
  assert.equal(callsFor('id-close').length, 1);
  script.length = 0;
});
