/**
 * One Mojaloop participant scenario: the harness as switch, and as the other FSP. Every message sent or
 * received goes into the scenario's ObservedPayment (lib/mojaloop/observed-payment.ts) and the transcript
 * in Mojaloop terms; Then-steps judge the ObservedPayment only. Every wait is bounded; a participant that
 * cannot be reached, answers non-2xx, or sends no callback in time fails the step with that reason (ML-017
 * when the scenario carries it, else its primary requirement).
 *
 *   payee mode  requestQuote -> POST /quotes; wait for PUT /quotes/{ID}
 *               sendTransfer -> POST /transfers (the quote's packet and condition, or changed); wait for the callback
 *   payer mode  pay          -> POST <trigger>; answer its POST /quotes with a quote, its POST /transfers with a fulfilment
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { After, Before } from '@cucumber/cucumber';
import { decodeIlpV1Payment, decodePrepare, encodeIlpV1Payment, encodePrepare } from '../../lib/codec';
import {
  buildQuoteCallback, currencyScale, decodeIlpPacketField, errorCallback, FSPIOP_ERRORS, payeeAddress, quoteTransaction, toBinaryString,
  type QuoteRequest,
} from '../../contracts/fspiop';
import type { EncodeContext } from '../../contracts/fspiop';
import { sendFspiop } from '../../lib/mojaloop/fspiop-client';
import type { FspiopMessage } from '../../lib/mojaloop/fspiop-message';
import { recordFspiop, recordHashes } from '../../lib/mojaloop/evidence';
import { captureLines } from '../../lib/mojaloop/capture-writer';
import { hashesOf, type ObservedPayment } from '../../lib/mojaloop/observed-payment';
import { HARNESS_PAYEE_FSP, HARNESS_PAYER_FSP, type MojaloopTarget, type ParticipantEndpoint } from '../../lib/targets/mojaloop-target';
import type { IlpWorld } from '../world';
import { mojaloopTarget } from './mojaloop-worker';

const HTTP_WAIT_MS = 3_000;
/** How long a callback may take (times the timeout multiplier); a fulfilment later than this is "none" (ML-017). */
const CALLBACK_WAIT_MS = 3_000;
const TRIGGER_WAIT_MS = 15_000;
/** After a callback, how long the harness keeps listening for a duplicate (ML-019). */
const DUPLICATE_WINDOW_MS = 300;
export const PAYEE_PARTY = { partyIdType: 'MSISDN', partyIdentifier: '27713803912' } as const;
const PAYER_PARTY = { partyIdType: 'MSISDN', partyIdentifier: '44123456789', fspId: HARNESS_PAYER_FSP } as const;

export class ParticipantScenario {
  private target?: MojaloopTarget;
  endpoint?: ParticipantEndpoint;
  quoteRequest?: FspiopMessage;
  readonly quoteCallbacks: FspiopMessage[] = [];
  readonly transferRequests: FspiopMessage[] = [];
  readonly transferCallbacks: FspiopMessage[] = [];
  currency = 'USD';
  /** The scenario's tags (set by the Before hook below). */
  tags: readonly string[] = [];
  private harnessSecret?: Uint8Array;

  constructor(private readonly world: IlpWorld) {}

  static of(world: IlpWorld): ParticipantScenario {
    return world.scoped('mojaloop-participant', () => new ParticipantScenario(world));
  }

  private get ms() {
    return (n: number) => n * this.world.timeoutMultiplier;
  }

  async connect(needs?: 'ilpv4'): Promise<{ target: MojaloopTarget; endpoint: ParticipantEndpoint }> {
    this.target ??= await mojaloopTarget(this.world);
    this.endpoint ??= this.target.participant(needs ?? (this.tags.includes('@ilpv4') ? 'ilpv4' : undefined));
    return { target: this.target, endpoint: this.endpoint };
  }

  observed(): ObservedPayment {
    const e = this.endpoint!;
    const audited = this.tags.includes('@payer') ? 'payer' : 'payee';
    const secret = audited === 'payee' ? (e.secret ? Buffer.from(e.secret, 'base64url') : undefined) : this.harnessSecret;
    return {
      audited, payerFsp: audited === 'payee' ? HARNESS_PAYER_FSP : e.fspId, payeeFsp: audited === 'payee' ? e.fspId : HARNESS_PAYEE_FSP,
      scale: currencyScale(this.currency), ...(e.version ? { version: e.version } : {}), ...(secret ? { secret } : {}), api: this.target!.dialect.name,
      ...(this.quoteRequest ? { quoteRequest: this.quoteRequest } : {}),
      quoteCallbacks: this.quoteCallbacks, transferRequests: this.transferRequests, transferCallbacks: this.transferCallbacks,
    };
  }

