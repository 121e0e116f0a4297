/**
 * A TLS certificate made for one run, so the bundled reference receiver can serve its SPSP endpoint over HTTPS
 * (RFC 9: SPSP messages are exchanged over HTTPS; SPSP-001) and the harness can verify it: a self-signed P-256
 * certificate for 127.0.0.1 and localhost, valid for two days, made by the machine's `openssl` (node:crypto
 * makes keys but no certificates). The harness trusts exactly this certificate for that one endpoint (the `ca`
 * of its queries); certificate verification stays on everywhere.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM private key (for the server only). */
  readonly key: string;
  /** PEM certificate: the server's, and the one certificate the harness trusts for it. */
  readonly cert: string;
}

export class TestCertificateError extends Error {
  override readonly name = 'TestCertificateError';
}

const OPENSSL_WAIT_MS = 15_000;

export async function makeTestCertificate(openssl = 'openssl'): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'ilp-spsp-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    await new Promise<void>((resolve, reject) => {
      execFile(openssl, [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=ilp-conformance test SPSP endpoint', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout', keyFile, '-out', certFile,
      ], { timeout: OPENSSL_WAIT_MS }, (error, _stdout, stderr) => {
        if (!error) return resolve();
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `"${openssl}" is not on PATH` : error.killed ? `it did not finish within ${OPENSSL_WAIT_MS} ms` : String(stderr).trim().split('\n').at(-1) || error.message;
        reject(new TestCertificateError(`cannot make the test certificate for the SPSP endpoint over HTTPS with openssl: ${why}`));
      });
    });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
