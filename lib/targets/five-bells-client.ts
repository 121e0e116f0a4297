/**
 * The harness's client for a ledger speaking the Five Bells Ledger API (five-bells-ledger 21), answering in
 * the native API's types (lib/targets/ledger-dialect.ts) so the ledger steps run unchanged. Every reply is
 * checked against fixtures/schemas/five-bells before it is translated (lib/targets/five-bells-wire.ts).
 * Auth is HTTP Basic with the account's name and password, on the notification socket too: the suite's
 * per-holder token is the password it gives the account when it opens it. Refusals keep the ledger's own
 * status and error identifier (NotFoundError, UnmetConditionError, ...).
 */

import type { LedgerAccount, LedgerAccountRequest, LedgerFulfillment, LedgerMessage, LedgerMetadata, LedgerTransfer, LedgerTransferRequest } from '../../contracts/ledger-api';
import type { Transcript } from '../evidence/transcript';
import type { LedgerApiClient } from './ledger-dialect';
import { fiveBellsAmountLimit, type AmountLimit } from './ledger-amount-limit';
import { describeFetchError, limitFrom, openSubscription, safeJson, shorten, abbreviate, type FrameReading, type LedgerReply, type RefusalClass, type NotificationStream } from './ledger-http';
import { fiveBellsSchemaProblems, type FiveBellsSchemaName } from './five-bells-schemas';
import { encodeFulfillment } from './five-bells-conditions';
import * as wire from './five-bells-wire';

export interface FiveBellsClientOptions {
  readonly baseUrl: string;
  /** The admin account's name (default "admin"); the admin token is its password. */
  readonly adminUser?: string;
  readonly adminToken: string;
  /** The ledger's ILP prefix, for the address a rejection names as its origin. */
  readonly ilpPrefix?: string;
  readonly transcript?: Transcript;
  readonly timeoutMs?: number;
  /**
   * `basic` (default): HTTP Basic on every request, which makes the ledger hash the password each time;
   * `jwt`: a token from GET /auth_token (asked for once per account, with Basic), sent as Bearer.
   */
  readonly auth?: 'basic' | 'jwt';
  /**
   * How a rejection message travels (five-bells-wire.ts RejectionCarrier): `error-data` (default) for the
   * ledger profile and ILPv4 payments across ledgers; `ilpv1-error` for an ILPv1 connector, whose rejection
   * is the ILPv1 Error itself (features/legacy/connector-ilpv1.feature).
   */
  readonly rejectionCarrier?: wire.RejectionCarrier;
}

type Expect = FiveBellsSchemaName | 'fulfillment-text' | 'no-body';

