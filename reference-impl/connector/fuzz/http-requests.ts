/**
 * The kinds of HTTP request the HTTP fuzz sends to the reference, and what each may be answered.
 * Most carry a fuzzed body to alice's endpoint with her token; a slice gets HTTP-level hostility: wrong,
 * missing or malformed tokens, other content types, empty, oversized and chunked bodies, requests cut off
 * mid-body, wrong paths and methods, and async (RFC 35) requests as amy with good and bad headers.
 *
 * Expected answers (fixtures/topology.json + /connector-contract): any body on a packet endpoint gets 200 and
 * an ILP reply ('ilp'); a bad token 401; above 64 KiB 413; a bad async header 400; an async Prepare 202;
 * a wrong path or method some 4xx. Never a 5xx, never silence.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { PeerConfig } from '../../../contracts/topology';
import type { FuzzCase } from './fuzz-cases';
import type { Random } from './random';

export type Expectation =
  /** 200, Content-Type application/octet-stream, a body the answer oracle accepts. */
  | { readonly kind: 'ilp' }
  /** 'ilp', or any 4xx. */
  | { readonly kind: 'ilp-or-4xx' }
  | { readonly kind: 'status'; readonly statuses: readonly number[] }
  | { readonly kind: 'any-4xx' }
  /** The client gives up mid-body; there is nothing to judge but the server's survival. */
  | { readonly kind: 'none' };

export interface RequestSpec {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly headers: http.OutgoingHttpHeaders;
  readonly body: Uint8Array;
  /** Send the body in these pieces with chunked transfer encoding instead of a Content-Length. */
  readonly chunks?: readonly Uint8Array[];
  /** Declare the whole body, send only this many bytes, then drop the connection. */
  readonly abortAfter?: number;
  /** Whether the fuzzed case bytes are the body the connector judges (for the answer oracle). */
  readonly bodyIsCase: boolean;
  readonly expect: Expectation;
}

export interface RequestContext {
  readonly alice: PeerConfig;
  readonly amy: PeerConfig;
  readonly otherToken: string;
  readonly sinkUrl: string;
}

const OCTETS = 'application/octet-stream';
const OVER_LIMIT = 64 * 1024 + 1;

type Builder = (rng: Random, c: FuzzCase, ctx: RequestContext) => RequestSpec;

const packet = (ctx: RequestContext, body: Uint8Array, headers: http.OutgoingHttpHeaders = { 'Content-Type': OCTETS }) => ({
  method: 'POST',
  path: ctx.alice.http.incoming.path,
  headers: { Authorization: `Bearer ${ctx.alice.http.incoming.token}`, ...headers },
  body,
});

