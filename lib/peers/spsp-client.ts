/**
 * The harness as an SPSP client (RFC 9 draft 14): one query, bounded, that never throws. What came back is
 * kept whole (status, headers, body) for the judge; what went wrong below SPSP gets a named reason:
 * no answer within the bound, a redirect loop or too many redirects, a body that is HTML or not JSON.
 * http: and https: URLs (RFC 9 requires HTTPS, SPSP-001: the bundled receiver serves it with a certificate made
 * for the run, which the caller passes as `ca`; certificate verification is never turned off). An answer over
 * TLS says so (`tls`), for the judge and the transcript.
 */
import http from 'node:http';
import https from 'node:https';
import { TLSSocket } from 'node:tls';
import { maskedHeaders, type HeaderRecord } from './http-wire';

export const SPSP_ACCEPT = 'application/spsp4+json, application/spsp+json';
export const MAX_REDIRECTS = 5;
const MAX_SPSP_BODY = 64 * 1024;

export type SpspBodyProblem = 'html' | 'invalid-json' | 'not-an-object';

export type SpspAnswer =
  | {
      readonly ok: true;
      readonly url: string;
      readonly status: number;
      readonly headers: HeaderRecord;
      readonly body: string;
      /** The parsed body when it is a JSON object. */
      readonly json?: Readonly<Record<string, unknown>>;
      readonly bodyProblem?: SpspBodyProblem;
      readonly redirects: readonly string[];
      readonly elapsedMs: number;
      /** The TLS session the final answer came over (https: only; it verified, or there would be no answer). */
      readonly tls?: SpspTls;
    }
  | { readonly ok: false; readonly url: string; readonly reason: string; readonly redirects: readonly string[]; readonly elapsedMs: number };

export interface SpspTls {
  readonly protocol: string;
  readonly cipher: string;
  /** The certificate's subject common name. */
  readonly subject?: string;
}

export interface SpspQueryOptions {
  readonly timeoutMs: number;
  /** PEM certificate(s) to trust for https: endpoints instead of the system's (a test certificate). */
  readonly ca?: string;
  readonly method?: 'GET' | 'OPTIONS';
  readonly accept?: string | null;
}

export async function querySpsp(url: string, options: SpspQueryOptions): Promise<SpspAnswer> {
  const started = Date.now();
  const redirects: string[] = [];
  let current = url;
  for (;;) {
    const left = options.timeoutMs - (Date.now() - started);
    const one = await getOnce(current, options, left);
    const elapsedMs = Date.now() - started;
    if (!one.ok) return { ok: false, url, reason: one.reason, redirects, elapsedMs };
    const location = one.headers.location;
    if (one.status >= 300 && one.status < 400 && location) {
      const next = new URL(location, current).toString();
      if (redirects.includes(next) || next === url) return { ok: false, url, reason: `redirect loop: ${[url, ...redirects, next].join(' -> ')}`, redirects, elapsedMs };
      redirects.push(next);
      if (redirects.length > MAX_REDIRECTS) return { ok: false, url, reason: `more than ${MAX_REDIRECTS} redirects`, redirects, elapsedMs };
      current = next;
      continue;
    }
    return { ok: true, url: current, status: one.status, headers: one.headers, body: one.body, ...parseBody(one.body), redirects, elapsedMs, ...(one.tls ? { tls: one.tls } : {}) };
  }
}