export class FiveBellsClient implements LedgerApiClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  /** Password -> account name: which account a token opens. */
  private readonly accounts = new Map<string, string>();
  /** Password -> the JWT the ledger gave for it (auth: jwt). */
  private readonly jwts = new Map<string, Promise<string | undefined>>();

  private readonly carrier: wire.RejectionCarrier;

  constructor(private readonly options: FiveBellsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.carrier = options.rejectionCarrier ?? 'error-data';
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.accounts.set(options.adminToken, options.adminUser ?? 'admin');
  }

  async metadata(): Promise<LedgerReply<LedgerMetadata>> {
    return map(await this.call<FiveBellsMetadata>('GET', '/', undefined, undefined, 'metadata'), (m) => ({
      currency_code: m.currency_code,
      ...(m.currency_symbol === undefined ? {} : { currency_symbol: m.currency_symbol }),
      scale: m.scale,
      ilp_prefix: m.ilp_prefix,
      // Five Bells lists connector accounts by name only; the address is the ledger's (prefix + name).
      connectors: m.connectors.map((c) => ({ name: c.name, ilp_address: `${m.ilp_prefix}${c.name}` })),
      ...(m.urls.websocket === undefined ? {} : { urls: { websocket: m.urls.websocket } }),
      ...(m.version === undefined ? {} : { version: m.version }),
    }));
  }

  /** Five Bells states `precision` (total significant digits) beside `scale`; no max_amount (ledger-amount-limit.ts). */
  async amountLimit(): Promise<LedgerReply<AmountLimit>> {
    return limitFrom(await this.call<FiveBellsMetadata>('GET', '/', undefined, undefined, 'metadata'), (m) => fiveBellsAmountLimit(m.precision, m.scale));
  }

  async createAccount(adminToken: string | undefined, name: string, body: LedgerAccountRequest): Promise<LedgerReply<LedgerAccount>> {
    this.options.transcript?.addSecret(body.token);
    this.accounts.set(body.token, name);
    const request = { name, password: body.token, ...(body.balance === undefined ? {} : { balance: body.balance }), ...(body.minimum_allowed_balance === undefined ? {} : { minimum_allowed_balance: body.minimum_allowed_balance }) };
    return map(await this.call<FiveBellsAccountView>('PUT', `/accounts/${encodeURIComponent(name)}`, adminToken, request, 'account'), toNativeAccount);
  }

  async getAccount(token: string | undefined, name: string): Promise<LedgerReply<LedgerAccount>> {
    return map(await this.call<FiveBellsAccountView>('GET', `/accounts/${encodeURIComponent(name)}`, token, undefined, 'account'), toNativeAccount);
  }

  async prepareTransfer(token: string | undefined, id: string, body: LedgerTransferRequest): Promise<LedgerReply<LedgerTransfer>> {
    return map(await this.call<wire.FiveBellsTransfer>('PUT', `/transfers/${id}`, token, wire.toFiveBellsTransfer(this.baseUrl, id, body), 'transfer'), (t) => wire.toNativeTransfer(t, this.carrier));
  }

  async getTransfer(token: string | undefined, id: string): Promise<LedgerReply<LedgerTransfer>> {
    return map(await this.call<wire.FiveBellsTransfer>('GET', `/transfers/${id}`, token, undefined, 'transfer'), (t) => wire.toNativeTransfer(t, this.carrier));
  }

  /** Presents a preimage as a PREIMAGE-SHA-256 fulfillment (text/plain); a string is read as base64url preimage bytes. */
  async fulfill(token: string | undefined, id: string, preimage: Uint8Array | string): Promise<LedgerReply<LedgerFulfillment>> {
    const bytes = typeof preimage === 'string' ? Buffer.from(preimage, 'base64url') : preimage;
    return this.fulfillment(await this.call<string>('PUT', `/transfers/${id}/fulfillment`, token, encodeFulfillment(bytes), 'fulfillment-text'), id);
  }

  async getFulfillment(token: string | undefined, id: string): Promise<LedgerReply<LedgerFulfillment>> {
    return this.fulfillment(await this.call<string>('GET', `/transfers/${id}/fulfillment`, token, undefined, 'fulfillment-text'), id);
  }

  /** Five Bells has no lookup by condition; scenarios that need one carry @needs-fulfillment-lookup and are skipped. */
  fulfillmentByCondition(): Promise<LedgerReply<LedgerFulfillment>> {
    throw new Error('Harness error: the Five Bells Ledger API has no fulfillment lookup by condition; tag the scenario @needs-fulfillment-lookup');
  }

  /**
   * Rejects as the receiver with an ILP error object, then reads the transfer back (the rejection reply is the
   * error object alone). With the `ilpv1-error` carrier `message` must be an ILPv1 Error the API can carry
   * (one forwardedBy address at most; five-bells-ilpv1-rejection.ts notCarried), or this throws.
   */
  async reject(token: string | undefined, id: string, message?: Uint8Array): Promise<LedgerReply<LedgerTransfer>> {
    const who = token === undefined ? undefined : this.accounts.get(token);
    const rejection = wire.toFiveBellsRejection(`${this.options.ilpPrefix ?? ''}${who ?? 'unknown'}`, message, this.carrier);
    const reply = await this.call<unknown>('PUT', `/transfers/${id}/rejection`, token, rejection, 'rejection');
    if (reply.kind !== 'ok') return reply;
    return this.getTransfer(token, id);
  }

  /** Five Bells answers 201 with the message it delivered; the native API's answer has no body. */
  async sendMessage(token: string | undefined, message: LedgerMessage): Promise<LedgerReply<undefined>> {
    return map(await this.call<unknown>('POST', '/messages', token, wire.toFiveBellsMessage(this.baseUrl, message), 'message'), () => undefined);
  }

  async subscribe(token: string | undefined, accounts: readonly string[], websocketUrl?: string): Promise<LedgerReply<NotificationStream>> {
    return openSubscription({
      url: websocketUrl ?? `${this.baseUrl.replace(/^http/, 'ws')}/websocket`,
      headers: this.basic(token),
      transcript: this.options.transcript,
      timeoutMs: this.timeoutMs,
      params: { eventType: '*', accounts: accounts.map((a) => wire.accountUri(this.baseUrl, a)) },
      read: (frame) => readFiveBellsFrame(frame, this.carrier),
      awaitGreeting: true,
    });
  }

  private fulfillment(reply: LedgerReply<string>, id: string): LedgerReply<LedgerFulfillment> {
    if (reply.kind !== 'ok') return reply;
    const native = wire.toNativeFulfillment(id, reply.body);
    if (typeof native === 'string') return { kind: 'invalid-response', status: reply.status, problem: native, body: reply.body, elapsedMs: reply.elapsedMs };
    return { ...reply, body: native };
  }

  /** Basic, or with auth: jwt the account's Bearer token (Basic when the ledger would not give one: that request then shows why). */
  private async authorization(token: string | undefined): Promise<Record<string, string>> {
    if (token === undefined || this.options.auth !== 'jwt') return this.basic(token);
    let jwt = this.jwts.get(token);
    if (!jwt) {
      jwt = this.call<{ token: string }>('GET', '/auth_token', token, undefined, 'auth-token', true).then((r) => (r.kind === 'ok' ? r.body.token : undefined));
      this.jwts.set(token, jwt);
    }
    const value = await jwt;
    if (value === undefined) return this.basic(token);
    this.options.transcript?.addSecret(value);
    return { authorization: `Bearer ${value}` };
  }

  private basic(token: string | undefined): Record<string, string> {
    if (token === undefined) return {};
    this.options.transcript?.addSecret(token);
    const user = this.accounts.get(token) ?? 'unknown';
    const basic = Buffer.from(`${user}:${token}`).toString('base64');
    this.options.transcript?.addSecret(basic);
    return { authorization: `Basic ${basic}` };
  }

  private async call<T>(method: string, path: string, token: string | undefined, body: unknown, expect: Expect, basic = false): Promise<LedgerReply<T>> {
    const started = Date.now();
    const credentials = basic ? this.basic(token) : await this.authorization(token);
    const headers: Record<string, string> = { accept: expect === 'fulfillment-text' ? 'text/plain' : 'application/json', ...credentials };
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'text/plain' : 'application/json';
    const transcript = this.options.transcript;
    transcript?.record({ direction: 'sent', channel: 'ledger', label: `HTTP ${method} ${path}`, headers, decoded: shorten(body) });
    let status: number;
    let contentType: string;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      text = await response.text();
    } catch (error) {
      const reason = describeFetchError(error, this.timeoutMs);
      transcript?.record({ direction: 'received', channel: 'ledger', label: `no answer to ${method} ${path}`, decoded: reason });
      return { kind: 'transport-failure', reason, elapsedMs: Date.now() - started };
    }
    const reply = interpretFiveBells<T>(status, contentType, text, expect, Date.now() - started);
    transcript?.record({
      direction: 'received',
      channel: 'ledger',
      label: `HTTP ${status} for ${method} ${path} (${reply.elapsedMs} ms)`,
      decoded: reply.kind === 'invalid-response' ? { problem: reply.problem, body: abbreviate(text, 2000) } : shorten(safeJson(text)),
    });
    return reply;
  }
}

