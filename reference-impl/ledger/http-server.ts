import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { schemaProblems, type LedgerSchemaName } from '../../contracts/ledger-schemas';
import { type LedgerMessage } from '../../contracts/ledger-api';
import type { AccountRequest } from './accounts';
import type { Principal } from './context';
import { ERROR_HTTP, describeLedgerError, fail, ok, type LedgerError, type Result } from './errors';
import type { ReferenceLedger } from './ledger';
import type { TransferRequest } from './transfers';

/**
 * The HTTP skin of the reference ledger (fixtures/openapi/ledger.openapi.yaml): route, authenticate, read
 * and schema-check the body, call the ledger, write the answer. Every refusal is a `LedgerError` value
 * turned into a status and an Error body in one place (`sendError`).
 */

const MAX_BODY_BYTES = 256 * 1024;
// Stryker disable all: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
const ACCOUNT_NAME = /^[A-Za-z0-9_~-]{1,64}$/;
const TRANSFER_ID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const CONDITION = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

// Stryker restore all
interface Call {
  readonly request: IncomingMessage;
  readonly principal: Principal;
  readonly params: readonly string[];
  readonly body: unknown;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

interface Route {
  readonly method: 'GET' | 'PUT' | 'POST';
  /** Path segments; ':name', ':id', ':condition' capture a parameter, checked by its pattern. */
  readonly path: readonly string[];
  readonly body?: LedgerSchemaName;
  readonly handle: (call: Call) => Result<Answer>;
}

const PARAMETERS: Readonly<Record<string, RegExp>> = { ':name': ACCOUNT_NAME, ':id': TRANSFER_ID, ':condition': CONDITION };

function routes(ledger: ReferenceLedger): Route[] {
  const answer = <T>(result: Result<{ view: T; created: boolean }>): Result<Answer> =>
    result.ok ? ok({ status: result.value.created ? 201 : 200, body: result.value.view }) : result;
  const plain = <T>(result: Result<T>): Result<Answer> => (result.ok ? ok({ status: 200, body: result.value }) : result);
  const id = (call: Call) => call.params[0].toLowerCase();
  return [
    { method: 'PUT', path: ['accounts', ':name'], body: 'account-request', handle: (c) => answer(ledger.createAccount(c.principal, c.params[0], c.body as AccountRequest)) },
    { method: 'GET', path: ['accounts', ':name'], handle: (c) => plain(ledger.getAccount(c.principal, c.params[0])) },
    { method: 'PUT', path: ['transfers', ':id'], body: 'transfer-request', handle: (c) => answer(ledger.prepareTransfer(c.principal, id(c), c.body as TransferRequest)) },
    { method: 'GET', path: ['transfers', ':id'], handle: (c) => plain(ledger.getTransfer(c.principal, id(c))) },
    {
      method: 'PUT',
      path: ['transfers', ':id', 'fulfillment'],
      body: 'fulfillment-request',
      handle: (c) => answer(ledger.executeTransfer(id(c), (c.body as { fulfillment: string }).fulfillment)),
    },
    { method: 'GET', path: ['transfers', ':id', 'fulfillment'], handle: (c) => plain(ledger.getFulfillment(c.principal, id(c))) },
    {
      method: 'PUT',
      path: ['transfers', ':id', 'rejection'],
      body: 'rejection-request',
      handle: (c) => answer(ledger.rejectTransfer(c.principal, id(c), (c.body as { message?: string }).message)),
    },
    { method: 'GET', path: ['fulfillments', ':condition'], handle: (c) => plain(ledger.fulfillmentByCondition(c.params[0])) },
    {
      method: 'POST',
      path: ['messages'],
      body: 'message',
      handle: (c) => {
        const sent = ledger.sendMessage(c.principal, c.body as LedgerMessage);
        return sent.ok ? ok({ status: 204 }) : sent;
      },
    },
  ];
}

export function createLedgerHttpServer(ledger: ReferenceLedger): Server {
  const table = routes(ledger);
  const server = createServer((request, response) => {
    handle(ledger, table, request).then(
      (result) => (result.ok ? send(response, result.value.status, result.value.body) : sendError(response, result.error, ledger.ctx.faults.has('refusals-as-bad-request'))),
      // Stryker disable next-line all: defensive: no operation rejects its promise (errors are values); a broken invariant is caught in ledger.ts
      (error: unknown) => sendError(response, { kind: 'internal', message: error instanceof Error ? error.message : String(error) }, false),
    );
  });
  server.on('upgrade', (request, socket, head) => {
    // Stryker disable all: upgrades to paths other than /websocket: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
    const path = new URL(request.url ?? '/', 'http://ledger').pathname;
    if (path !== '/websocket') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Stryker restore all
    ledger.notifier.upgrade(request, socket, head, ledger.authenticate(bearerToken(request)));
  });
  return server;
}

async function handle(ledger: ReferenceLedger, table: readonly Route[], request: IncomingMessage): Promise<Result<Answer>> {
  // Stryker disable next-line StringLiteral: Node's server always sets request.url
  const url = new URL(request.url ?? '/', 'http://ledger');
  const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
  if (segments.length === 0) {
    // Stryker disable next-line all: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
    if (request.method !== 'GET') return fail({ kind: 'method-not-allowed', method: String(request.method), path: url.pathname });
    const host = request.headers.host;
    // Stryker disable next-line all: the socket's URL in the metadata: clients (the suite's too) fall back to <base>/websocket, and no RFC 17 requirement names where the socket is
    return ok({ status: 200, body: ledger.metadata(host ? `ws://${host}/websocket` : undefined) });
  }
  const shaped = table.filter((r) => r.path.length === segments.length && r.path.every((p, i) => p.startsWith(':') || p === segments[i]));
  // Stryker disable all: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
  if (shaped.length === 0) return fail({ kind: 'not-found', what: url.pathname });
  const route = shaped.find((r) => r.method === request.method);
  if (!route) return fail({ kind: 'method-not-allowed', method: String(request.method), path: url.pathname });

  const params: string[] = [];
  for (const [i, part] of route.path.entries()) {
    if (!part.startsWith(':')) continue;
    if (!PARAMETERS[part].test(segments[i])) return fail({ kind: 'invalid-uri', parameter: part.slice(1), value: segments[i] });
    params.push(segments[i]);
  }
  // Stryker restore all
  const principal = ledger.authenticate(bearerToken(request));
  const impersonate = !principal && ledger.ctx.faults.has('accept-unauthenticated'); // FAULT accept-unauthenticated
  if (!principal && !impersonate) {
    request.resume();
    return fail({ kind: 'unauthenticated' });
  }
  // Stryker disable next-line all: draining the body of a request that should have none: request hygiene, which no RFC 17 requirement pins
  if (!route.body) request.resume();
  let body: unknown;
  if (route.body) {
    const read = await readJsonBody(request);
    // Stryker disable next-line all: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
    if (!read.ok) return read;
    // FAULT sign-blind-amounts: a transfer's amount loses its minus sign before anything checks it.
    if (ledger.ctx.faults.has('sign-blind-amounts')) dropAmountSign(read.value);
    const problems = schemaProblems(route.body, read.value);
    // Stryker disable next-line all: defence in depth: the operations refuse what the schema refuses (amounts, fulfillments) on their own; the schema itself is the API's
    if (problems) return fail({ kind: 'invalid-body', problems });
    body = read.value;
  }
  // FAULT accept-unauthenticated: without a token the caller is taken to be the debit account's holder
  // Stryker disable next-line all: runs only under the fault accept-unauthenticated
  const caller: Principal = principal ?? { kind: 'account', name: String((body as { debit_account?: unknown } | undefined)?.debit_account) };
  return route.handle({ request, principal: caller, params, body });
}

function bearerToken(request: IncomingMessage): string | undefined {
  // Stryker disable next-line all: the spelling of the Authorization header (case, spaces) is the API's convention; scenarios send the canonical form
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

// Stryker disable all: request hygiene of this project's API (its 400/405/413/415 answers), which no RFC 17 requirement or catalog entry pins; http-server.test.ts checks it
function readJsonBody(request: IncomingMessage): Promise<Result<unknown>> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    request.resume();
    return Promise.resolve(fail({ kind: 'unsupported-media-type', got: type }));
  }
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('error', (error) => resolveBody(fail({ kind: 'invalid-body', problems: `could not read the body: ${error.message}` })));
    request.on('end', () => {
      if (tooLarge) return resolveBody(fail({ kind: 'payload-too-large', limitBytes: MAX_BODY_BYTES }));
      try {
        resolveBody(ok(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      } catch (error) {
        resolveBody(fail({ kind: 'invalid-body', problems: `body is not JSON (${(error as Error).message})` }));
      }
    });
  });
}

// Stryker restore all
// Stryker disable all: a path with broken percent-encoding: request hygiene, which no RFC 17 requirement pins
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Stryker restore all
function send(response: ServerResponse, status: number, body: unknown): void {
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** `classless`: FAULT refusals-as-bad-request, 401/403/409 all become 400 (the native API's classes, LAPI-001). */
function sendError(response: ServerResponse, error: LedgerError, classless: boolean): void {
  const { status: own, id } = ERROR_HTTP[error.kind];
  // Stryker disable next-line all: runs only under the fault refusals-as-bad-request
  const status = classless && [401, 403, 409].includes(own) ? 400 : own;
  // Stryker disable next-line all: the WWW-Authenticate header is HTTP's courtesy, not an RFC 17 requirement
  const headers = error.kind === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {};
  const text = JSON.stringify({ id, message: describeLedgerError(error) });
  response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

// Stryker disable all: runs only under the fault sign-blind-amounts
function dropAmountSign(body: unknown): void {
  const request = body as { amount?: unknown } | null;
  if (typeof request?.amount === 'string') request.amount = request.amount.replace(/^-/, '');
}
// Stryker restore all
