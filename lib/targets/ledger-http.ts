import WebSocket from 'ws';
import type {
  LedgerAccount,
  LedgerAccountRequest,
  LedgerErrorBody,
  LedgerFulfillment,
  LedgerMessage,
  LedgerMetadata,
  LedgerNotification,
  LedgerTransfer,
  LedgerTransferRequest,
} from '../../contracts/ledger-api';
import { schemaProblems, type LedgerSchemaName } from '../../contracts/ledger-schemas';
import type { Transcript } from '../evidence/transcript';
import { nativeAmountLimit, type AmountLimit } from './ledger-amount-limit';

/**
 * The harness's client for a ledger's HTTP API (fixtures/openapi/ledger.openapi.yaml). Every JSON body the
 * ledger sends, HTTP or WebSocket, is checked against fixtures/schemas/ledger before anything reads it:
 * a body that does not match is an `invalid-response` (a conformance failure of the ledger), never a value
 * a step goes on to trust. Nothing here throws on a refusal: a 4xx with an Error body is an answer.
 */

// ---------------------------------------------------------------------------------------------------------
// Replies

export type LedgerReply<T> =
  | { readonly kind: 'ok'; readonly status: number; readonly body: T; readonly elapsedMs: number }
  /**
   * A 4xx/5xx carrying a valid Error body. `refusal`: the class a translating dialect read from the ledger's
   * own error identifier; absent, the class is the status's (401, 403, 404, 409).
   */
  | { readonly kind: 'refused'; readonly status: number; readonly error: LedgerErrorBody; readonly elapsedMs: number; readonly refusal?: RefusalClass }
  /** The ledger answered, but not as the API says (schema mismatch, wrong status class, not JSON). */
  | { readonly kind: 'invalid-response'; readonly status: number; readonly problem: string; readonly body: string; readonly elapsedMs: number }
  | { readonly kind: 'transport-failure'; readonly reason: string; readonly elapsedMs: number };

/** The classes of refusal a step can ask for. */
export type RefusalClass = 'unauthenticated' | 'not permitted' | 'not found' | 'a conflict';

/** One line for "Actual: ..." in a failure message. */
export function describeLedgerReply(reply: LedgerReply<unknown>): string {
  switch (reply.kind) {
    case 'ok':
      return `HTTP ${reply.status} ${reply.body === undefined ? '(no body)' : abbreviate(JSON.stringify(reply.body), 600)}`;
    case 'refused':
      return `HTTP ${reply.status} ${reply.error.id}: ${reply.error.message}`;
    case 'invalid-response':
      return `HTTP ${reply.status} that breaks the API: ${reply.problem}; body ${abbreviate(reply.body, 400)}`;
    case 'transport-failure':
      return `no HTTP answer: ${reply.reason}`;
  }
}

export interface LedgerClientOptions {
  /** Base URL of the ledger API, e.g. http://127.0.0.1:7790 */
  readonly baseUrl: string;
  readonly transcript?: Transcript;
  /** Bound on every request and on opening a socket; default 5000 ms. */
  readonly timeoutMs?: number;
}

export type Expect = LedgerSchemaName | 'no-body';

// ---------------------------------------------------------------------------------------------------------
// The client

export class LedgerHttpClient {
  readonly baseUrl: string;
  private readonly transcript: Transcript | undefined;
  private readonly timeoutMs: number;