  /** The callbacks seen, one phrase each, for a failure that has nothing else to show. */
  summary(): string {
    const all = [...this.quoteCallbacks, ...this.transferCallbacks];
    return all.map((m) => `${m.method} ${m.path}${m.resource === 'error.put' ? ` ${JSON.stringify((m.body as { errorInformation?: unknown } | undefined)?.errorInformation)}` : ''}`).join(', ') || 'none';
  }

  private fail(what: string, reason: string): never {
    return this.world.judgements.fail(['ML-017'], what, reason);
  }

  private async send(resource: 'quotes.post' | 'transfers.post', path: string, body: object, extra: { context?: EncodeContext; rawBody?: string } = {}): Promise<FspiopMessage> {
    const { target, endpoint } = await this.connect();
    const outcome = await sendFspiop({ baseUrl: endpoint.url, resource, path, body, source: HARNESS_PAYER_FSP, destination: endpoint.fspId, dialect: target.dialect, timeoutMs: this.ms(HTTP_WAIT_MS), ...extra });
    if (!outcome.ok && outcome.unwritable) this.world.judgements.fail('primary', `${resource === 'quotes.post' ? 'POST /quotes' : 'POST /transfers'} written in the ${target.dialect.name} body format`, outcome.reason);
    recordFspiop(this.world.transcript, outcome.message, 'sent');
    this.world.transcript.record({ direction: 'received', channel: 'participant', label: outcome.ok ? `HTTP ${outcome.status}` : 'no acceptance', decoded: outcome.ok ? { status: outcome.status } : { reason: outcome.reason } });
    if (!outcome.ok) this.fail(`${resource === 'quotes.post' ? 'POST /quotes' : 'POST /transfers'} accepted with 202`, outcome.reason);
    return outcome.message;
  }

  /** Waits for the callback about `id` after `since`, then listens DUPLICATE_WINDOW_MS more; returns every callback about it. */
  private async callbacks(noun: 'quotes' | 'transfers', id: string, since: number, waitMs: number): Promise<FspiopMessage[]> {
    const { target } = await this.connect();
    const listener = target.switchListener;
    const isCallback = (m: FspiopMessage) => m.id === id && m.method === 'PUT' && m.path.startsWith(`/${noun}/`);
    const first = await listener.waitFor(isCallback, waitMs, `PUT /${noun}/${id} (or /error) callback`, since);
    if (!first.ok) this.fail(`a PUT /${noun}/{ID} callback within ${waitMs} ms`, first.reason);
    await new Promise((r) => setTimeout(r, DUPLICATE_WINDOW_MS));
    const all = listener.messages.slice(since).filter(isCallback);
    for (const m of all) recordFspiop(this.world.transcript, m, 'received');
    return all;
  }

  // ------------------------------------------------------------------------------------------ payee mode

  async requestQuote(amount: string, currency: string, expiresInMs?: number): Promise<void> {
    const { target, endpoint } = await this.connect();
    this.currency = currency;
    const quote: QuoteRequest = {
      quoteId: target.dialect.newId(), transactionId: target.dialect.newId(),
      payee: { partyIdInfo: { ...PAYEE_PARTY, fspId: endpoint.fspId } }, payer: { partyIdInfo: { ...PAYER_PARTY } },
      amountType: 'RECEIVE', amount: { amount, currency },
      transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
      ...(expiresInMs !== undefined ? { expiration: new Date(Date.now() + expiresInMs).toISOString() } : {}),
    };
    const since = target.switchListener.messages.length;
    this.quoteRequest = await this.send('quotes.post', '/quotes', quote);
    this.quoteCallbacks.push(...(await this.callbacks('quotes', quote.quoteId, since, this.ms(CALLBACK_WAIT_MS))));
  }

  /** The quote callback's body, when the participant gave a quote. */
  quote(): Record<string, unknown> {
    const cb = this.quoteCallbacks.find((m) => m.resource === 'quotes.put');
    if (cb?.decodeProblem) this.world.judgements.fail('primary', `a quote callback in the run's body format to pay`, `PUT ${cb.path}: ${cb.decodeProblem}`);
    if (!cb || !cb.body || typeof cb.body !== 'object') throw new Error(`the participant gave no quote to pay (${this.quoteCallbacks.map((m) => `${m.method} ${m.path}`).join(', ') || 'no callback'})`);
    return cb.body as Record<string, unknown>;
  }

