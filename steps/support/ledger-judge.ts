/**
 * How ledger Then-steps judge and fail: `Requirement: <ID> ...` / `Expected: ...` / `Actual: ...` with the
 * ledger's full answer. Every judge that looks at the stored answer marks it inspected; a read the judge
 * makes itself (an account, a transfer) that fails or breaks the API fails the step with that answer.
 */
import { parseDecimalAmount } from '../../contracts/decimal-amount';
import { describeLedgerReply, type LedgerReply, type RefusalClass } from '../../lib/targets/ledger-http';
import { type LedgerNotification, type LedgerTransfer, type RejectionReason, type TransferState } from '../../contracts/ledger-api';
import { JudgementError, type Judged } from '../../lib/judgement/judge';
import { sleep, type LedgerScenario } from './ledger-scenario';

/** Fails the check (lib/judgement/judge.ts); `judged` defaults to the scenario's primary requirement. */
export function fail(s: LedgerScenario, expected: string, actual: string, judged: Judged = 'primary'): never {
  return s.world.judgements.fail(judged, expected, actual);
}

/** How a refusal is qualified in a step: any 4xx, or one particular class of refusal. */
export type Refusal = 'any' | RefusalClass;

/**
 * A refused subscription comes back from the client as status 101 (the socket opened) with the JSON-RPC
 * error code in the error id (`JsonRpcError40300`); `rpc` names the code that means the same refusal.
 */
const REFUSAL_STATUS: { readonly [K in Refusal]: { readonly status?: number; readonly rpc?: string; readonly words: string } } = {
  any: { words: 'a refusal (HTTP 4xx with an Error body)' },
  unauthenticated: { status: 401, words: 'a refusal as unauthenticated (HTTP 401)' },
  'not permitted': { status: 403, rpc: 'JsonRpcError40300', words: 'a refusal as not permitted (HTTP 403, or JSON-RPC error 40300 on the notification socket)' },
  'not found': { status: 404, words: 'a refusal as not found (HTTP 404)' },
  'a conflict': { status: 409, words: 'a refusal as a conflict with the earlier request (HTTP 409)' },
};

function lastAnswer(s: LedgerScenario): { action: string; reply: LedgerReply<unknown> } {
  if (!s.last) throw new Error('no When-step stored a ledger answer to judge');
  s.markLastJudged();
  return s.last;
}

function actualOf(last: { action: string; reply: LedgerReply<unknown> }): string {
  return `${last.action}: ${describeLedgerReply(last.reply)}`;
}

export function expectAccepted(s: LedgerScenario, what = 'the request'): void {
  const last = lastAnswer(s);
  if (last.reply.kind !== 'ok') fail(s, `the ledger accepts ${what}`, actualOf(last));
}

/**
 * The native ledger API's words for a class of refusal (catalog LAPI-001, a convention of this project's
 * API, not an RFC requirement). A scenario asking for a class carries the tag; through another dialect the
 * class is set aside with what that ledger said, and only the refusal itself is judged.
 */
export const REFUSAL_CONVENTION = 'LAPI-001';

export function expectRefused(s: LedgerScenario, refusal: Refusal): void {
  const last = lastAnswer(s);
  const r = last.reply;
  if (!(r.kind === 'refused' && r.status < 500)) fail(s, REFUSAL_STATUS.any.words, actualOf(last));
  if (refusal === 'any') return;
  if (!s.world.judgements.requirements.includes(REFUSAL_CONVENTION)) {
    throw new JudgementError(`a step that asks for a refusal "as ${refusal}" judges ${REFUSAL_CONVENTION}, so the scenario must carry @${REFUSAL_CONVENTION} after its primary tag`);
  }
  if (s.target.dialect !== 'native') {
    const said = r.refusal ? `; it said ${r.error.id}, which the ${s.target.dialect} client reads as "${r.refusal}"` : `; it said ${r.error.id} (HTTP ${r.status}), a refusal of no class the client can read`;
    s.world.judgements.setAside([REFUSAL_CONVENTION], `how a refusal "as ${refusal}" is written is a convention of the native ledger API, and this ledger speaks the ${s.target.dialect} API${said}`);
    return;
  }
  const want = REFUSAL_STATUS[refusal];
  const good = r.status === want.status || (r.status === 101 && want.rpc !== undefined && r.error.id === want.rpc);
  if (!good) fail(s, want.words, actualOf(last), [REFUSAL_CONVENTION]);
}

