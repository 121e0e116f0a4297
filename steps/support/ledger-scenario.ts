/**
 * A ledger scenario's state: the fresh accounts it opened (one per holder word, named uniquely so scenarios
 * can run in parallel against one ledger), the transfers it prepared with their preimages, the notification
 * sockets its holders opened, and the last answer a When-step stored. Steps stay one-liners by asking this
 * object. Setup that fails (opening an account, subscribing) throws: the scenario cannot be judged.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Before } from '@cucumber/cucumber';
import { describeLedgerReply, type LedgerReply, type NotificationStream } from '../../lib/targets/ledger-http';
import { formatDecimalAmount } from '../../contracts/decimal-amount';
import { type LedgerAccount, type LedgerMetadata, type LedgerTransfer, type LedgerTransferRequest } from '../../contracts/ledger-api';
import { announceTarget } from './target-hooks';
import type { IlpWorld } from '../world';
import type { LedgerClientOptions, LedgerTarget } from '../../lib/targets/ledger-target';
import type { LedgerApiClient } from '../../lib/targets/ledger-dialect';
import { ledgerTarget } from './ledger-worker';

/** Default lifetime of a held transfer: far beyond any step, so only expiry scenarios see an expiry. */
export const DEFAULT_HOLD_MS = 30_000;
/** Bound on waiting for a notification, or for a ledger to act on an expiry (times the timeout multiplier). */
export const NOTIFICATION_WAIT_MS = 5000;
export const EXPIRY_GRACE_MS = 3000;
/**
 * How long a holder listens, after the ledger has told the transfer's own holders, to be sure it tells no
 * one else (times the timeout multiplier): a ledger notifies every follower of a change at about the same time.
 */
export const SILENCE_WAIT_MS = 1000;

export interface Holder {
  readonly word: string;
  readonly account: string;
  readonly token: string;
}

export interface PreparedTransfer {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly request: LedgerTransferRequest;
  /** The preimage the harness keeps; absent for a transfer without a condition. */
  readonly preimage?: Buffer;
  readonly memo?: Buffer;
}

export interface PrepareOptions {
  readonly expiresInMs?: number;
  readonly memo?: Uint8Array;
  readonly preimageLength?: number;
  /** Reuse this preimage (and so its condition). */
  readonly preimage?: Buffer;
  readonly unconditional?: boolean;
  /** Act with this holder's token instead of the debit account owner's; null: no credentials at all. */
  readonly actingAs?: string | null;
}

export class LedgerScenario {
  readonly client: LedgerApiClient;
  readonly holders = new Map<string, Holder>();
  readonly streams = new Map<string, NotificationStream>();
  readonly transfers: PreparedTransfer[] = [];
  /** What the last When-step did, and the ledger's answer. */
  last: { readonly action: string; readonly reply: LedgerReply<unknown>; readonly key: string } | undefined;
  /** The last rejection message and ledger message the scenario sent, to compare with what arrives. */
  rejectionMessage: Buffer | undefined;
  sentMessage: { readonly from: string; readonly to: string; readonly data: Buffer } | undefined;
  /** An ILP address a Then-step read, for the next step to judge further. */
  notedAddress: string | undefined;
  private readonly key = randomBytes(4).toString('hex');

  /** `clientOptions`: how the scenario's ledger client carries what the API leaves open (LedgerTarget.client). */
  constructor(
    readonly world: IlpWorld,
    readonly target: LedgerTarget,
    clientOptions: Pick<LedgerClientOptions, 'rejectionCarrier'> = {},
  ) {
    this.client = target.client({ transcript: world.transcript, timeoutMs: 5000 * world.timeoutMultiplier, ...clientOptions });
    world.transcript.addSecret(target.adminToken);
  }

  /** The ledger's metadata; a scenario that needs it cannot run when the ledger's metadata broke the API. */
  get metadata(): LedgerMetadata {
    if (!this.target.metadata) throw new Error(`cannot judge this scenario on ${this.target.description}: ${this.target.metadataProblem}`);
    return this.target.metadata;
  }

  get scale(): number {
    return this.metadata.scale;
  }

  /** The transfer the scenario talks about: the last one prepared. */
  get transfer(): PreparedTransfer {
    const t = this.transfers[this.transfers.length - 1];
    if (!t) throw new Error('the scenario has not prepared a transfer yet');
    return t;
  }

  holder(word: string): Holder {
    const h = this.holders.get(word);
    if (!h) throw new Error(`${word} has no ledger account in this scenario; add "Given ${word} has a ledger account holding 0"`);
    return h;
  }

