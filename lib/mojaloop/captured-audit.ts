/**
 * The judgement of the *captured* audit mode: the audit units of a hub's log (capture.ts) turned into the
 * ObservedPayment the live modes fill (observed-payment.ts) and judged by the same checks. Pure: no I/O.
 *
 * Who is audited, per unit: an FSP is judged as the **Payee FSP** where it sent the quote callback (else, where
 * the quote or transfer request was addressed to it), and as the **Payer FSP** where it sent the requests.
 * `fspId` narrows the audit to one FSP, `role` to one role; without `fspId` every FSP in the capture is judged
 * in the role(s) it played. The currency scale comes from the unit's own currency (6.5.2.3).
 *
 * A hub may log each message twice (received from the sender: direction "in"; forwarded: "out"): the audited
 * FSP's messages are judged as the hub received them ("in", or no direction as in a HAR), the other side's as
 * the hub forwarded them, one copy each, so a logged forward never counts as a duplicate callback (ML-019).
 *
 * What a log cannot show is not judged: a unit without the quote request has no ML-005/ML-011 (the Payee and
 * Transaction they are checked against); a request whose callback is not in the capture fails ML-017 only when
 * the capture runs past the request's expiration (before that, the log may just have ended too soon).
 */
import { check, currencyScale, ilpAmountFor, readIlpPacketField, type MojaloopCheck } from '../../contracts/fspiop';
import { describeSource, type AuditUnit, type CapturedMessage, type CaptureReading } from './capture';
import { classify, type FspiopMessage } from './fspiop-message';
import { payerChecks, quoteCallbackChecks, transferCallbackChecks, type ObservedPayment } from './observed-payment';

export type AuditedRole = 'payee' | 'payer';

export interface CaptureAuditOptions {
  /** Judge only this FSP (its FSPIOP-Source); undefined: every FSP in the capture. */
  readonly fspId?: string;
  /** Judge only this role; undefined: both. */
  readonly role?: AuditedRole;
  /** The packet version the participant must use; undefined: either. */
  readonly version?: 'ilpv1' | 'ilpv4';
}

/** One message of an exchange, as judged, with where it sits in the file. */
export interface ExchangeMessage {
  readonly message: FspiopMessage;
  /** Sent by the FSP under audit (its messages are received by the hub; the others were sent to it). */
  readonly fromAudited: boolean;
  /** "line 4" or "HAR entry 2". */
  readonly source: string;
}

/** One audit unit judged in one role. */
export interface AuditedExchange {
  readonly role: AuditedRole;
  readonly fsp: string;
  /** "quote <quoteId> / transfer <transferId>". */
  readonly label: string;
  /** "lines 1, 4, 7, 9". */
  readonly where: string;
  readonly observed: ObservedPayment;
  readonly messages: readonly ExchangeMessage[];
  readonly checks: readonly MojaloopCheck[];
  /** What was not judged in this unit and why. */
  readonly notes: readonly string[];
}

const bodyOf = (m: CapturedMessage | undefined): Record<string, unknown> => (m?.body && typeof m.body === 'object' ? (m.body as Record<string, unknown>) : {});
const header = (m: CapturedMessage | undefined, name: string): string | undefined => m?.headers[name];

/** A captured message as the checks read one (origin "captured"; `at` is the hub's timestamp). */
export function toFspiopMessage(c: CapturedMessage): FspiopMessage {
  const { resource, id } = classify(c.method, c.path, c.body);
  return { method: c.method, path: c.path, headers: c.headers, body: c.body, rawBody: c.body === undefined ? '' : JSON.stringify(c.body), resource, id, at: Date.parse(c.timestamp), origin: 'captured' };
}

/** One copy of each logged message: as the hub received it (`sent` by the audited side) or as it forwarded it. */
function copies(list: readonly CapturedMessage[], sentByAudited: boolean): CapturedMessage[] {
  const wanted = list.filter((m) => (sentByAudited ? m.direction !== 'out' : m.direction !== 'in'));
  return wanted.length ? wanted : [...list];
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v !== '');
}

function partiesOf(u: AuditUnit): { payerFsp?: string; payeeFsp?: string } {
  const qr = u.quoteRequests[0];
  const tr = u.transferRequests[0];
  // The Payee FSP is who the requests were addressed to; a callback's FSPIOP-Source is its claim, judged by
  // ML-018, so it names the FSP only when the capture holds no request.
  const payeeFsp = firstString(header(qr, 'fspiop-destination'), header(tr, 'fspiop-destination'), bodyOf(tr).payeeFsp, header(u.quoteCallbacks[0], 'fspiop-source'), header(u.transferCallbacks[0], 'fspiop-source'));
  const payerFsp = firstString(header(qr, 'fspiop-source'), header(tr, 'fspiop-source'), bodyOf(tr).payerFsp);
  return { ...(payerFsp ? { payerFsp } : {}), ...(payeeFsp ? { payeeFsp } : {}) };
}

