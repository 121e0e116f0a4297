import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { conditionOf, decodePrepare, encodeFulfill, encodeReject } from '../lib/codec';
import { drive, parseSettings } from './connector-vs-ilp-connector';

test('settings: defaults, whole numbers only, unknown options named', () => {
  assert.deepEqual(parseSettings([]), { concurrency: 64, durationS: 8, warmup: 2000, rounds: 2, json: false });
  assert.deepEqual(parseSettings(['--rounds', '3', '--json', '--duration', '1']), { concurrency: 64, durationS: 1, warmup: 2000, rounds: 3, json: true });
  assert.throws(() => parseSettings(['--concurrency', '0']), /--concurrency needs a whole number of at least 1, not 0/);
  assert.throws(() => parseSettings(['--duration']), /--duration needs a whole number of at least 1, not nothing/);
  assert.throws(() => parseSettings(['--fast']), /unknown option --fast/);
});

test('drive: counts every answer, a fresh destination per Prepare, failures by kind', async () => {
  const fulfillment = new Uint8Array(32).fill(1);
  const destinations = new Set<string>();
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const prepare = decodePrepare(Buffer.concat(parts));
      destinations.add(prepare.destination);
      const n = Number(prepare.destination.split('.').pop());
      if (n % 10 === 9) res.writeHead(503).end();
      else if (n % 10 === 8) res.writeHead(200).end(encodeReject({ code: 'T04', triggeredBy: 'test.sut', message: '', data: new Uint8Array() }));
      else res.writeHead(200).end(encodeFulfill({ fulfillment, data: new Uint8Array() }));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ilp/alice`;
    const m = await drive(url, 'token', { concurrency: 4, limit: 30, untilMs: Infinity, tag: 't', condition: conditionOf(fulfillment) });
    assert.equal(m.packets, 30);
    assert.equal(destinations.size, 30);
    assert.deepEqual(m.failures, { 'HTTP 503': 3, 'Reject T04': 3 });
    assert.ok(m.p50Ms <= m.p99Ms);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

