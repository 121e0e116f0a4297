/**
 * The reader of the *captured* audit mode: FSPIOP messages a hub logged, read offline, then paired into
 * audit units. Two file forms (README.md beside this file says the same for operators):
 *
 * JSON lines (`.jsonl`): one message per line, UTF-8, blank lines skipped:
 *
 *   {"timestamp":"2024-11-04T12:57:45.812Z","direction":"in","method":"POST","path":"/quotes",
 *    "headers":{"fspiop-source":"payerfsp","fspiop-destination":"payeefsp","content-type":"..."},
 *    "body":{"quoteId":"...", ...}}
 *
 *   timestamp  ISO 8601 date-time with a zone, when the hub saw the message
 *   direction  "in" (the hub received it from a participant) or "out" (the hub sent it to one)
 *   method     the HTTP method, e.g. POST, PUT, GET
 *   path       the request path, e.g. /quotes, /quotes/{ID}, /transfers/{ID}/error (a full URL is accepted)
 *   headers    an object of header name to value (names compared case-insensitively)
 *   body       the JSON body: an object, or a string holding the JSON text; required for POST and PUT
 *
 * HAR (HTTP Archive 1.2, `.har`): each `log.entries[i]` is one message: `request.method`, `request.url`,
 * `request.headers` ([{name, value}]), `request.postData.text` (the JSON body), `startedDateTime` as the
 * timestamp; `response.status` is kept. A HAR says nothing of direction, so its messages have none.
 *
 * A broken line or entry (not JSON, a missing or ill-typed field, a body that is not JSON) becomes a named
 * CaptureProblem with its line number (or entry index) and the reading goes on with the rest. Pure but for
 * readCaptureFile, which reads the file.
 *
 * Pairing (pairAuditUnits): POST /quotes (body.quoteId) with PUT /quotes/{ID} or PUT /quotes/{ID}/error;
 * POST /transfers (body.transferId) with PUT /transfers/{ID} or PUT /transfers/{ID}/error. A transfer joins
 * the quote whose callback carried the same ilpPacket (FSPIOP 6.7.2.8: the payer repeats it); failing that,
 * the quote its packet's Transaction names by quoteId (6.5.2.3: the packet's data is the Transaction, which
 * carries the quoteId), so a payer that altered the packet is still judged against its quote (ML-008); else
 * it stands as a unit of its own. A unit lacking any of the four is incomplete, and says which are missing.
 */
import { readFileSync } from 'node:fs';
import { readIlpPacketField, transactionOf } from '../../contracts/fspiop';

export type CaptureFormat = 'jsonl' | 'har';
export type Direction = 'in' | 'out';

/** Where a message or problem came from: a JSON line (1-based) or a HAR entry (0-based index). */
export type CaptureSource = { readonly line: number } | { readonly entry: number };

export interface CapturedMessage {
  readonly source: CaptureSource;
  readonly timestamp: string;
  readonly direction?: Direction;
  readonly method: string;
  /** The path alone (a URL's origin and query are dropped). */
  readonly path: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when a GET or DELETE had none. */
  readonly body?: unknown;
  /** HAR only: the response's status code. */
  readonly responseStatus?: number;
}

export type CaptureProblemKind = 'not-json' | 'missing-field' | 'bad-field' | 'body-not-json' | 'not-a-har';

export interface CaptureProblem {
  readonly source: CaptureSource | { readonly file: true };
  readonly kind: CaptureProblemKind;
  readonly message: string;
}

export interface CaptureReading {
  readonly format: CaptureFormat;
  readonly messages: readonly CapturedMessage[];
  readonly problems: readonly CaptureProblem[];
}

export function describeSource(source: CaptureProblem['source']): string {
  return 'line' in source ? `line ${source.line}` : 'entry' in source ? `HAR entry ${source.entry}` : 'the file';
}

