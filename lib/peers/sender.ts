/**
 * The harness's upstream side: a peer of the SUT sending it a Prepare over ILP-over-HTTP.
 *
 *   sync  (RFC 35 draft 1, deployed): POST {sut.url}{peer.incoming.path}, bearer = the peer's incoming token;
 *         the Fulfill or Reject comes back in the 200 body.
 *   async (RFC 35 draft 3): the same POST plus `Request-Id` (UUIDv4) and `Callback-Url` (this peer's harness
 *         server); the SUT answers 202, then POSTs the reply to the callback, which peer-network.ts routes here.
 *
 * Every wait is bounded by `waitMs` (the caller gives expiry + grace, scaled by the timeout multiplier). The
 * result is an Outcome, never an exception: a Reject is an answer, a 401 or a broken body a transport failure.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { decodeReply, type IlpPrepare, type IlpReply } from '../codec';
import type { Outcome } from '../targets/outcome';
import type { PeerConfig } from '../../contracts/topology';
import { OCTET_STREAM, maskedHeaders, postBytes, type HttpResult } from './http-wire';
import { packetJson } from './packet-json';
import type { ScenarioScript } from './scenario-script';

/** One reply the SUT delivered to a harness callback endpoint, and the status the harness answered. */
export interface CallbackRecord {
  readonly at: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly raw: Uint8Array;
  readonly reply?: IlpReply;
  readonly decodeError?: string;
  readonly answeredStatus: number;
}

/** Registers the async exchange so the callback endpoint can find it (peer-network.ts implements it). */
export interface CallbackDesk {
  expectCallback(peer: string, requestId: string, script: ScenarioScript): CallbackWaiter;
}

export interface CallbackWaiter {
  /** Every callback for this Request-Id, in arrival order (keeps growing after `first` resolves). */
  readonly records: CallbackRecord[];
  /** The first callback, or undefined when `timeoutMs` passes (or the scenario ends) first. */
  first(timeoutMs: number): Promise<CallbackRecord | undefined>;
}

export interface SendRequest {
  readonly from: PeerConfig;
  readonly sutUrl: string;
  /** The bytes to POST (normally encodePrepare(prepare); forged bytes for malformed-packet probes). */
  readonly bytes: Uint8Array;
  /** The Prepare the bytes encode, when they encode one (for the transcript and expiry timing). */
  readonly prepare?: IlpPrepare;
  /** Bound for the whole exchange, callback included. */
  readonly waitMs: number;
  readonly script: ScenarioScript;
  /** Default: the peer's topology mode. */
  readonly mode?: 'sync' | 'async';
  /** Replace the Authorization header: a string is sent as-is, null sends none (HTTP-002 probes). */
  readonly authorization?: string | null;
  /** Extra or replacement headers (lower-case names); a null value removes a default header. */
  readonly headers?: Readonly<Record<string, string | null>>;
}

export interface SentPrepare {
  readonly from: string;
  readonly mode: 'sync' | 'async';
  readonly raw: Uint8Array;
  readonly prepare?: IlpPrepare;
  readonly sentAt: number;
  /** Wall-clock time the sender had its answer (or gave up): with sentAt, the exchange's window on one clock. */
  readonly settledAt: number;
  readonly requestId?: string;
  readonly callbackUrl?: string;
  /** The SUT's HTTP response to the POST, when one came. */
  readonly response?: HttpResult;
  /** Async: all callbacks for this Request-Id (live: later duplicates are appended). */
  readonly callbacks: readonly CallbackRecord[];
  readonly outcome: Outcome;
  /** No HTTP-level answer at all: refused, connect timed out, or reset/closed before any response (circuit breaker). */
  readonly connectFailure?: boolean;
}

export interface SenderContext extends CallbackDesk {
  readonly agent: http.Agent;
  /** Where the SUT should deliver async replies for `peer`. */
  callbackUrlFor(peer: string): string;
}

export async function sendPrepare(ctx: SenderContext, request: SendRequest): Promise<SentPrepare> {
  const sent = await exchange(ctx, request);
  return { ...sent, settledAt: Date.now() };
}

