import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openFrontDoor } from './front-door';

async function get(url: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text() };
}

test('a server asking for an internal port is mounted under its path, not bound; others bind as usual', async () => {
  const door = await openFrontDoor({ sutUrl: 'http://127.0.0.1:0', port: 0, mounts: [{ peer: 'alice', path: '/ilp/alice', internalPort: 47999 }] });
  const plugin = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => res.writeHead(201, { 'x-seen': `${req.method} ${req.url}` }).end(`got ${body}`));
  });
  const other = http.createServer((_req, res) => res.end('other'));
  try {
    await new Promise<void>((resolve) => plugin.listen(47999, resolve));
    assert.equal(plugin.listening, false, 'the internal port is never bound');
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    assert.ok((other.address() as AddressInfo).port > 0, 'other servers still bind');

    const hit = await fetch(`${door.url}/ilp/alice`, { method: 'POST', body: 'prepare', signal: AbortSignal.timeout(5000) });
    assert.equal(hit.status, 201);
    assert.equal(hit.headers.get('x-seen'), 'POST /ilp/alice', 'the request reaches the mounted server unchanged');
    assert.equal(await hit.text(), 'got prepare');
    assert.equal((await get(`${door.url}/ilp/alice/`)).status, 201, 'a trailing slash names the same account');

    const miss = await get(`${door.url}/ilp/bob`);
    assert.equal(miss.status, 404);
    assert.match(miss.body, /no account at \/ilp\/bob/);
  } finally {
    other.close();
    plugin.close();
    await door.close();
  }
  const late = http.createServer();
  await new Promise<void>((resolve) => late.listen(47999, '127.0.0.1', resolve));
  assert.equal(late.listening, true, 'closing the door restores listen: the port binds for real');
  await new Promise((resolve) => late.close(resolve));
});

test('only one front door per process, and a taken port is a clear error', async () => {
  const door = await openFrontDoor({ sutUrl: 'http://127.0.0.1:0', port: 0, mounts: [] });
  try {
    await assert.rejects(openFrontDoor({ sutUrl: 'http://127.0.0.1:0', port: 0, mounts: [] }), /already open/);
    const port = Number(new URL(door.url).port);
    await door.close();
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await assert.rejects(openFrontDoor({ sutUrl: `http://127.0.0.1:${port}`, mounts: [] }), new RegExp(`cannot listen on 127.0.0.1:${port}`));
    } finally {
      blocker.close();
    }
  } finally {
    await door.close();
  }
});