/** Where the RFC does not say whether a repeated request is an error, either answer is fine; a broken one is not. */
export function expectAcceptedOrRefused(s: LedgerScenario): void {
  const last = lastAnswer(s);
  const r = last.reply;
  if (!(r.kind === 'ok' || (r.kind === 'refused' && r.status < 500))) fail(s, 'an acceptance or a 4xx refusal', actualOf(last));
}

/** A decimal amount string in whole units, as smallest units at `scale`; undefined when it is not one. */
export function unitsOf(text: string, scale: number): bigint | undefined {
  const read = parseDecimalAmount(text, scale);
  return read.ok ? read.units : undefined;
}

/** `word`'s balance in the ledger's smallest units, read to the unit (no floating point on the way). */
export async function expectBalanceInUnits(s: LedgerScenario, word: string, units: bigint): Promise<void> {
  const reply = await s.account(word);
  const wanted = `${word}'s account balance ${units} smallest units (scale ${s.scale})`;
  if (reply.kind !== 'ok') fail(s, wanted, `reading the account: ${describeLedgerReply(reply)}`);
  const got = unitsOf(reply.body.balance, s.scale);
  if (got !== units) fail(s, wanted, `balance ${reply.body.balance}${got === undefined ? '' : ` (${got} units, ${got - units > 0n ? '+' : ''}${got - units})`}`);
}

export async function expectBalance(s: LedgerScenario, word: string, balance: bigint, held?: bigint): Promise<void> {
  const reply = await s.account(word);
  const wanted = `${word}'s account balance ${balance}${held === undefined ? '' : ` with ${held} on hold`}`;
  if (reply.kind !== 'ok') fail(s, wanted, `reading the account: ${describeLedgerReply(reply)}`);
  const scale = 10n ** BigInt(s.scale);
  if (held !== undefined && reply.body.held === undefined) {
    // A dialect without an amount on hold (Five Bells): the balance, which a hold lowers, is judged; the
    // amount on hold is not observable, and the transcript says so.
    s.world.transcript.note(`${word}'s amount on hold is not observable through this ledger API; only the balance is judged`);
    held = undefined;
  }
  const gotBalance = unitsOf(reply.body.balance, s.scale);
  const gotHeld = reply.body.held === undefined ? undefined : unitsOf(reply.body.held, s.scale);
  const actual = `balance ${reply.body.balance}, on hold ${reply.body.held} (scale ${s.scale})`;
  if (gotBalance !== balance * scale || (held !== undefined && gotHeld !== held * scale)) fail(s, wanted, actual);
}

/** Reads the current transfer and checks its state (and, for rejected, why). */
export async function expectTransfer(s: LedgerScenario, state: TransferState, reason?: RejectionReason): Promise<LedgerTransfer> {
  const reply = await s.readTransfer();
  const wanted = `transfer ${s.transfer.id} ${state}${reason ? ` (rejection_reason ${reason})` : ''}`;
  if (reply.kind !== 'ok') fail(s, wanted, `reading the transfer: ${describeLedgerReply(reply)}`);
  const t = reply.body;
  if (t.state !== state || (reason && t.rejection_reason !== reason)) {
    fail(s, wanted, `state ${t.state}${t.rejection_reason ? ` (rejection_reason ${t.rejection_reason})` : ''}`);
  }
  return t;
}

export type TransferEvent = 'prepared' | 'executed' | 'rejected';

/** Waits (bounded) for `word`'s socket to report the current transfer reaching `event`, and returns it. */
export async function expectNotified(s: LedgerScenario, word: string, event: TransferEvent): Promise<Extract<LedgerNotification, { resource: LedgerTransfer }>> {
  const stream = s.stream(word);
  const id = s.transfer.id;
  const match = (n: LedgerNotification) => n.event === `transfer.${event}` && 'state' in n.resource && n.resource.id === id;
  const found = await stream.waitFor(match, s.notificationWaitMs);
  if (stream.problems.length > 0) fail(s, 'notification frames that match notification.schema.json', stream.problems.join('\n'));
  if (!found) fail(s, `${word} is notified within ${s.notificationWaitMs} ms that transfer ${id} was ${event}`, `notifications received: ${seen(stream.notifications)}`);
  return found as Extract<LedgerNotification, { resource: LedgerTransfer }>;
}