async function exchange(ctx: SenderContext, request: SendRequest): Promise<Omit<SentPrepare, 'settledAt'>> {
  const { from, script } = request;
  const mode = request.mode ?? from.http.mode;
  const url = `${request.sutUrl}${from.http.incoming.path}`;
  const headers: Record<string, string> = {
    'content-type': OCTET_STREAM,
    accept: OCTET_STREAM,
    authorization: `Bearer ${from.http.incoming.token}`,
  };
  let requestId: string | undefined;
  let callbackUrl: string | undefined;
  let waiter: CallbackWaiter | undefined;
  if (mode === 'async') {
    requestId = randomUUID();
    callbackUrl = ctx.callbackUrlFor(from.name);
    headers['request-id'] = requestId;
    headers['callback-url'] = callbackUrl;
    waiter = ctx.expectCallback(from.name, requestId, script);
  }
  if (request.authorization === null) delete headers.authorization;
  else if (request.authorization !== undefined) headers.authorization = request.authorization;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }

  script.transcript.record({
    direction: 'sent',
    channel: from.name,
    label: `${request.prepare ? 'ILP Prepare' : 'request body'} to the SUT (HTTP POST ${from.http.incoming.path}, ${mode})`,
    bytes: request.bytes,
    ...(request.prepare ? { decoded: packetJson(request.prepare), expiresAt: request.prepare.expiresAt } : {}),
    headers: maskedHeaders(headers),
  });
  const sentAt = Date.now();
  const base = {
    from: from.name,
    mode,
    raw: request.bytes,
    sentAt,
    ...(request.prepare ? { prepare: request.prepare } : {}),
    ...(requestId ? { requestId } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
    callbacks: waiter?.records ?? [],
  };
  const expiresAt = request.prepare?.expiresAt;

  const attempt = await postBytes(url, headers, request.bytes, request.waitMs, ctx.agent);
  if (!attempt.ok) {
    script.transcript.record({ direction: 'note', channel: from.name, label: `no HTTP response: ${attempt.reason}`, ...(expiresAt ? { expiresAt } : {}) });
    const outcome: Outcome = attempt.timedOut
      ? { kind: 'timed-out', afterMs: attempt.elapsedMs }
      : { kind: 'transport-failure', reason: attempt.reason, elapsedMs: attempt.elapsedMs };
    return { ...base, outcome, ...(attempt.connectFailure ? { connectFailure: true } : {}) };
  }
  const response: HttpResult = attempt;
  if (attempt.retriedStaleConnection) {
    script.transcript.note(`${from.name}: the first attempt met a keep-alive connection the SUT had closed while idle; sent again on a fresh one`);
  }
  script.transcript.record({
    direction: 'received',
    channel: from.name,
    label: `HTTP ${response.status} from the SUT`,
    bytes: response.body,
    headers: response.headers,
    ...(expiresAt ? { expiresAt } : {}),
  });

  if (mode === 'async' && response.status === 202 && waiter) {
    const remaining = Math.max(0, request.waitMs - (Date.now() - sentAt));
    const callback = await waiter.first(remaining);
    if (!callback) {
      return { ...base, response, outcome: { kind: 'timed-out', afterMs: Date.now() - sentAt } };
    }
    return { ...base, response, outcome: outcomeOfBody(callback.raw, callback.at - sentAt, 202) };
  }
  if (response.status >= 200 && response.status < 300 && response.body.length > 0) {
    const outcome = outcomeOfBody(response.body, response.elapsedMs, response.status);
    if (outcome.kind === 'fulfilled' || outcome.kind === 'rejected') {
      const packet = outcome.kind === 'fulfilled' ? outcome.fulfill : outcome.reject;
      script.transcript.record({ direction: 'received', channel: from.name, label: `decoded ILP ${outcome.kind === 'fulfilled' ? 'Fulfill' : 'Reject'}`, decoded: packetJson(packet) });
    }
    return { ...base, response, outcome };
  }
  return {
    ...base,
    response,
    outcome: {
      kind: 'transport-failure',
      reason: `HTTP ${response.status}${response.body.length ? `: ${previewText(response.body)}` : ' with an empty body'}`,
      httpStatus: response.status,
      raw: response.body,
      elapsedMs: response.elapsedMs,
    },
  };
}

/** A reply body as an Outcome: decoded leniently, so a non-canonical but readable reply still shows its code. */
export function outcomeOfBody(raw: Uint8Array, elapsedMs: number, httpStatus: number): Outcome {
  try {
    const reply = decodeReply(raw, { mode: 'lenient' });
    return reply.type === 13
      ? { kind: 'fulfilled', fulfill: { ...reply, fulfillment: Uint8Array.from(reply.fulfillment), data: Uint8Array.from(reply.data) }, raw, elapsedMs }
      : { kind: 'rejected', reject: { ...reply, data: Uint8Array.from(reply.data) }, raw, elapsedMs };
  } catch (error) {
    return { kind: 'transport-failure', reason: `body is not an ILP Fulfill or Reject: ${(error as Error).message}`, httpStatus, raw, elapsedMs };
  }
}

function previewText(body: Uint8Array): string {
  const text = Buffer.from(body.subarray(0, 200)).toString('utf8');
  return /^[\x20-\x7e\s]*$/.test(text) ? JSON.stringify(text) : `${body.length} bytes`;
}