interface FiveBellsMetadata {
  currency_code: string;
  currency_symbol?: string;
  scale: number;
  precision: number;
  ilp_prefix: string;
  version?: string;
  connectors: Array<{ name: string }>;
  urls: { websocket?: string };
}

interface FiveBellsAccountView {
  name: string;
  balance: string;
  minimum_allowed_balance?: string;
}

/** Five Bells shows no amount on hold, no owner, no address and no connector flag: they stay absent. */
function toNativeAccount(a: FiveBellsAccountView): LedgerAccount {
  const minimum = a.minimum_allowed_balance;
  return { name: a.name, balance: wire.plainDecimal(a.balance), ...(minimum === undefined ? {} : { minimum_allowed_balance: minimum === '-infinity' ? minimum : wire.plainDecimal(minimum) }) } as LedgerAccount;
}

function map<A, B>(reply: LedgerReply<A>, f: (a: A) => B): LedgerReply<B> {
  return reply.kind === 'ok' ? { ...reply, body: f(reply.body) } : reply;
}

/**
 * Five Bells error identifiers (its API docs) that name a class of refusal the steps ask for. The status is
 * not enough: Five Bells answers a changed transfer under a used id with 400 InvalidModificationError, its
 * word for the conflict the native API answers with 409. Identifiers not listed are refusals of no class.
 */