  constructor(options: LedgerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.transcript = options.transcript;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  metadata(): Promise<LedgerReply<LedgerMetadata>> {
    return this.call('GET', '/', undefined, undefined, 'metadata');
  }

  /** What the ledger's metadata says about the largest amounts it holds: its max_amount. */
  async amountLimit(): Promise<LedgerReply<AmountLimit>> {
    return limitFrom(await this.metadata(), nativeAmountLimit);
  }

  createAccount(adminToken: string | undefined, name: string, body: LedgerAccountRequest): Promise<LedgerReply<LedgerAccount>> {
    this.transcript?.addSecret(body.token);
    return this.call('PUT', `/accounts/${encodeURIComponent(name)}`, adminToken, body, 'account');
  }

  getAccount(token: string | undefined, name: string): Promise<LedgerReply<LedgerAccount>> {
    return this.call('GET', `/accounts/${encodeURIComponent(name)}`, token, undefined, 'account');
  }

  prepareTransfer(token: string | undefined, id: string, body: LedgerTransferRequest): Promise<LedgerReply<LedgerTransfer>> {
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}`, token, body, 'transfer');
  }

  getTransfer(token: string | undefined, id: string): Promise<LedgerReply<LedgerTransfer>> {
    return this.call('GET', `/transfers/${encodeURIComponent(id)}`, token, undefined, 'transfer');
  }

  /** Presents a preimage; given bytes are sent as unpadded base64url, a string is sent as it is. */
  fulfill(token: string | undefined, id: string, preimage: Uint8Array | string): Promise<LedgerReply<LedgerFulfillment>> {
    const fulfillment = typeof preimage === 'string' ? preimage : Buffer.from(preimage).toString('base64url');
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}/fulfillment`, token, { fulfillment }, 'fulfillment');
  }

  getFulfillment(token: string | undefined, id: string): Promise<LedgerReply<LedgerFulfillment>> {
    return this.call('GET', `/transfers/${encodeURIComponent(id)}/fulfillment`, token, undefined, 'fulfillment');
  }

  fulfillmentByCondition(token: string | undefined, condition: string): Promise<LedgerReply<LedgerFulfillment>> {
    return this.call('GET', `/fulfillments/${encodeURIComponent(condition)}`, token, undefined, 'fulfillment');
  }

  reject(token: string | undefined, id: string, message?: Uint8Array): Promise<LedgerReply<LedgerTransfer>> {
    const body = message === undefined ? {} : { message: Buffer.from(message).toString('base64') };
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}/rejection`, token, body, 'transfer');
  }

  sendMessage(token: string | undefined, message: LedgerMessage): Promise<LedgerReply<undefined>> {
    return this.call('POST', '/messages', token, message, 'no-body');
  }

  /**
   * Opens the notification socket and follows `accounts`. Resolves once the ledger has confirmed the
   * subscription, so nothing the caller does afterwards can be missed; a refused subscription or a socket
   * that never opens comes back as a reply, with the socket closed.
   */
  async subscribe(token: string | undefined, accounts: readonly string[], websocketUrl?: string): Promise<LedgerReply<NotificationStream>> {
    const url = websocketUrl ?? `${this.baseUrl.replace(/^http/, 'ws')}/websocket`;
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    return openSubscription({ url, headers, transcript: this.transcript, timeoutMs: this.timeoutMs, params: { accounts: [...accounts] }, read: readNativeFrame });
  }

  private async call<T>(method: string, path: string, token: string | undefined, body: unknown, expect: Expect): Promise<LedgerReply<T>> {
    const started = Date.now();
    const elapsed = () => Date.now() - started;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) {
      headers.authorization = `Bearer ${token}`;
      this.transcript?.addSecret(token);
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.transcript?.record({ direction: 'sent', channel: 'ledger', label: `HTTP ${method} ${path}`, headers, decoded: shorten(body) });
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason = describeFetchError(error, this.timeoutMs);
      this.transcript?.record({ direction: 'received', channel: 'ledger', label: `no answer to ${method} ${path}`, decoded: reason });
      return { kind: 'transport-failure', reason, elapsedMs: elapsed() };
    }
    const reply = interpret<T>(response.status, response.headers.get('content-type') ?? '', text, expect, elapsed());
    this.transcript?.record({
      direction: 'received',
      channel: 'ledger',
      label: `HTTP ${response.status} for ${method} ${path} (${reply.elapsedMs} ms)`,
      decoded: reply.kind === 'invalid-response' ? { problem: reply.problem, body: abbreviate(text, 2000) } : shorten(safeJson(text)),
    });
    return reply;
  }
}

export function interpret<T>(status: number, contentType: string, text: string, expect: Expect, elapsedMs: number): LedgerReply<T> {
  const invalid = (problem: string): LedgerReply<T> => ({ kind: 'invalid-response', status, problem, body: text, elapsedMs });
  const success = status >= 200 && status < 300;
  if (!success && (status < 400 || status > 599)) return invalid(`status ${status} is neither 2xx nor 4xx/5xx`);
  if (success && expect === 'no-body') {
    return text.length === 0 ? { kind: 'ok', status, body: undefined as T, elapsedMs } : invalid(`expected no body, got ${text.length} characters`);
  }
  if (!/^application\/json\b/i.test(contentType)) return invalid(`Content-Type ${JSON.stringify(contentType)} is not application/json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid('body is not JSON');
  }
  const schema: LedgerSchemaName = success ? (expect as LedgerSchemaName) : 'error';
  const problems = schemaProblems(schema, parsed);
  if (problems) return invalid(`body does not match ${schema}.schema.json: ${problems}`);
  return success ? { kind: 'ok', status, body: parsed as T, elapsedMs } : { kind: 'refused', status, error: parsed as LedgerErrorBody, elapsedMs };
}