function currencyOf(u: AuditUnit): string | undefined {
  const amount = (m: CapturedMessage | undefined, field: string) => (bodyOf(m)[field] as { currency?: unknown } | undefined)?.currency;
  return firstString(amount(u.quoteRequests[0], 'amount'), amount(u.quoteCallbacks[0], 'transferAmount'), amount(u.transferRequests[0], 'amount'));
}

export function unitLabel(u: AuditUnit): string {
  return [u.quoteId ? `quote ${u.quoteId}` : '', u.transferId ? `transfer ${u.transferId}` : ''].filter(Boolean).join(' / ');
}

/**
 * ML-010 as a log shows it: a Payee FSP that fulfilled a transfer must have checked that the packet's amount is
 * the transfer's amount at the currency's scale (6.7.2.8 step 2), so a fulfilled mismatch is its failure. A
 * refused transfer, or one whose packet does not decode (ML-001's matter), gives no check.
 */
function fulfilledAmountCheck(request: CapturedMessage | undefined, callbacks: readonly CapturedMessage[], scale: number): MojaloopCheck | undefined {
  const fulfilled = callbacks.find((c) => c.method === 'PUT' && !c.path.endsWith('/error') && typeof bodyOf(c).fulfilment === 'string');
  const body = bodyOf(request);
  const amount = (body.amount as { amount?: unknown } | undefined)?.amount;
  if (!request || !fulfilled || Number.isNaN(scale) || typeof amount !== 'string') return undefined;
  let packetAmount: bigint;
  let wanted: bigint;
  try {
    packetAmount = readIlpPacketField(body.ilpPacket, { allowDraft3: true }).amount;
    wanted = ilpAmountFor(amount, scale);
  } catch {
    return undefined;
  }
  return check('ML-010', packetAmount === wanted, `the transfer (${describeSource(request.source)}) fulfilled only if its packet amount is ${wanted} (${amount} at scale ${scale})`,
    `fulfilled (${describeSource(fulfilled.source)}) with packet amount ${packetAmount}`);
}

/** ML-017 for a request with no callback in the capture: failed once the capture runs past the request's expiration. */
function unansweredCheck(request: CapturedMessage | undefined, callbacks: readonly CapturedMessage[], what: string, captureEnd: number): MojaloopCheck | 'unknown' | undefined {
  if (!request || callbacks.length > 0) return undefined;
  const expiration = Date.parse(String(bodyOf(request).expiration));
  if (Number.isNaN(expiration) || captureEnd <= expiration) return 'unknown';
  return check('ML-017', false, `a callback answering ${what} (${describeSource(request.source)}) before its expiration ${new Date(expiration).toISOString()}`,
    `none in the capture, which runs until ${new Date(captureEnd).toISOString()}`);
}

function judgeUnit(u: AuditUnit, role: AuditedRole, fsp: string, parties: { payerFsp?: string; payeeFsp?: string }, o: CaptureAuditOptions, captureEnd: number): AuditedExchange {
  const notes: string[] = [];
  const payee = role === 'payee';
  const pick = (list: readonly CapturedMessage[], sentByPayee: boolean) => copies(list, sentByPayee === payee);
  const groups = {
    quoteRequests: pick(u.quoteRequests, false), quoteCallbacks: pick(u.quoteCallbacks, true),
    transferRequests: pick(u.transferRequests, false), transferCallbacks: pick(u.transferCallbacks, true),
  };
  const currency = currencyOf(u);
  let scale = Number.NaN;
  try {
    scale = currencyScale(currency ?? '(none)');
  } catch (e) {
    notes.push(`the packet amounts (ML-004, ML-010) are not judged: ${(e as Error).message}`);
  }
  const as = (list: CapturedMessage[]) => list.map(toFspiopMessage);
  const quoteRequest = groups.quoteRequests[0];
  const observed: ObservedPayment = {
    audited: role, payerFsp: parties.payerFsp ?? '(unknown Payer FSP)', payeeFsp: parties.payeeFsp ?? '(unknown Payee FSP)', scale,
    ...(o.version ? { version: o.version } : {}),
    ...(quoteRequest ? { quoteRequest: toFspiopMessage(quoteRequest) } : {}),
    quoteCallbacks: as(groups.quoteCallbacks), transferRequests: as(groups.transferRequests), transferCallbacks: as(groups.transferCallbacks),
  };
  let checks = payee ? [...quoteCallbackChecks(observed), ...transferCallbackChecks(observed)] : payerChecks(observed);
  if (Number.isNaN(scale)) checks = checks.filter((c) => c.requirement !== 'ML-004' && c.requirement !== 'ML-010');
  if (payee && !quoteRequest && groups.quoteCallbacks.length) {
    checks = checks.filter((c) => c.requirement !== 'ML-005' && c.requirement !== 'ML-011');
    notes.push('the quote request is not in the capture: the packet\'s Transaction (ML-005) and address (ML-011) are not judged');
  }
  if (payee) {
    const amountCheck = fulfilledAmountCheck(groups.transferRequests[0], groups.transferCallbacks, scale);
    if (amountCheck) checks.push(amountCheck);
    for (const [request, callbacks, what] of [[quoteRequest, groups.quoteCallbacks, 'POST /quotes'], [groups.transferRequests[0], groups.transferCallbacks, 'POST /transfers']] as const) {
      const c = unansweredCheck(request, callbacks, what, captureEnd);
      if (c === 'unknown') notes.push(`${what} (${describeSource(request!.source)}) has no callback in the capture, which ends before the request expires: ML-017 not judged`);
      else if (c) checks.push(c);
    }
  }
  const all = [...groups.quoteRequests, ...groups.quoteCallbacks, ...groups.transferRequests, ...groups.transferCallbacks]
    .sort((a, b) => order(a) - order(b));
  const sentByPayee = new Set([...groups.quoteCallbacks, ...groups.transferCallbacks]);
  return {
    role, fsp, label: unitLabel(u), where: whereOf(all), observed, checks, notes,
    messages: all.map((m) => ({ message: toFspiopMessage(m), fromAudited: sentByPayee.has(m) === payee, source: describeSource(m.source) })),
  };
}