const KINDS: readonly (readonly [number, string, Builder])[] = [
  [860, 'packet', (_r, c, ctx) => ({ kind: 'packet', ...packet(ctx, c.bytes), bodyIsCase: true, expect: { kind: 'ilp' } })],
  [20, 'ilp-content-type', (_r, c, ctx) => ({ kind: 'ilp-content-type', ...packet(ctx, c.bytes, { 'Content-Type': 'application/ilp+octet-stream' }), bodyIsCase: true, expect: { kind: 'ilp' } })],
  [20, 'other-content-type', (r, c, ctx) => {
    const type = r.pick(['text/plain', 'application/json', '', 'application/octet-stream; charset=binary', ';;;', 'multipart/form-data; boundary=x']);
    return { kind: 'other-content-type', ...packet(ctx, c.bytes, type ? { 'Content-Type': type } : {}), bodyIsCase: true, expect: { kind: 'ilp-or-4xx' } };
  }],
  [20, 'chunked', (r, c, ctx) => ({ kind: 'chunked', ...packet(ctx, c.bytes), chunks: split(r, c.bytes), bodyIsCase: true, expect: { kind: 'ilp' } })],
  [10, 'empty-body', (_r, _c, ctx) => ({ kind: 'empty-body', ...packet(ctx, new Uint8Array(0)), bodyIsCase: false, expect: { kind: 'ilp-or-4xx' } })],
  [10, 'wrong-token', (r, c, ctx) => {
    const token = r.pick([ctx.otherToken, `${ctx.alice.http.incoming.token}x`, ctx.alice.http.incoming.token.slice(0, -1), 'x'.repeat(5000)]);
    return { kind: 'wrong-token', ...packet(ctx, c.bytes), headers: { Authorization: `Bearer ${token}`, 'Content-Type': OCTETS }, bodyIsCase: false, expect: { kind: 'status', statuses: [401] } };
  }],
  [10, 'missing-token', (_r, c, ctx) => ({ kind: 'missing-token', ...packet(ctx, c.bytes), headers: { 'Content-Type': OCTETS }, bodyIsCase: false, expect: { kind: 'status', statuses: [401] } })],
  [5, 'malformed-authorization', (r, c, ctx) => {
    const token = ctx.alice.http.incoming.token;
    const value = r.pick([`Basic ${Buffer.from(`alice:${token}`).toString('base64')}`, 'Bearer', 'Bearer ', token, `Bearer ${token} ${token}`, `Bearer\u00a0${token}`]);
    return { kind: 'malformed-authorization', ...packet(ctx, c.bytes), headers: { Authorization: value, 'Content-Type': OCTETS }, bodyIsCase: false, expect: { kind: 'status', statuses: [401] } };
  }],
  [5, 'oversized', (r, c, ctx) => ({ kind: 'oversized', ...packet(ctx, pad(r, c.bytes)), bodyIsCase: false, expect: { kind: 'status', statuses: [413] } })],
  [3, 'oversized-chunked', (r, c, ctx) => {
    const body = pad(r, c.bytes);
    return { kind: 'oversized-chunked', ...packet(ctx, body), chunks: split(r, body), bodyIsCase: false, expect: { kind: 'status', statuses: [413] } };
  }],
  [7, 'aborted', (r, c, ctx) => {
    const body = c.bytes.length > 1 ? c.bytes : r.bytes(r.between(2, 200));
    return { kind: 'aborted', ...packet(ctx, body), abortAfter: r.below(body.length), bodyIsCase: false, expect: { kind: 'none' } };
  }],
  [5, 'wrong-path', (r, c, ctx) => {
    const path = r.pick(['/ilp/nobody', `${ctx.alice.http.incoming.path}/x`, `${ctx.alice.http.incoming.path}/callback/x`, '/', '/ILP/alice', `${ctx.alice.http.incoming.path}%00`]);
    return { kind: 'wrong-path', ...packet(ctx, c.bytes), path, bodyIsCase: false, expect: { kind: 'any-4xx' } };
  }],
  [5, 'wrong-method', (r, c, ctx) => {
    const method = r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    return { kind: 'wrong-method', ...packet(ctx, method === 'GET' ? new Uint8Array(0) : c.bytes), method, bodyIsCase: false, expect: { kind: 'any-4xx' } };
  }],
  [10, 'async', (_r, c, ctx) => ({
    kind: 'async',
    method: 'POST',
    path: ctx.amy.http.incoming.path,
    headers: { Authorization: `Bearer ${ctx.amy.http.incoming.token}`, 'Content-Type': OCTETS, 'Request-Id': randomUUID(), 'Callback-Url': ctx.sinkUrl },
    body: c.bytes,
    bodyIsCase: false,
    expect: { kind: 'status', statuses: [202] },
  })],
  [5, 'async-bad-headers', (r, c, ctx) => {
    const headers: http.OutgoingHttpHeaders = { Authorization: `Bearer ${ctx.amy.http.incoming.token}`, 'Content-Type': OCTETS };
    const flaw = r.below(4);
    if (flaw !== 0) headers['Request-Id'] = flaw === 1 ? 'not-a-uuid' : randomUUID();
    if (flaw !== 2) headers['Callback-Url'] = flaw === 3 ? r.pick(['ftp://127.0.0.1/x', 'not a url', '/relative']) : ctx.sinkUrl;
    return { kind: 'async-bad-headers', method: 'POST', path: ctx.amy.http.incoming.path, headers, body: c.bytes, bodyIsCase: false, expect: { kind: 'status', statuses: [400] } };
  }],
];

export const REQUEST_KINDS: readonly string[] = KINDS.map(([, name]) => name);

/** The request for fuzz case `c`; `rng` is the request's own stream, so bodies stay the same whatever the kind. */
export function requestFor(rng: Random, c: FuzzCase, ctx: RequestContext): RequestSpec {
  const build = rng.weighted(KINDS.map(([w, , b]) => [w, b] as const));
  const spec = build(rng, c, ctx);
  // A fuzzed body above the limit (data-length 65535) is refused where a body is read at all.
  const readsBody = spec.expect.kind === 'ilp' || spec.expect.kind === 'ilp-or-4xx' || spec.kind === 'async';
  const tooLarge = spec.body.length >= OVER_LIMIT && readsBody;
  return tooLarge ? { ...spec, bodyIsCase: false, expect: { kind: 'status', statuses: [413] } } : spec;
}

function split(rng: Random, body: Uint8Array): Uint8Array[] {
  if (body.length < 2) return [body];
  const pieces = rng.between(2, 5);
  const cuts = [...new Set(Array.from({ length: pieces - 1 }, () => rng.between(1, body.length - 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, body.length]) {
    out.push(body.subarray(at, cut));
    at = cut;
  }
  return out;
}

/** The case bytes followed by random bytes up to somewhere between 64 KiB + 1 and 200 KiB. */
function pad(rng: Random, bytes: Uint8Array): Uint8Array {
  const out = rng.bytes(rng.between(OVER_LIMIT, 200 * 1024));
  out.set(bytes.subarray(0, out.length));
  return out;
}