// ---------------------------------------------------------------------------------------------------------
// Notifications

/** How one dialect's socket is opened and read (the native API's, or a translating dialect's). */
export interface SubscriptionRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly transcript: Transcript | undefined;
  readonly timeoutMs: number;
  /** The params of the JSON-RPC `subscribe_account` request. */
  readonly params: unknown;
  readonly read: FrameReader;
  /** Wait for the ledger's greeting frame before subscribing (Five Bells reads requests only after it has sent one). */
  readonly awaitGreeting?: boolean;
}

/**
 * Opens a notification socket and subscribes. Resolves once the ledger has confirmed the subscription, so
 * nothing the caller does afterwards can be missed; a refused subscription or a socket that never opens
 * comes back as a reply, with the socket closed.
 */
export async function openSubscription(request: SubscriptionRequest): Promise<LedgerReply<NotificationStream>> {
  const started = Date.now();
  const stream = new NotificationStream(request.url, request.headers, request.transcript, request.read);
  const opened = await stream.open(request.timeoutMs);
  const elapsed = () => Date.now() - started;
  if (opened.kind === 'failed') {
    await stream.close();
    if (opened.status === undefined) return { kind: 'transport-failure', reason: opened.reason, elapsedMs: elapsed() };
    if (opened.status < 400) {
      return { kind: 'invalid-response', status: opened.status, problem: `${opened.reason}; expected 101 Switching Protocols`, body: opened.body ?? '', elapsedMs: elapsed() };
    }
    return interpret<NotificationStream>(opened.status, opened.contentType ?? '', opened.body ?? '', 'no-body', elapsed());
  }
  if (request.awaitGreeting && !(await stream.greeted(request.timeoutMs))) {
    await stream.close();
    return { kind: 'transport-failure', reason: `the socket opened but the ledger sent no greeting within ${request.timeoutMs} ms`, elapsedMs: elapsed() };
  }
  const answer = await stream.request({ method: 'subscribe_account', params: request.params }, request.timeoutMs);
  if (answer.kind === 'result') return { kind: 'ok', status: 101, body: stream, elapsedMs: elapsed() };
  await stream.close();
  if (answer.kind === 'error') {
    return { kind: 'refused', status: 101, error: { id: `JsonRpcError${answer.code}`, message: answer.message }, elapsedMs: elapsed() };
  }
  return { kind: 'transport-failure', reason: answer.reason, elapsedMs: elapsed() };
}

/** What one socket frame is, once read by a dialect. */
export type FrameReading =
  | { readonly kind: 'notification'; readonly notification: LedgerNotification }
  | { readonly kind: 'answer'; readonly id: number; readonly answer: RpcAnswer }
  | { readonly kind: 'problem'; readonly problem: string }
  | { readonly kind: 'greeting' }
  | { readonly kind: 'ignored' };

export type FrameReader = (frame: unknown) => FrameReading;

/** The native API's frames, checked against notification.schema.json. */
export function readNativeFrame(frame: unknown): FrameReading {
  const problems = frame === undefined ? 'frame is not JSON' : schemaProblems('notification', frame);
  if (problems) return { kind: 'problem', problem: problems };
  const f = frame as { id: unknown; method?: string; params?: LedgerNotification; result?: unknown; error?: { code: number; message: string } };
  if (f.method === 'notify' && f.params) return { kind: 'notification', notification: f.params };
  if (f.method === undefined && typeof f.id === 'number') {
    return { kind: 'answer', id: f.id, answer: f.error ? { kind: 'error', code: f.error.code, message: f.error.message } : { kind: 'result', result: f.result } };
  }
  return { kind: 'ignored' };
}

export type RpcAnswer =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; code: number; message: string }
  | { kind: 'no-answer'; reason: string };

/**
 * One open notification socket. Every frame is schema-checked; a frame that breaks the schema is kept in
 * `problems` (a Then-step reports it) and never delivered as a notification.
 */
export class NotificationStream {
  readonly notifications: LedgerNotification[] = [];
  readonly problems: string[] = [];
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (answer: RpcAnswer) => void>();
  private readonly waiters = new Set<() => void>();
  private closedReason: string | undefined;
  private greetingSeen = false;

  constructor(
    private readonly url: string,
    private readonly headers: Readonly<Record<string, string>>,
    private readonly transcript: Transcript | undefined,
    private readonly read: FrameReader = readNativeFrame,
  ) {}

  /** How a reply carrying this stream prints (describeLedgerReply): in words, never the socket or its token. */
  toJSON(): string {
    return `notification socket ${this.url}, subscription confirmed, ${this.notifications.length} notification(s) so far`;
  }