  /** Opens a fresh account for `word` as the admin; a refusal is a setup failure. */
  /** `balance` in whole units, or with `inUnits` in the ledger's smallest units (10^-scale). */
  async openAccount(word: string, balance: bigint, options: { minimum?: bigint; connector?: boolean; inUnits?: boolean } = {}): Promise<Holder> {
    const { holder, reply } = await this.tryOpenAccount(word, balance, options);
    if (reply.kind !== 'ok') throw new Error(`could not open a ledger account for ${word} on ${this.target.description}: ${describeLedgerReply(reply)}`);
    return holder;
  }

  /** Like openAccount, but answers the ledger's reply; only an account the ledger opened becomes the holder's. */
  async tryOpenAccount(word: string, balance: bigint, options: { minimum?: bigint; connector?: boolean; inUnits?: boolean } = {}): Promise<{ holder: Holder; reply: LedgerReply<LedgerAccount> }> {
    const holder: Holder = { word, account: `${word}-${this.key}`, token: randomBytes(24).toString('base64url') };
    this.world.transcript.addSecret(holder.token);
    const reply = await this.client.createAccount(this.target.adminToken, holder.account, {
      owner: word,
      balance: options.inUnits ? formatDecimalAmount(balance, this.scale) : String(balance),
      ...(options.minimum === undefined ? {} : { minimum_allowed_balance: String(options.minimum) }),
      ...(options.connector ? { connector: true } : {}),
      token: holder.token,
    });
    if (reply.kind === 'ok') this.holders.set(word, holder);
    return { holder, reply };
  }

  /** A holder's account as the admin reads it. */
  account(word: string): Promise<LedgerReply<LedgerAccount>> {
    return this.client.getAccount(this.target.adminToken, this.holder(word).account);
  }

  /** The current transfer as the admin reads it. */
  readTransfer(): Promise<LedgerReply<LedgerTransfer>> {
    return this.client.getTransfer(this.target.adminToken, this.transfer.id);
  }

  /** `amount` in ledger units, or as text for amounts a ledger must refuse (negative, finer than its scale). */
  async prepare(fromWord: string, toWord: string, amount: bigint | string, options: PrepareOptions = {}): Promise<void> {
    const from = this.holder(fromWord);
    const to = this.holder(toWord);
    const preimage = options.unconditional ? undefined : options.preimage ?? randomBytes(options.preimageLength ?? 32);
    const request: LedgerTransferRequest = {
      debit_account: from.account,
      credit_account: to.account,
      amount: String(amount),
      ...(preimage
        ? {
            execution_condition: createHash('sha256').update(preimage).digest('base64url'),
            expires_at: new Date(Date.now() + (options.expiresInMs ?? DEFAULT_HOLD_MS)).toISOString(),
          }
        : {}),
      ...(options.memo ? { memo: Buffer.from(options.memo).toString('base64') } : {}),
    };
    const transfer: PreparedTransfer = {
      id: randomUUID(),
      from: fromWord,
      to: toWord,
      request,
      ...(preimage ? { preimage } : {}),
      ...(options.memo ? { memo: Buffer.from(options.memo) } : {}),
    };
    this.transfers.push(transfer);
    const token = options.actingAs === null ? undefined : this.holder(options.actingAs ?? fromWord).token;
    const who = options.actingAs === null ? 'someone without credentials' : options.actingAs ?? fromWord;
    this.store(`${who} prepares transfer ${transfer.id} of ${amount} from ${fromWord} to ${toWord}`, await this.client.prepareTransfer(token, transfer.id, request));
  }

  /** Sends the current transfer's request again, unchanged or with another amount. */
  async prepareAgain(amount?: bigint): Promise<void> {
    const t = this.transfer;
    const request = amount === undefined ? t.request : { ...t.request, amount: String(amount) };
    const what = amount === undefined ? 'the same request' : `the same id with amount ${amount}`;
    this.store(`${t.from} prepares transfer ${t.id} again (${what})`, await this.client.prepareTransfer(this.holder(t.from).token, t.id, request));
  }

  async execute(word: string, preimage: Uint8Array | undefined): Promise<void> {
    const t = this.transfer;
    if (!preimage) throw new Error('the transfer has no condition, so there is no fulfillment to present');
    this.store(`${word} presents a ${preimage.length}-byte fulfillment for transfer ${t.id}`, await this.client.fulfill(this.holder(word).token, t.id, preimage));
  }

  async reject(word: string, message?: Buffer): Promise<void> {
    const t = this.transfer;
    this.rejectionMessage = message;
    const what = message ? ` with a ${message.length}-byte message` : '';
    this.store(`${word} rejects transfer ${t.id}${what}`, await this.client.reject(this.holder(word).token, t.id, message));
  }

