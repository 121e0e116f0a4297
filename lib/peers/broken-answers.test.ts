import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { cutOffLength, resetMidResponse } from './broken-answers';
import { closeServer, listen } from './http-wire';

test('cutOffLength keeps half of the reply and always leaves at least one byte out', () => {
  assert.equal(cutOffLength(new Uint8Array(35)), 17);
  assert.equal(cutOffLength(new Uint8Array(2)), 1);
  assert.equal(cutOffLength(new Uint8Array(1)), 0);
  assert.equal(cutOffLength(new Uint8Array(0)), 0);
});

test('a client sees the 200 and its headers, part of the body, then a reset', async () => {
  const reply = new Uint8Array(35).fill(7);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => resetMidResponse(res, reply, 20));
  });
  const port = await listen(server, '127.0.0.1', 0, 'test');
  try {
    const seen = await new Promise<{ status?: number; length?: string; bytes: number; error?: string }>((resolve) => {
      const out: { status?: number; length?: string; bytes: number; error?: string } = { bytes: 0 };
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', agent: false }, (response) => {
        out.status = response.statusCode;
        out.length = response.headers['content-length'];
        response.on('data', (chunk: Buffer) => (out.bytes += chunk.length));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ ...out, error: error.code ?? error.message }));
        response.on('end', () => resolve(out));
      });
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ ...out, error: error.code ?? error.message }));
      request.end('x');
    });
    assert.equal(seen.status, 200);
    assert.equal(seen.length, '35');
    assert.equal(seen.bytes, 17);
    assert.equal(seen.error, 'ECONNRESET');
  } finally {
    await closeServer(server);
  }
});
