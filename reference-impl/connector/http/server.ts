/**
 * The connector's ILP-over-HTTP server (node:http, keep-alive). For each peer, at base path + the peer's
 * incoming path:
 *   POST <path>           a Prepare from that peer;
 *   POST <path>/callback  an async peer's reply to a Prepare we sent it.
 * Every request must carry `Authorization: Bearer <peer's incoming token>`; otherwise 401 and nothing is
 * read or processed (HTTP-002). Bodies up to 64 KiB are read (a maximal Prepare is ~33 KB); above -> 413.
 * Content-Type is not checked: application/octet-stream, application/ilp+octet-stream (ilp-plugin-http)
 * or none; any body gets an ILP answer, and one that is no Prepare gets an F01 Reject.
 *
 * Sync peers get 200 with the Fulfill or Reject as body (Rejects too, HTTP-014). Async peers get 202 at
 * once (HTTP-008) and the reply later at their Callback-Url (reply-sender.ts); a missing or invalid
 * Request-Id or Callback-Url -> 400. The callback endpoint answers 200, or 400 for a Request-Id that is
 * unknown or already answered (HTTP-010), and never relays a reply twice.
 */
import http from 'node:http';
import { encodePacket } from '../../../lib/codec';
import type { IlpReply } from '../../../lib/codec/types';
import type { PeerConfig } from '../../../contracts/topology';
import type { Connector } from '../connector';
import { NO_FAULTS, type WithFaults } from '../faults';
import { BodyTooLargeError, readBody } from './body';
import { hasBearerToken, isUuidV4 } from './headers';
import type { PendingReplies } from './pending-replies';
import type { ReplySender } from './reply-sender';

export interface IlpHttpServerOptions extends WithFaults {
  readonly peers: readonly PeerConfig[];
  readonly connector: Connector;
  readonly pending: PendingReplies;
  readonly replies: ReplySender;
  /** Path of the SUT's base URL ('' for none); peer paths are appended to it. */
  readonly basePath?: string;
  readonly log?: (line: string) => void;
}

const IDLE_CONNECTION_TIMEOUT_MS = 120_000;

interface Endpoint {
  readonly peer: PeerConfig;
  readonly kind: 'packet' | 'callback';
}