  async sendTransfer(change: (t: Record<string, unknown>) => Record<string, unknown> = (t) => t, expiresInMs = 30_000): Promise<void> {
    const { target, endpoint } = await this.connect();
    const q = this.quote();
    const body = change({
      transferId: target.dialect.newId(), payeeFsp: endpoint.fspId, payerFsp: HARNESS_PAYER_FSP, amount: q.transferAmount,
      ilpPacket: q.ilpPacket, condition: q.condition, expiration: new Date(Date.now() + expiresInMs).toISOString(),
    });
    await this.postTransfer(target, body);
  }

  async resendTransfer(): Promise<void> {
    const { target } = await this.connect();
    const first = this.transferRequests[0];
    if (!first) throw new Error('Bad step sequence: no transfer was sent to resend');
    await this.postTransfer(target, first.body as Record<string, unknown>, first.rawBody);
  }

  private async postTransfer(target: MojaloopTarget, body: Record<string, unknown>, rawBody?: string): Promise<void> {
    const since = target.switchListener.messages.length;
    const quote = this.quoteRequest?.body as object | undefined;
    this.transferRequests.push(await this.send('transfers.post', '/transfers', body, { ...(quote ? { context: { quote } } : {}), ...(rawBody !== undefined ? { rawBody } : {}) }));
    const got = await this.callbacks('transfers', String(body.transferId), since, this.ms(CALLBACK_WAIT_MS));
    this.transferCallbacks.push(...got.filter((m) => !this.transferCallbacks.includes(m)));
    recordHashes(this.world.transcript, hashesOf(this.observed()));
  }

  /**
   * Waits until the quote's expiration has passed. `notObservable`: it is too far off to wait for (FSPIOP lets
   * a Payee FSP choose its quote's expiration, so asking for a short one binds it to nothing); `problem`: it is
   * not a date at all.
   */
  async letQuoteExpire(maxWaitMs: number): Promise<{ readonly notObservable?: string; readonly problem?: string }> {
    const at = Date.parse(String(this.quote().expiration));
    const wait = at - Date.now() + 100;
    if (Number.isNaN(at)) return { problem: `the quote's expiration ${String(this.quote().expiration)} is not a date` };
    if (wait > maxWaitMs) return { notObservable: `not observable: the participant gave the quote an expiration ${Math.round(wait / 1000)} s away, beyond what a scenario waits (${maxWaitMs} ms); the request asked for less, which FSPIOP does not bind it to` };
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return {};
  }

  // ------------------------------------------------------------------------------------------ payer mode