class Broken extends Error {
  constructor(readonly kind: CaptureProblemKind, message: string) {
    super(message);
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function text(record: Record<string, unknown>, field: string, where = field): string {
  const value = record[field];
  if (value === undefined || value === null) throw new Broken('missing-field', `no "${where}"`);
  if (typeof value !== 'string' || value === '') throw new Broken('bad-field', `"${where}" must be a non-empty string, got ${JSON.stringify(value)?.slice(0, 40)}`);
  return value;
}

function timestampOf(value: string, where: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Broken('bad-field', `"${where}" is not an ISO 8601 date-time with a zone: ${JSON.stringify(value).slice(0, 40)}`);
  }
  return value;
}

function methodOf(value: string, where: string): string {
  const method = value.toUpperCase();
  if (!METHODS.includes(method)) throw new Broken('bad-field', `"${where}" is not an HTTP method: ${JSON.stringify(value).slice(0, 20)}`);
  return method;
}

function pathOf(value: string, where: string): string {
  if (value.startsWith('/')) return value.split('?')[0]!;
  try {
    return new URL(value).pathname;
  } catch {
    throw new Broken('bad-field', `"${where}" is neither a path nor a URL: ${JSON.stringify(value).slice(0, 60)}`);
  }
}

function bodyOf(value: unknown, method: string, where: string): unknown {
  if (value === undefined || value === null || value === '') {
    if (method === 'POST' || method === 'PUT') throw new Broken('missing-field', `no "${where}" (a ${method} carries one)`);
    return undefined;
  }
  if (typeof value !== 'string') {
    if (!isObject(value)) throw new Broken('body-not-json', `"${where}" is ${Array.isArray(value) ? 'an array' : typeof value}, not a JSON object`);
    return value;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new Broken('body-not-json', `"${where}" is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw new Broken('body-not-json', `"${where}" is JSON but not an object`);
  return parsed;
}

function lineMessage(line: string, number: number): CapturedMessage {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new Broken('not-json', `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(record)) throw new Broken('not-json', 'a JSON line must be an object');
  const method = methodOf(text(record, 'method'), 'method');
  const direction = text(record, 'direction');
  if (direction !== 'in' && direction !== 'out') throw new Broken('bad-field', `"direction" must be "in" or "out", got ${JSON.stringify(direction)}`);
  const headers = record.headers;
  if (headers === undefined) throw new Broken('missing-field', 'no "headers"');
  if (!isObject(headers) || Object.values(headers).some((v) => typeof v !== 'string')) throw new Broken('bad-field', '"headers" must be an object of strings');
  return {
    source: { line: number },
    timestamp: timestampOf(text(record, 'timestamp'), 'timestamp'),
    direction,
    method,
    path: pathOf(text(record, 'path'), 'path'),
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v as string])),
    body: bodyOf(record.body, method, 'body'),
  };
}

function readJsonLines(content: string): CaptureReading {
  const messages: CapturedMessage[] = [];
  const problems: CaptureProblem[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      messages.push(lineMessage(line, i + 1));
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      problems.push({ source: { line: i + 1 }, kind: error.kind, message: error.message });
    }
  });
  return { format: 'jsonl', messages, problems };
}

function harMessage(entry: unknown, index: number): CapturedMessage {
  if (!isObject(entry)) throw new Broken('bad-field', 'an entry must be an object');
  const request = entry.request;
  if (!isObject(request)) throw new Broken('missing-field', 'no "request"');
  const method = methodOf(text(request, 'method', 'request.method'), 'request.method');
  const list = request.headers;
  if (!Array.isArray(list)) throw new Broken('missing-field', 'no "request.headers" list');
  const headers: Record<string, string> = {};
  for (const h of list) {
    if (!isObject(h) || typeof h.name !== 'string' || typeof h.value !== 'string') throw new Broken('bad-field', '"request.headers" items must be {name, value} strings');
    headers[h.name.toLowerCase()] = h.value;
  }
  const postData = request.postData;
  const status = isObject(entry.response) && typeof entry.response.status === 'number' ? entry.response.status : undefined;
  return {
    source: { entry: index },
    timestamp: timestampOf(text(entry, 'startedDateTime'), 'startedDateTime'),
    method,
    path: pathOf(text(request, 'url', 'request.url'), 'request.url'),
    headers,
    body: bodyOf(isObject(postData) ? postData.text : undefined, method, 'request.postData.text'),
    ...(status !== undefined ? { responseStatus: status } : {}),
  };
}

function readHar(root: unknown): CaptureReading {
  const entries = isObject(root) && isObject(root.log) ? root.log.entries : undefined;
  if (!Array.isArray(entries)) {
    return { format: 'har', messages: [], problems: [{ source: { file: true }, kind: 'not-a-har', message: 'no log.entries list (HAR 1.2)' }] };
  }
  const messages: CapturedMessage[] = [];
  const problems: CaptureProblem[] = [];
  entries.forEach((entry, i) => {
    try {
      messages.push(harMessage(entry, i));
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      problems.push({ source: { entry: i }, kind: error.kind, message: error.message });
    }
  });
  return { format: 'har', messages, problems };
}

/**
 * Reads a capture. `format` auto: a text that is one JSON value with a `log` member is a HAR; anything else
 * is read as JSON lines.
 */
export function readCapture(content: string, format: CaptureFormat | 'auto' = 'auto'): CaptureReading {
  if (format === 'jsonl') return readJsonLines(content);
  let whole: unknown;
  try {
    whole = JSON.parse(content);
  } catch {
    if (format === 'har') return { format: 'har', messages: [], problems: [{ source: { file: true }, kind: 'not-a-har', message: 'the file is not one JSON document' }] };
    return readJsonLines(content);
  }
  if (format === 'har' || (isObject(whole) && 'log' in whole)) return readHar(whole);
  return readJsonLines(content);
}

/** Reads a capture file; `.har` is a HAR, `.jsonl`/`.ndjson` JSON lines, anything else auto-detected. */
export function readCaptureFile(file: string): CaptureReading {
  const content = readFileSync(file, 'utf8');
  return readCapture(content, /\.har$/i.test(file) ? 'har' : /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'auto');
}

// ------------------------------------------------------------------------------------------ audit units