export function createIlpHttpServer(opts: IlpHttpServerOptions): http.Server {
  const faults = opts.faults ?? NO_FAULTS;
  const endpoints = new Map<string, Endpoint>();
  for (const peer of opts.peers) {
    const path = `${opts.basePath ?? ''}${peer.http.incoming.path}`;
    endpoints.set(path, { peer, kind: 'packet' });
    endpoints.set(`${path}/callback`, { peer, kind: 'callback' });
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (error instanceof BodyTooLargeError) return answer(response, 413, error.message, true);
      opts.log?.(`http error on ${request.method} ${pathOf(request.url)}: ${error.message}`);
      if (!response.headersSent) answer(response, 500, 'internal error');
      else response.destroy();
    });
  });
  // Idle keep-alive connections are kept a long time: every close of an idle socket is a chance for a client
  // to reuse it at that very moment and see a reset (clients with a plain keep-alive agent never time out
  // idle sockets themselves). The connections are ours to close on shutdown anyway.
  server.keepAliveTimeout = IDLE_CONNECTION_TIMEOUT_MS;
  return server;

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const endpoint = endpoints.get(pathOf(request.url));
    if (!endpoint) return discard(request, response, 404, 'no such endpoint');
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return discard(request, response, 405, 'only POST is served here');
    }
    const { peer } = endpoint;
    // FAULT accept-any-token: no authentication.
    if (!hasBearerToken(request.headers.authorization, peer.http.incoming.token) && !faults.has('accept-any-token')) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return discard(request, response, 401, 'invalid authorization');
    }
    if (endpoint.kind === 'callback') return onCallback(peer, request, response);
    if (peer.http.mode === 'async') return onAsyncPrepare(peer, request, response);
    const body = await readBody(request);
    // FAULT empty-body-server-error: an empty body is answered 500. FAULT drop-garbage-request: no answer at all.
    if (body.length === 0 && faults.has('empty-body-server-error')) return answer(response, 500, 'internal error');
    if (body.length > 0 && (body[0]! < 12 || body[0]! > 14) && faults.has('drop-garbage-request')) return void response.socket?.destroy();
    const { bytes, reply } = await process(peer, body);
    // FAULT reject-as-http-error: a Reject comes back with HTTP 400.
    const status = reply.type === 14 && faults.has('reject-as-http-error') ? 400 : 200;
    // FAULT sync-reply-wrong-media-type.
    const mediaType = faults.has('sync-reply-wrong-media-type') ? 'text/plain' : 'application/octet-stream';
    response.writeHead(status, { 'Content-Type': mediaType, 'Content-Length': bytes.length });
    response.end(bytes);
  }

  async function onAsyncPrepare(peer: PeerConfig, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const requestId = header(request, 'request-id');
    const callbackUrl = header(request, 'callback-url');
    if (!isUuidV4(requestId)) return discard(request, response, 400, 'Request-Id must be a UUIDv4');
    if (!isHttpUrl(callbackUrl)) return discard(request, response, 400, 'Callback-Url must be an absolute http(s) URL');
    const body = await readBody(request);
    // FAULT async-answer-200: 200 instead of 202.
    answer(response, faults.has('async-answer-200') ? 200 : 202, '');
    const { bytes, expiresAt } = await process(peer, body);
    await opts.replies.send(callbackUrl, peer.http.outgoing.token, requestId, bytes, expiresAt);
    // FAULT deliver-reply-twice: the same reply once more.
    if (faults.has('deliver-reply-twice')) await opts.replies.send(callbackUrl, peer.http.outgoing.token, requestId, bytes, expiresAt);
  }

  async function onCallback(peer: PeerConfig, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const requestId = header(request, 'request-id');
    if (!isUuidV4(requestId)) return discard(request, response, 400, 'Request-Id must be a UUIDv4');
    const body = await readBody(request);
    if (!opts.pending.deliver(peer.name, requestId, body)) {
      // FAULT accept-duplicate-callback: 200 for an unknown or repeated Request-Id.
      if (faults.has('accept-duplicate-callback')) return answer(response, 200, '');
      return answer(response, 400, 'unknown or already answered Request-Id');
    }
    answer(response, 200, '');
  }

  async function process(peer: PeerConfig, body: Uint8Array): Promise<{ bytes: Uint8Array; reply: IlpReply; expiresAt?: Date }> {
    const { reply, prepare } = await opts.connector.handle(peer, body);
    // Canonical bytes always; lenient only lets a relayed Reject keep an empty triggeredBy it came with.
    let bytes = encodePacket(reply, { mode: 'lenient' });
    // FAULT non-canonical-length: the packet's length prefix one byte longer than needed.
    if (faults.has('non-canonical-length')) bytes = lengthenEnvelope(bytes);
    return { bytes, reply, expiresAt: prepare?.expiresAt };
  }
}

/** FAULT non-canonical-length: type byte, then the same length written with one more (leading zero) byte. */
function lengthenEnvelope(packet: Uint8Array): Uint8Array {
  const first = packet[1]!;
  const lengthBytes = first < 0x80 ? 0 : first & 0x7f;
  const length = lengthBytes === 0 ? [first] : [...packet.subarray(2, 2 + lengthBytes)];
  const head = [packet[0]!, 0x80 | (length.length + 1), 0, ...length];
  return Buffer.concat([Buffer.from(head), packet.subarray(2 + lengthBytes)]);
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const query = raw.indexOf('?');
  return query === -1 ? raw : raw.slice(0, query);
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isHttpUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Answers without reading the body; the rest of it is drained so the connection can be reused. */
function discard(request: http.IncomingMessage, response: http.ServerResponse, status: number, text: string): void {
  request.resume();
  answer(response, status, text);
}

function answer(response: http.ServerResponse, status: number, text: string, closeConnection = false): void {
  if (response.headersSent) return;
  const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) };
  if (closeConnection) headers.Connection = 'close';
  response.writeHead(status, headers);
  response.end(text);
}