  open(timeoutMs: number): Promise<{ kind: 'open' } | { kind: 'failed'; reason: string; status?: number; contentType?: string; body?: string }> {
    return new Promise((resolveOpen) => {
      const socket = new WebSocket(this.url, { headers: { ...this.headers }, handshakeTimeout: timeoutMs });
      this.socket = socket;
      this.transcript?.record({ direction: 'sent', channel: 'ledger', label: `WebSocket open ${this.url}` });
      socket.on('open', () => resolveOpen({ kind: 'open' }));
      socket.on('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => undefined);
        response.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          this.transcript?.record({ direction: 'received', channel: 'ledger', label: `HTTP ${response.statusCode} instead of a WebSocket`, decoded: shorten(safeJson(body)) });
          resolveOpen({
            kind: 'failed',
            reason: `upgrade answered with HTTP ${response.statusCode}`,
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body,
          });
        });
      });
      socket.on('error', (error) => resolveOpen({ kind: 'failed', reason: `WebSocket error: ${error.message}` }));
      socket.on('message', (data) => this.onFrame(String(data)));
      socket.on('close', (code) => {
        this.closedReason = `socket closed (code ${code})`;
        for (const answer of this.pending.values()) answer({ kind: 'no-answer', reason: this.closedReason });
        this.pending.clear();
        this.wake();
      });
    });
  }

  /** Sends a JSON-RPC request and waits (bounded) for its answer. */
  request(call: { method: string; params: unknown }, timeoutMs: number): Promise<RpcAnswer> {
    const id = this.nextId++;
    const frame = { jsonrpc: '2.0', id, ...call };
    this.transcript?.record({ direction: 'sent', channel: 'ledger', label: `WebSocket ${call.method}`, decoded: frame });
    return new Promise((resolveAnswer) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolveAnswer({ kind: 'no-answer', reason: `no answer to ${call.method} within ${timeoutMs} ms` });
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolveAnswer(answer);
      });
      this.socket?.send(JSON.stringify(frame), (error) => {
        if (error) this.pending.get(id)?.({ kind: 'no-answer', reason: `could not send: ${error.message}` });
      });
    });
  }

  /** Whether the ledger's greeting frame has arrived, waiting for it up to `timeoutMs`. */
  async greeted(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.greetingSeen && this.closedReason === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.greetingSeen;
  }

  /** The first notification (already received or arriving within `timeoutMs`) that `match` accepts. */
  async waitFor(match: (n: LedgerNotification) => boolean, timeoutMs: number): Promise<LedgerNotification | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.notifications.find(match);
      if (found || this.closedReason !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((wake) => {
        const timer = setTimeout(done, left);
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          wake();
        }
        waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((closed) => {
      const timer = setTimeout(() => {
        socket.terminate();
        closed();
      }, 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        closed();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close();
    });
  }

  private onFrame(text: string): void {
    const frame = safeJson(text);
    this.transcript?.record({ direction: 'received', channel: 'ledger', label: 'WebSocket frame', decoded: shorten(frame) });
    const reading = this.read(frame);
    if (reading.kind === 'greeting') this.greetingSeen = true;
    if (reading.kind === 'problem') this.problems.push(`${reading.problem} in frame ${abbreviate(text, 300)}`);
    else if (reading.kind === 'notification') this.notifications.push(reading.notification);
    else if (reading.kind === 'answer') {
      const answer = this.pending.get(reading.id);
      this.pending.delete(reading.id);
      answer?.(reading.answer);
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

export function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message ?? 'fetch failed'} (${cause})` : String(e.message ?? error);
}

export function safeJson(text: string): unknown {
  try {
    return text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    return text;
  }
}

export function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} characters)`;
}

/** Keeps transcripts readable: long strings (a 64 KiB memo) are cut, with their length noted. */
export function shorten(value: unknown): unknown {
  if (typeof value === 'string') return abbreviate(value, 200);
  if (Array.isArray(value)) return value.map(shorten);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  }
  return value;
}

/** A metadata reply read into an AmountLimit; metadata whose limit makes no sense is an invalid response naming why. */
export function limitFrom<M>(reply: LedgerReply<M>, read: (metadata: M) => AmountLimit): LedgerReply<AmountLimit> {
  if (reply.kind !== 'ok') return reply;
  try {
    return { ...reply, body: read(reply.body) };
  } catch (error) {
    return { kind: 'invalid-response', status: reply.status, problem: error instanceof Error ? error.message : String(error), body: JSON.stringify(reply.body), elapsedMs: reply.elapsedMs };
  }
}