export type MessageRole = 'quote-request' | 'quote-callback' | 'quote-error' | 'transfer-request' | 'transfer-callback' | 'transfer-error';

/** What an FSPIOP message is in the quote/transfer exchange, and the ID it belongs to; undefined for others. */
export function roleOf(message: CapturedMessage): { role: MessageRole; id: string } | undefined {
  const m = /^\/(quotes|transfers)(?:\/([^/]+)(\/error)?)?\/?$/.exec(message.path);
  if (!m) return undefined;
  const [, resource, pathId, error] = m;
  const kind = resource === 'quotes' ? 'quote' : 'transfer';
  if (message.method === 'POST' && pathId === undefined) {
    const id = isObject(message.body) ? message.body[kind === 'quote' ? 'quoteId' : 'transferId'] : undefined;
    return typeof id === 'string' && id !== '' ? { role: `${kind}-request`, id } : undefined;
  }
  if (message.method === 'PUT' && pathId !== undefined) return { role: error ? `${kind}-error` : `${kind}-callback`, id: decodeURIComponent(pathId) };
  return undefined;
}

export interface AuditUnit {
  /** The quoteId, or the transferId of a transfer that joined no quote. */
  readonly quoteId?: string;
  readonly transferId?: string;
  readonly quoteRequests: CapturedMessage[];
  /** PUT /quotes/{ID} and PUT /quotes/{ID}/error, in file order. */
  readonly quoteCallbacks: CapturedMessage[];
  readonly transferRequests: CapturedMessage[];
  readonly transferCallbacks: CapturedMessage[];
  /** Which of the four the unit has none of: empty when complete. */
  readonly missing: readonly ('quote request' | 'quote callback' | 'transfer request' | 'transfer callback')[];
}

interface Building {
  quoteId?: string;
  transferId?: string;
  quoteRequests: CapturedMessage[];
  quoteCallbacks: CapturedMessage[];
  transferRequests: CapturedMessage[];
  transferCallbacks: CapturedMessage[];
}

const blank = (): Building => ({ quoteRequests: [], quoteCallbacks: [], transferRequests: [], transferCallbacks: [] });

function ilpPacketOf(message: CapturedMessage): string | undefined {
  const packet = isObject(message.body) ? message.body.ilpPacket : undefined;
  return typeof packet === 'string' ? packet : undefined;
}

/** The quoteId of the Transaction the message's ilpPacket carries, if it decodes to one. */
function quoteIdInPacket(message: CapturedMessage): string | undefined {
  try {
    const quoteId = transactionOf(readIlpPacketField(ilpPacketOf(message), { allowDraft3: true }).data).transaction.quoteId;
    return typeof quoteId === 'string' ? quoteId : undefined;
  } catch {
    return undefined;
  }
}

/** Pairs the quote and transfer messages of a capture into audit units (file order kept); others are ignored. */
export function pairAuditUnits(messages: readonly CapturedMessage[]): AuditUnit[] {
  const quotes = new Map<string, Building>();
  const transfers = new Map<string, Building>();
  const at = (map: Map<string, Building>, id: string, key: 'quoteId' | 'transferId'): Building => {
    let unit = map.get(id);
    if (!unit) map.set(id, unit = { ...blank(), [key]: id });
    return unit;
  };
  for (const message of messages) {
    const role = roleOf(message);
    if (!role) continue;
    if (role.role === 'quote-request') at(quotes, role.id, 'quoteId').quoteRequests.push(message);
    else if (role.role === 'quote-callback' || role.role === 'quote-error') at(quotes, role.id, 'quoteId').quoteCallbacks.push(message);
    else if (role.role === 'transfer-request') at(transfers, role.id, 'transferId').transferRequests.push(message);
    else at(transfers, role.id, 'transferId').transferCallbacks.push(message);
  }
  // A transfer joins the quote whose callback gave the packet the transfer request repeats.
  const quoteOfPacket = new Map<string, Building>();
  for (const q of quotes.values()) for (const c of q.quoteCallbacks) { const p = ilpPacketOf(c); if (p && !quoteOfPacket.has(p)) quoteOfPacket.set(p, q); }
  const units: Building[] = [...quotes.values()];
  for (const t of transfers.values()) {
    const packet = t.transferRequests.map(ilpPacketOf).find((p) => p !== undefined);
    const named = t.transferRequests.map(quoteIdInPacket).find((id) => id !== undefined);
    const quote = (packet === undefined ? undefined : quoteOfPacket.get(packet)) ?? (named === undefined ? undefined : quotes.get(named));
    if (quote && quote.transferId === undefined) {
      Object.assign(quote, { transferId: t.transferId, transferRequests: t.transferRequests, transferCallbacks: t.transferCallbacks });
    } else {
      units.push(t);
    }
  }
  return units.map((u) => ({
    ...u,
    missing: ([
      ['quote request', u.quoteRequests], ['quote callback', u.quoteCallbacks],
      ['transfer request', u.transferRequests], ['transfer callback', u.transferCallbacks],
    ] as const).filter(([, list]) => list.length === 0).map(([name]) => name),
  }));
}
