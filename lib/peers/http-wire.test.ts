import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listen, maskedHeaders, postBytes } from './http-wire';

test('a request reset on a reused keep-alive connection is sent once more on a fresh one', async () => {
  const served = new WeakSet<Socket>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    if (served.has(req.socket)) {
      req.socket.destroy(); // the server "closed the idle connection" as the request arrived
      return;
    }
    served.add(req.socket);
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  const port = await listen(server, '127.0.0.1', 0, 'test');
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const url = `http://127.0.0.1:${port}/`;
    const first = await postBytes(url, {}, new Uint8Array([1]), 2000, agent);
    assert.ok(first.ok && !first.retriedStaleConnection);
    const second = await postBytes(url, {}, new Uint8Array([2]), 2000, agent);
    assert.ok(second.ok, JSON.stringify(second));
    assert.equal(second.ok && second.retriedStaleConnection, true);
    assert.equal(requests, 3);
  } finally {
    agent.destroy();
    await closeServer(server);
  }
});

test('a reset on a fresh connection is reported, not retried', async () => {
  let requests = 0;
  const server = http.createServer((req) => {
    requests += 1;
    req.socket.destroy();
  });
  const port = await listen(server, '127.0.0.1', 0, 'test');
  try {
    const attempt = await postBytes(`http://127.0.0.1:${port}/`, {}, new Uint8Array([1]), 2000);
    assert.equal(attempt.ok, false);
    assert.equal(requests, 1);
  } finally {
    await closeServer(server);
  }
});

test('Authorization is masked to its scheme in recorded headers', () => {
  assert.deepEqual(maskedHeaders({ Authorization: 'Bearer secret-token', 'Content-Type': 'application/octet-stream' }), {
    authorization: 'Bearer ***',
    'content-type': 'application/octet-stream',
  });
});
