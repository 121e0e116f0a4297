import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { Cancellation, TransportError } from '../transport';
import { postBytes, postTarget } from './post';
import { closeServer, listenOnLoopback } from './test-peers';

// Answers the first request on each connection; a second request on the same connection is cut off
// unanswered, as when a server closes an idle kept-alive socket just as the client reuses it.
let server: http.Server;
let requests = 0;
let base = '';
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

before(async () => {
  const served = new WeakSet<object>();
  server = http.createServer((request, response) => {
    requests++;
    request.resume();
    if (request.url === '/cut' || served.has(request.socket)) return void request.socket.destroy();
    if (request.url === '/hold') return; // never answers
    served.add(request.socket);
    request.on('end', () => response.end('ok'));
  });
  base = await listenOnLoopback(server);
});

after(async () => {
  agents.http.destroy();
  await closeServer(server);
});

test('a request cut off on a reused keep-alive socket is sent once more on a fresh one', async () => {
  const before = requests;
  const first = await postBytes(postTarget(`${base}/ok`), {}, new Uint8Array([1]), { agents });
  const second = await postBytes(postTarget(`${base}/ok`), {}, new Uint8Array([2]), { agents });
  assert.deepEqual([first.status, second.body.toString()], [200, 'ok']);
  assert.equal(requests - before, 3);
});

test('a request cut off on a fresh socket is not retried: unreachable', async () => {
  const before = requests;
  const fresh = { http: new http.Agent({ keepAlive: true }), https: agents.https };
  await assert.rejects(postBytes(postTarget(`${base}/cut`), {}, new Uint8Array([1]), { agents: fresh }), (e: unknown) => e instanceof TransportError && e.kind === 'unreachable');
  assert.equal(requests - before, 1);
  fresh.http.destroy();
});

test('cancelling stops a request in flight with kind aborted', async () => {
  const cancellation = new Cancellation();
  const pending = postBytes(postTarget(`${base}/hold`), {}, new Uint8Array([1]), { agents, cancellation });
  setTimeout(() => cancellation.cancel(), 20); // whether before or after the request is sent, it is stopped
  await assert.rejects(pending, (e: unknown) => e instanceof TransportError && e.kind === 'aborted');
});