const REFUSAL_OF_ERROR_ID: Readonly<Record<string, RefusalClass>> = {
  UnauthorizedError: 'not permitted',
  ForbiddenError: 'not permitted',
  NotFoundError: 'not found',
  TransferNotFoundError: 'not found',
  InvalidModificationError: 'a conflict',
};

export function interpretFiveBells<T>(status: number, contentType: string, text: string, expect: Expect, elapsedMs: number): LedgerReply<T> {
  const invalid = (problem: string): LedgerReply<T> => ({ kind: 'invalid-response', status, problem, body: text, elapsedMs });
  const success = status >= 200 && status < 300;
  if (!success && (status < 400 || status > 599)) return invalid(`status ${status} is neither 2xx nor 4xx/5xx`);
  if (success && expect === 'no-body') return text.length === 0 ? { kind: 'ok', status, body: undefined as T, elapsedMs } : invalid(`expected no body, got ${text.length} characters`);
  if (success && expect === 'fulfillment-text') {
    return /^[A-Za-z0-9_-]+$/.test(text) ? { kind: 'ok', status, body: text as T, elapsedMs } : invalid('body is not a base64url crypto-condition fulfillment');
  }
  // Five Bells' authentication layer (passport) answers 401 in plain text, not with an error object.
  if (status === 401 && /^text\/plain\b/i.test(contentType)) return { kind: 'refused', status, error: { id: 'Unauthorized', message: text }, elapsedMs, refusal: 'unauthenticated' };
  if (!/^application\/json\b/i.test(contentType)) return invalid(`Content-Type ${JSON.stringify(contentType)} is not application/json`);
  const parsed = safeJson(text);
  if (typeof parsed !== 'object' || parsed === null) return invalid('body is not a JSON object');
  const schema: FiveBellsSchemaName = success ? (expect as FiveBellsSchemaName) : 'error';
  const problems = fiveBellsSchemaProblems(schema, parsed);
  if (problems) return invalid(`body does not match five-bells/${schema}.schema.json: ${problems}`);
  if (success) return { kind: 'ok', status, body: parsed as T, elapsedMs };
  const e = parsed as { id: string; message: string };
  const refusal = REFUSAL_OF_ERROR_ID[e.id];
  return { kind: 'refused', status, error: { id: e.id, message: e.message }, elapsedMs, ...(refusal ? { refusal } : {}) };
}

/** One Five Bells socket frame, checked against five-bells/rpc-frame.schema.json, in native form. */
export function readFiveBellsFrame(frame: unknown, carrier: wire.RejectionCarrier = 'error-data'): FrameReading {
  const problems = frame === undefined ? 'frame is not JSON' : fiveBellsSchemaProblems('rpc-frame', frame);
  if (problems) return { kind: 'problem', problem: `frame does not match five-bells/rpc-frame.schema.json: ${problems}` };
  const f = frame as { id: number | null; method?: string; params?: Parameters<typeof wire.toNativeNotification>[0]; result?: unknown; error?: { code: number; message: string } };
  if (f.method === 'notify' && f.params) {
    const n = wire.toNativeNotification(f.params, carrier);
    if (typeof n === 'string') return { kind: 'problem', problem: n };
    return n === undefined ? { kind: 'ignored' } : { kind: 'notification', notification: n };
  }
  if (f.method === undefined && typeof f.id === 'number') {
    return { kind: 'answer', id: f.id, answer: f.error ? { kind: 'error', code: f.error.code, message: f.error.message } : { kind: 'result', result: f.result } };
  }
  return f.method === 'connect' ? { kind: 'greeting' } : { kind: 'ignored' };
}