const order = (m: CapturedMessage): number => ('line' in m.source ? m.source.line : m.source.entry);

function whereOf(messages: readonly CapturedMessage[]): string {
  const ns = messages.map(order);
  if (messages.length === 0) return 'no messages';
  return 'line' in messages[0]!.source ? `line${ns.length > 1 ? 's' : ''} ${ns.join(', ')}` : `HAR entr${ns.length > 1 ? 'ies' : 'y'} ${ns.join(', ')}`;
}

/** Every unit judged in every role its FSP played that the options select, in file order. */
export function auditUnits(units: readonly AuditUnit[], reading: Pick<CaptureReading, 'messages'>, o: CaptureAuditOptions = {}): AuditedExchange[] {
  const times = reading.messages.map((m) => Date.parse(m.timestamp)).filter((t) => !Number.isNaN(t));
  const captureEnd = times.length ? Math.max(...times) : 0;
  const out: AuditedExchange[] = [];
  for (const u of units) {
    const parties = partiesOf(u);
    const payeeSent = u.quoteCallbacks.length + u.transferCallbacks.length > 0 || u.quoteRequests.length + u.transferRequests.length > 0;
    const payerSent = u.quoteRequests.length + u.transferRequests.length > 0;
    const wants = (role: AuditedRole, fsp: string | undefined): fsp is string => fsp !== undefined && (o.role === undefined || o.role === role) && (o.fspId === undefined || o.fspId === fsp);
    if (payeeSent && wants('payee', parties.payeeFsp)) out.push(judgeUnit(u, 'payee', parties.payeeFsp, parties, o, captureEnd));
    if (payerSent && wants('payer', parties.payerFsp)) out.push(judgeUnit(u, 'payer', parties.payerFsp, parties, o, captureEnd));
  }
  return out;
}

/** How one requirement came out over the exchanges of one role: which exchanges it judged, and the failing checks of each. */
export interface RequirementJudgement {
  readonly judged: readonly AuditedExchange[];
  readonly failures: readonly { readonly exchange: AuditedExchange; readonly checks: readonly MojaloopCheck[] }[];
}

export function judgeRequirement(exchanges: readonly AuditedExchange[], role: AuditedRole, requirement: string): RequirementJudgement {
  const judged = exchanges.filter((e) => e.role === role && e.checks.some((c) => c.requirement === requirement));
  const failures = judged
    .map((exchange) => ({ exchange, checks: exchange.checks.filter((c) => c.requirement === requirement && !c.passed) }))
    .filter((f) => f.checks.length > 0);
  return { judged, failures };
}

/** A failure in one line per check: the requirement, the unit, where, expected and got. */
export function describeFailures(requirement: string, j: RequirementJudgement): string {
  return j.failures.flatMap(({ exchange: e, checks }) => checks.map((c) => `${requirement} ${e.fsp} as ${e.role === 'payee' ? 'Payee' : 'Payer'} FSP, ${e.label} (${e.where}): expected ${c.expected}, got ${c.actual}`)).join('\n');
}