function parseBody(body: string): { json?: Record<string, unknown>; bodyProblem?: SpspBodyProblem } {
  if (/^\s*<(!doctype|html|\?xml|head|body)/i.test(body)) return { bodyProblem: 'html' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { bodyProblem: 'invalid-json' };
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? { json: parsed as Record<string, unknown> } : { bodyProblem: 'not-an-object' };
}

type Once = { ok: true; status: number; headers: HeaderRecord; body: string; tls?: SpspTls } | { ok: false; reason: string };

function getOnce(url: string, options: SpspQueryOptions, timeoutMs: number): Promise<Once> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ ok: false, reason: `not a URL: ${JSON.stringify(url)}` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return resolve({ ok: false, reason: `an SPSP endpoint is an http(s) URL, not ${target.protocol}` });
    if (timeoutMs <= 0) return resolve({ ok: false, reason: `no SPSP answer within ${options.timeoutMs} ms` });
    const headers: Record<string, string> = options.accept === null ? {} : { accept: options.accept ?? SPSP_ACCEPT };
    const secure = target.protocol === 'https:';
    const req = (secure ? https : http).request(target, { method: options.method ?? 'GET', headers, agent: false, ...(secure && options.ca ? { ca: options.ca } : {}) });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ ok: false, reason: `no SPSP answer within ${options.timeoutMs} ms (the endpoint hangs)` });
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_SPSP_BODY) {
          clearTimeout(timer);
          req.destroy();
          resolve({ ok: false, reason: `SPSP body above ${MAX_SPSP_BODY} bytes; stopped reading` });
        } else chunks.push(c);
      });
      const socket = res.socket;
      const tls = socket instanceof TLSSocket ? { protocol: socket.getProtocol() ?? 'unknown', cipher: socket.getCipher().name, ...subjectOf(socket) } : undefined;
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ ok: true, status: res.statusCode ?? 0, headers: maskedHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8'), ...(tls ? { tls } : {}) });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        resolve({ ok: false, reason: `SPSP response broke off: ${e.message}` });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: secure ? tlsReason(e) : `SPSP request failed: ${e.message}` });
    });
    req.end();
  });
}

/** Why an https: query failed, named for TLS where TLS is the reason. */
function tlsReason(e: NodeJS.ErrnoException): string {
  const first = e.message.split('\n')[0]!;
  const notTls = /wrong version number|packet length too long|http request/i.exec(first);
  if (notTls) return `no TLS at this https: endpoint: the server does not answer the TLS handshake, it speaks plain HTTP perhaps (OpenSSL: ${notTls[0]})`;
  if (/cert|self[- ]signed|issuer|altname|verify/i.test(`${e.code ?? ''} ${first}`)) return `the endpoint's TLS certificate is not trusted: ${first} (${e.code ?? 'no code'}); trust a test certificate explicitly (--receiver-ca FILE), never by turning verification off`;
  return `SPSP request failed: ${first}`;
}

function subjectOf(socket: TLSSocket): { subject?: string } {
  const cn = socket.getPeerCertificate()?.subject?.CN;
  return typeof cn === 'string' && cn ? { subject: cn } : {};
}

/** The payment details an answer holds, or why it holds none. */
export type SpspDetails =
  | { readonly ok: true; readonly destinationAccount: string; readonly sharedSecret: Buffer; readonly secretEncoding: 'base64' | 'base64url' }
  | { readonly ok: false; readonly reason: string };

export function spspDetails(answer: SpspAnswer): SpspDetails {
  if (!answer.ok) return { ok: false, reason: answer.reason };
  if (answer.bodyProblem) return { ok: false, reason: `SPSP body is ${answer.bodyProblem === 'html' ? 'HTML, not JSON' : answer.bodyProblem === 'invalid-json' ? 'not valid JSON' : 'JSON but not an object'} (HTTP ${answer.status}, Content-Type ${answer.headers['content-type'] ?? 'none'})` };
  const { destination_account: destination, shared_secret: secret } = answer.json ?? {};
  if (typeof destination !== 'string') return { ok: false, reason: `destination_account is ${destination === undefined ? 'missing' : `not a string (${JSON.stringify(destination)})`}` };
  if (typeof secret !== 'string') return { ok: false, reason: `shared_secret is ${secret === undefined ? 'missing' : `not a string (${JSON.stringify(secret)})`}` };
  const encoding = /^[A-Za-z0-9+/]*={0,2}$/.test(secret) && secret.length % 4 === 0 ? 'base64' : /^[A-Za-z0-9_-]*={0,2}$/.test(secret) ? 'base64url' : undefined;
  if (!encoding) return { ok: false, reason: `shared_secret ${JSON.stringify(secret.slice(0, 60))} is neither base64 nor base64url` };
  return { ok: true, destinationAccount: destination, sharedSecret: Buffer.from(secret, encoding), secretEncoding: encoding };
}
