/**
 * The receiver target's SPSP endpoint over HTTPS (SPSP-001): the bundled reference is served with a certificate
 * made for the run, which the target names as the one to trust; an external receiver's CA file is read once and
 * refused with a reason when it is missing or holds no certificate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { querySpsp } from '../peers/spsp-client';
import { ReceiverTarget } from './receiver-target';

test('the bundled receiver answers SPSP over https: with the certificate the target trusts', async () => {
  const target = await ReceiverTarget.start();
  try {
    assert.match(target.spspUrl, /^https:\/\/127\.0\.0\.1:\d+\/\.well-known\/pay$/);
    assert.match(target.ilpUrl, /^http:\/\/127\.0\.0\.1:\d+\/ilp$/);
    assert.match(target.spspCa ?? '', /-----BEGIN CERTIFICATE-----/);
    const a = await querySpsp(target.spspUrl, { timeoutMs: 3000, ca: target.spspCa! });
    assert.ok(a.ok && a.status === 200 && a.tls, a.ok ? `HTTP ${a.status}` : a.reason);
  } finally {
    await target.stop();
  }
});

test('an external receiver\'s CA file: read, or refused with a reason; the bundled one takes none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'receiver-ca-'));
  const external = { spspUrl: 'https://127.0.0.1:7860/.well-known/pay', ilpUrl: 'http://127.0.0.1:7861/ilp' };
  await assert.rejects(ReceiverTarget.start({ ...external, spspCaFile: join(dir, 'missing.pem') }), /cannot read the SPSP endpoint's CA file .*missing\.pem: ENOENT/);
  writeFileSync(join(dir, 'empty.pem'), 'not a certificate\n');
  await assert.rejects(ReceiverTarget.start({ ...external, spspCaFile: join(dir, 'empty.pem') }), /holds no PEM certificate/);
  writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const target = await ReceiverTarget.start({ ...external, spspCaFile: join(dir, 'ca.pem') });
  assert.match(target.spspCa ?? '', /BEGIN CERTIFICATE/);
  await assert.rejects(ReceiverTarget.start({ spspCaFile: join(dir, 'ca.pem') }), /applies only to an external receiver/);
});
