/**
 * The SPSP client against endpoints that misbehave: each gets a named reason within its bound, and the
 * client never throws (HTML, invalid JSON, a JSON array, a redirect loop, a hang, a refused port).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { querySpsp, spspDetails } from './spsp-client';
import { closeServer } from './http-wire';

const SECRET = Buffer.alloc(32, 3);
let server: http.Server;
let base: string;

before(async () => {
  server = http.createServer((req, res) => {
    switch (req.url) {
      case '/good': return void res.writeHead(200, { 'content-type': 'application/spsp4+json' }).end(JSON.stringify({ destination_account: 'test.r.x', shared_secret: SECRET.toString('base64'), extra: 1 }));
      case '/url-secret': return void res.writeHead(200, { 'content-type': 'application/spsp4+json' }).end(JSON.stringify({ destination_account: 'test.r.x', shared_secret: SECRET.toString('base64url') }));
      case '/html': return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Pay me</body></html>');
      case '/broken': return void res.writeHead(200, { 'content-type': 'application/spsp4+json' }).end('{"destination_account": ');
      case '/array': return void res.writeHead(200, { 'content-type': 'application/json' }).end('[1,2]');
      case '/no-secret': return void res.writeHead(200, { 'content-type': 'application/spsp4+json' }).end('{"destination_account":"test.r.x"}');
      case '/loop-a': return void res.writeHead(302, { location: '/loop-b' }).end();
      case '/loop-b': return void res.writeHead(302, { location: '/loop-a' }).end();
      case '/hang': return; // never answers
      default: return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => closeServer(server));

describe('querySpsp and spspDetails', () => {
  it('read a good answer, ignoring unknown fields', async () => {
    const d = spspDetails(await querySpsp(`${base}/good`, { timeoutMs: 1000 }));
    assert.ok(d.ok);
    assert.deepEqual(d.sharedSecret, SECRET);
    assert.equal(d.secretEncoding, 'base64');
  });

  it('read a base64url secret and say so', async () => {
    const d = spspDetails(await querySpsp(`${base}/url-secret`, { timeoutMs: 1000 }));
    assert.ok(d.ok && d.secretEncoding === 'base64url' && d.sharedSecret.equals(SECRET));
  });

  const bad: [string, RegExp][] = [
    ['/html', /HTML, not JSON/],
    ['/broken', /not valid JSON/],
    ['/array', /JSON but not an object/],
    ['/no-secret', /shared_secret is missing/],
    ['/loop-a', /redirect loop: .*loop-a -> .*loop-b -> .*loop-a/],
  ];
  for (const [path, reason] of bad) {
    it(`name the problem of ${path}`, async () => {
      const d = spspDetails(await querySpsp(`${base}${path}`, { timeoutMs: 1000 }));
      assert.ok(!d.ok);
      assert.match(d.reason, reason);
    });
  }

  it('give up on a hanging endpoint within the bound', async () => {
    const started = Date.now();
    const a = await querySpsp(`${base}/hang`, { timeoutMs: 300 });
    assert.ok(!a.ok && /within 300 ms \(the endpoint hangs\)/.test(a.reason));
    assert.ok(Date.now() - started < 1500);
  });

  it('report a refused connection', async () => {
    const a = await querySpsp('http://127.0.0.1:1/x', { timeoutMs: 500 });
    assert.ok(!a.ok && /SPSP request failed/.test(a.reason));
  });
});