  async pay(amount: string, currency: string): Promise<void> {
    const { target, endpoint } = await this.connect();
    this.currency = currency;
    if (!endpoint.triggerUrl) throw new Error('the payer role needs the participant\'s trigger endpoint (--payer-trigger)');
    const listener = target.switchListener;
    const since = listener.messages.length;
    const secret = (this.harnessSecret = randomBytes(32));
    this.world.transcript.addSecret(toBinaryString(secret));
    let quoted: ReturnType<typeof buildQuoteCallback> | undefined;
    const answer = async (m: FspiopMessage) => {
      if (m.headers['fspiop-source'] !== endpoint.fspId) return;
      recordFspiop(this.world.transcript, m, 'received');
      const body = (m.body ?? {}) as Record<string, unknown>;
      if (m.resource === 'quotes.post') {
        this.quoteRequest = m;
        const q = body as unknown as QuoteRequest;
        let cb: { resource: 'quotes.put' | 'error.put'; path: string; body: object };
        try {
          const payee = { partyIdType: q.payee.partyIdInfo.partyIdType, partyIdentifier: q.payee.partyIdInfo.partyIdentifier, fspId: HARNESS_PAYEE_FSP };
          const expiration = new Date(Date.now() + 60_000);
          quoted = buildQuoteCallback({ secret, transferAmount: q.amount, scale: currencyScale(q.amount.currency), payee, transaction: quoteTransaction(q), version: endpoint.version ?? 'ilpv1', expiration });
          cb = { resource: 'quotes.put', path: `/quotes/${q.quoteId}`, body: { transferAmount: quoted.transferAmount, expiration: expiration.toISOString(), ilpPacket: quoted.ilpPacket, condition: quoted.condition } };
        } catch (e) {
          cb = { resource: 'error.put', path: `/quotes/${String(body.quoteId)}/error`, body: errorCallback(FSPIOP_ERRORS.genericValidation, (e as Error).message) };
        }
        await this.callBack(target, endpoint, cb.resource, cb.path, cb.body, 'quotes', { quote: body });
      } else if (m.resource === 'transfers.post') {
        this.transferRequests.push(m);
        const pays = quoted && body.ilpPacket === quoted.ilpPacket && body.condition === quoted.condition;
        const cb = pays
          ? { resource: 'transfers.put' as const, path: `/transfers/${String(body.transferId)}`, body: { fulfilment: quoted!.fulfilment, completedTimestamp: new Date().toISOString(), transferState: 'COMMITTED' } }
          : { resource: 'error.put' as const, path: `/transfers/${String(body.transferId)}/error`, body: errorCallback(FSPIOP_ERRORS.genericValidation, 'the transfer does not carry the quote\'s ilpPacket and condition') };
        await this.callBack(target, endpoint, cb.resource, cb.path, cb.body, 'transfers');
      }
    };
    listener.onRequest = (m) => void answer(m);
    this.world.defer(() => {
      listener.onRequest = undefined;
    });
    const trigger = { payee: { ...PAYEE_PARTY, fspId: HARNESS_PAYEE_FSP }, amount, currency };
    this.world.transcript.record({ direction: 'sent', channel: 'participant', label: `POST ${endpoint.triggerUrl} (payer trigger)`, decoded: trigger });
    try {
      const res = await fetch(endpoint.triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(trigger), signal: AbortSignal.timeout(this.ms(TRIGGER_WAIT_MS)) });
      this.world.transcript.record({ direction: 'received', channel: 'participant', label: `payer trigger HTTP ${res.status}`, decoded: await res.text().then((t) => t.slice(0, 2000)) });
    } catch (e) {
      this.world.transcript.record({ direction: 'received', channel: 'participant', label: 'payer trigger: no answer', decoded: { reason: (e as Error).message } });
    }
    if (!this.quoteRequest) this.world.judgements.fail('primary', 'a POST /quotes from the participant after the trigger', `no POST /quotes from ${endpoint.fspId} reached the switch (${listener.messages.length - since} other messages)`);
    if (this.transferRequests.length === 0) this.world.judgements.fail('primary', 'a POST /transfers from the participant after the quote', `no POST /transfers from ${endpoint.fspId} reached the switch after the quote callback`);
  }

  private async callBack(target: MojaloopTarget, endpoint: ParticipantEndpoint, resource: 'quotes.put' | 'transfers.put' | 'error.put', path: string, body: object, errorOf: 'quotes' | 'transfers', context?: EncodeContext): Promise<void> {
    const outcome = await sendFspiop({ baseUrl: endpoint.url, resource, path, body, source: HARNESS_PAYEE_FSP, destination: endpoint.fspId, dialect: target.dialect, timeoutMs: this.ms(HTTP_WAIT_MS), errorOf, ...(context ? { context } : {}) });
    recordFspiop(this.world.transcript, outcome.message, 'sent');
    (errorOf === 'quotes' ? this.quoteCallbacks : this.transferCallbacks).push(outcome.message);
    if (!outcome.ok) this.world.transcript.note('callback not accepted', { reason: outcome.reason });
  }
}

/** The quote's packet with its address (account or destination) replaced. */
export function readdressed(ilpPacket: string, address: string): string {
  const bytes = decodeIlpPacketField(ilpPacket);
  if (bytes[0] === 12) return toBinaryString(encodePrepare({ ...decodePrepare(bytes), destination: address }));
  const p = decodeIlpV1Payment(bytes);
  return toBinaryString(encodeIlpV1Payment({ amount: p.amount, account: address, data: p.data }));
}

export function anotherPayeeAddress(fspId: string): string {
  return payeeAddress({ partyIdType: 'MSISDN', partyIdentifier: '27713800000', fspId });
}

Before({ tags: '@mojaloop and (@payee or @payer)' }, function (this: IlpWorld, { pickle }) {
  ParticipantScenario.of(this).tags = pickle.tags.map((t) => t.name);
});

// ILP_MOJALOOP_RECORD=<file>: every participant scenario's messages are appended to <file> as a capture's JSON
// lines (lib/mojaloop/capture-writer.ts), to be judged again offline with `run --capture <file>`.
After({ tags: '@mojaloop and (@payee or @payer)' }, function (this: IlpWorld) {
  const file = process.env.ILP_MOJALOOP_RECORD;
  if (!file) return;
  const s = ParticipantScenario.of(this);
  appendFileSync(file, captureLines([...(s.quoteRequest ? [s.quoteRequest] : []), ...s.quoteCallbacks, ...s.transferRequests, ...s.transferCallbacks]));
});