  async lookUpFulfillment(word: string): Promise<void> {
    const condition = this.transfer.request.execution_condition;
    if (!condition) throw new Error('the transfer has no condition to look up');
    this.store(`${word} looks up the fulfillment of condition ${condition}`, await this.client.fulfillmentByCondition(this.holder(word).token, condition));
  }

  /** `word` sends `to` a message of random bytes, naming `claimedFrom` as the sender (default: `word`). */
  async sendMessage(word: string, to: string, length: number, claimedFrom: string = word): Promise<void> {
    const data = randomBytes(length);
    this.sentMessage = { from: claimedFrom, to, data };
    const reply = await this.client.sendMessage(this.holder(word).token, {
      from: this.holder(claimedFrom).account,
      to: this.holder(to).account,
      data: data.toString('base64'),
    });
    this.store(`${word} sends ${to} a ${length}-byte message as ${claimedFrom}`, reply);
  }

  /** `word` (not the admin) tries to open an account for `forWord`; the account name is remembered. */
  async openAccountAs(word: string, forWord: string, balance: bigint): Promise<void> {
    const account = `${forWord}-${this.key}`;
    const reply = await this.client.createAccount(this.holder(word).token, account, { balance: String(balance), token: randomBytes(24).toString('base64url') });
    this.store(`${word} opens account ${account} holding ${balance}`, reply);
  }

  /** The account name a holder word gets in this scenario, whether or not it was opened. */
  accountNameOf(word: string): string {
    return this.holders.get(word)?.account ?? `${word}-${this.key}`;
  }

  /** Waits until the transfer's expiry has passed and the ledger no longer reports it prepared (bounded). */
  async letExpire(): Promise<void> {
    const expiresAt = Date.parse(this.transfer.request.expires_at ?? '');
    if (!Number.isFinite(expiresAt)) throw new Error('the transfer has no expiry');
    await sleep(Math.max(0, expiresAt - Date.now()) + 20);
    const deadline = Date.now() + EXPIRY_GRACE_MS * this.world.timeoutMultiplier;
    let reply = await this.readTransfer();
    while (reply.kind === 'ok' && reply.body.state === 'prepared' && Date.now() < deadline) {
      await sleep(50);
      reply = await this.readTransfer();
    }
    this.store(`the harness reads transfer ${this.transfer.id} after its expiry`, reply);
  }

  /** Follows `accountOf`'s account on a socket authenticated as `word`; a refusal is stored, not thrown. */
  async listen(word: string, accountOf: string = word): Promise<void> {
    const reply = await this.client.subscribe(this.holder(word).token, [this.holder(accountOf).account], this.target.metadata?.urls?.websocket);
    if (reply.kind === 'ok') {
      this.streams.set(word, reply.body);
      this.world.defer(() => reply.body.close());
    }
    this.store(`${word} follows ${accountOf === word ? 'their own' : `${accountOf}'s`} account`, reply);
  }

  stream(word: string): NotificationStream {
    const s = this.streams.get(word);
    if (!s) throw new Error(`${word} is not listening; add "Given ${word} listens for ledger notifications"`);
    return s;
  }

  get notificationWaitMs(): number {
    return NOTIFICATION_WAIT_MS * this.world.timeoutMultiplier;
  }

  get silenceWaitMs(): number {
    return SILENCE_WAIT_MS * this.world.timeoutMultiplier;
  }

  /**
   * Stores an answer. Anything but success must be inspected by a Then-step (the After hook checks); a later
   * success does not clear an earlier answer nobody inspected.
   */
  store(action: string, reply: LedgerReply<unknown>): void {
    const key = `ledger answer #${++storedAnswers}`;
    this.last = { action, reply, key };
    if (reply.kind !== 'ok') this.world.awaitInspection(`${this.target.description}: ${action}: ${describeLedgerReply(reply)}`, key);
  }

  /** A Then-step judged the last stored answer (and only that one: an earlier refusal stays to be judged). */
  markLastJudged(): void {
    if (this.last) this.world.inspected(this.last.key);
  }
}

/** Numbers the stored answers, so each has its own key in the world's list of outcomes to judge. */
let storedAnswers = 0;

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}


/** The scenario's ledger state, created (and the worker's ledger started) on first use. */
export async function ledgerScenario(world: IlpWorld): Promise<LedgerScenario> {
  const holder = world.scoped<{ value?: LedgerScenario }>('ledger', () => ({}));
  if (!holder.value) {
    const target = await ledgerTarget(world);
    announceTarget(world, target);
    holder.value = new LedgerScenario(world, target);
  }
  return holder.value;
}
