/**
 * The SPSP client over HTTPS (RFC 9, SPSP-001): it verifies the endpoint's certificate, trusting exactly the
 * certificate it is given (`ca`) or else the system's CAs, says which TLS session the answer came over, and
 * names why an https: query failed: a certificate it does not trust, or a server that does not speak TLS.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeTestCertificate, type TestCertificate } from '../targets/test-certificate';
import { closeServer } from './http-wire';
import { querySpsp, spspDetails } from './spsp-client';

const answer: http.RequestListener = (_req, res) => void res.writeHead(200, { 'content-type': 'application/spsp4+json' }).end(JSON.stringify({ destination_account: 'test.r.x', shared_secret: Buffer.alloc(32, 1).toString('base64') }));
let cert: TestCertificate;
let tls: https.Server;
let plain: http.Server;
const portOf = (s: http.Server | https.Server) => (s.address() as AddressInfo).port;

before(async () => {
  cert = await makeTestCertificate();
  tls = https.createServer({ key: cert.key, cert: cert.cert }, answer);
  plain = http.createServer(answer);
  await Promise.all([tls, plain].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
});
after(() => Promise.all([closeServer(tls as unknown as http.Server), closeServer(plain)]));

describe('querySpsp over https:', () => {
  it('trusts the certificate it is given, and says the answer came over TLS', async () => {
    const a = await querySpsp(`https://127.0.0.1:${portOf(tls)}/.well-known/pay`, { timeoutMs: 3000, ca: cert.cert });
    assert.ok(a.ok, a.ok ? '' : a.reason);
    assert.match(a.tls?.protocol ?? '', /^TLSv1\.[23]$/);
    assert.equal(a.tls?.subject, 'ilp-conformance test SPSP endpoint');
    assert.ok(spspDetails(a).ok);
  });

  it('refuses a certificate it was not told to trust, naming the way to trust it', async () => {
    const a = await querySpsp(`https://127.0.0.1:${portOf(tls)}/.well-known/pay`, { timeoutMs: 3000 });
    assert.equal(a.ok, false);
    assert.match(a.ok ? '' : a.reason, /^the endpoint's TLS certificate is not trusted: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\); trust a test certificate explicitly \(--receiver-ca FILE\)/);
  });

  it('names a server that answers an https: URL in plain HTTP', async () => {
    const a = await querySpsp(`https://127.0.0.1:${portOf(plain)}/.well-known/pay`, { timeoutMs: 3000, ca: cert.cert });
    assert.equal(a.ok, false);
    assert.match(a.ok ? '' : a.reason, /^no TLS at this https: endpoint: the server does not answer the TLS handshake/);
  });

  it('an http: answer carries no TLS session', async () => {
    const a = await querySpsp(`http://127.0.0.1:${portOf(plain)}/.well-known/pay`, { timeoutMs: 3000 });
    assert.ok(a.ok && a.tls === undefined);
  });
});