function seen(notifications: readonly LedgerNotification[]): string {
  return notifications.map((n) => `${n.event} ${'id' in n.resource ? n.resource.id : ''}`).join(', ') || 'none';
}

/** The transfer `n` reports rejected, if it is the rejection of transfer `id`. */
function rejectionOf(n: LedgerNotification | undefined, id: string): LedgerTransfer | undefined {
  return n?.event === 'transfer.rejected' && 'state' in n.resource && n.resource.id === id ? n.resource : undefined;
}

/**
 * Follows the scenario's holds in the order of their expiry and, making no request to the ledger, waits
 * (bounded) after each expiry for `word`'s socket to report that hold rejected because it expired. A later
 * hold reported rejected before its own expiry fails too: each hold returns at its own timeout.
 */
export async function expectEachExpiryNotified(s: LedgerScenario, word: string): Promise<void> {
  const stream = s.stream(word);
  const holds = s.transfers
    .map((t) => ({ id: t.id, at: Date.parse(t.request.expires_at ?? '') }))
    .filter((h) => Number.isFinite(h.at))
    .sort((a, b) => a.at - b.at);
  if (holds.length < 2) throw new Error('the scenario needs at least two holds with an expiry');
  s.markLastJudged();
  let since = 'the last hold was prepared';
  for (const [i, hold] of holds.entries()) {
    await sleep(Math.max(0, hold.at - Date.now()));
    const found = await stream.waitFor((n) => rejectionOf(n, hold.id) !== undefined, s.notificationWaitMs);
    if (stream.problems.length > 0) fail(s, 'notification frames that match notification.schema.json', stream.problems.join('\n'));
    const expiry = new Date(hold.at).toISOString();
    if (!found) {
      fail(
        s,
        `${word} is notified within ${s.notificationWaitMs} ms after ${expiry} that transfer ${hold.id} was rejected because it expired (no request to the ledger since ${since})`,
        `notifications received: ${seen(stream.notifications)}`,
      );
    }
    const rejected = rejectionOf(found, hold.id);
    if (rejected?.rejection_reason !== 'expired') fail(s, `transfer ${hold.id} rejected because it expired`, `rejection_reason ${rejected?.rejection_reason}`);
    const next = holds[i + 1];
    const early = next && Date.now() < next.at ? stream.notifications.map((n) => rejectionOf(n, next.id)).find(Boolean) : undefined;
    if (next && early) {
      fail(s, `transfer ${next.id} still held until its own expiry at ${new Date(next.at).toISOString()}`, `${word} was notified it was rejected (${early.rejection_reason}) ${next.at - Date.now()} ms or more before that`);
    }
    since = `transfer ${hold.id} expired`;
  }
}

/** Waits `ms` and fails if `word`'s socket reported anything about the current transfer meanwhile (or before). */
export async function expectNothingHeard(s: LedgerScenario, word: string, ms: number): Promise<void> {
  const stream = s.stream(word);
  const id = s.transfer.id;
  const about = (n: LedgerNotification) => 'id' in n.resource && n.resource.id === id;
  const heard = await stream.waitFor(about, ms);
  if (stream.problems.length > 0) fail(s, 'notification frames that match notification.schema.json', stream.problems.join('\n'));
  if (heard) {
    fail(s, `${word}, whose account transfer ${id} does not touch, hears nothing about it (listened ${ms} ms)`, `${word} was notified: ${seen(stream.notifications.filter(about))}`);
  }
}

export function expectBytes(s: LedgerScenario, what: string, base64: string | undefined, expected: Buffer | undefined): void {
  if (!expected) throw new Error(`the scenario has no ${what} to compare with`);
  const got = base64 === undefined ? undefined : Buffer.from(base64, 'base64');
  if (!got || !got.equals(expected)) {
    const describe = (b: Buffer | undefined) => (b ? `${b.length} bytes starting ${b.subarray(0, 16).toString('hex')}` : 'absent');
    fail(s, `${what}: ${describe(expected)}`, describe(got));
  }
}
