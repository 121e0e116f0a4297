/**
 * The connector's account on one ledger: the HTTP client acting with that account's token, the ledger's
 * prefix and asset, the notification socket, and the final state of every transfer the connector prepared
 * from it (executed with a fulfillment, or rejected), learnt from notifications or, as a fallback, by reading.
 */
import { formatDecimalAmount, parseDecimalAmount } from '../../../contracts/decimal-amount';
import { LinkLedgerClient, describeLinkReply } from './ledger-client';
import { type LedgerNotification, type LedgerTransfer } from '../../../contracts/ledger-api';
import { openLedgerSocket, type LedgerSocket } from './ledger-socket';

export interface LedgerAccountConfig {
  /** Base URL of the ledger's HTTP API. */
  readonly url: string;
  /** The connector's account name on that ledger. */
  readonly account: string;
  /** That account's bearer token. */
  readonly token: string;
  /** Ledger prefix (v1 form, trailing dot); default: the ledger's metadata `ilp_prefix`. */
  readonly prefix?: string;
  /** Peer name in logs and in the connector's topology; default `ledger-<index>`. */
  readonly name?: string;
}

/** How a transfer the connector prepared ended. */
export type FinalState =
  | { readonly state: 'executed'; readonly fulfillment: Buffer }
  | { readonly state: 'rejected'; readonly reason: string; readonly message?: Buffer };

export class LedgerAccountLink {
  readonly client: LinkLedgerClient;
  private socket: LedgerSocket | undefined;
  private readonly finals = new Map<string, FinalState>();
  private readonly waiters = new Map<string, Set<() => void>>();

  private constructor(
    readonly name: string,
    readonly config: LedgerAccountConfig,
    readonly prefix: string,
    readonly asset: { readonly code: string; readonly scale: number },
    /** The connector's ILP address on this ledger (prefix + account). */
    readonly address: string,
    timeoutMs: number,
  ) {
    this.client = new LinkLedgerClient(config.url, timeoutMs);
  }

  /** Reads the ledger's metadata and the account, then follows the account. Throws naming what failed. */
  static async open(
    name: string,
    config: LedgerAccountConfig,
    handlers: { onIncoming: (link: LedgerAccountLink, transfer: LedgerTransfer) => void; onProblem: (problem: string) => void },
    timeoutMs: number,
  ): Promise<LedgerAccountLink> {
    const probe = new LinkLedgerClient(config.url, timeoutMs);
    const metadata = await probe.metadata();
    if (metadata.kind !== 'ok') throw new Error(`ledger ${name} at ${config.url}: metadata (GET /) gave ${describeLinkReply(metadata)}`);
    const account = await probe.getAccount(config.token, config.account);
    if (account.kind !== 'ok') throw new Error(`ledger ${name} at ${config.url}: account ${config.account} gave ${describeLinkReply(account)}`);
    const prefix = config.prefix ?? metadata.body.ilp_prefix;
    if (!prefix.endsWith('.') || prefix.length < 2) throw new Error(`ledger ${name}: prefix "${prefix}" is not a ledger prefix ending in "."`);
    const link = new LedgerAccountLink(
      name,
      config,
      prefix,
      { code: metadata.body.currency_code, scale: metadata.body.scale },
      account.body.ilp_address,
      timeoutMs,
    );
    link.socket = await openLedgerSocket({
      url: metadata.body.urls?.websocket ?? `${config.url.replace(/\/+$/, '').replace(/^http/, 'ws')}/websocket`,
      token: config.token,
      account: config.account,
      timeoutMs,
      onProblem: (problem) => handlers.onProblem(`${name}: ${problem}`),
      onNotification: (n) => link.onNotification(n, handlers.onIncoming),
    });
    return link;
  }

  /** Ledger decimal string for an ILP amount in this ledger's scale. */
  ledgerAmount(units: bigint): string {
    return formatDecimalAmount(units, this.asset.scale);
  }

  /** ILP amount (smallest units) of a ledger decimal string; undefined when it is not one. */
  units(amount: string): bigint | undefined {
    const parsed = parseDecimalAmount(amount, this.asset.scale);
    return parsed.ok ? parsed.units : undefined;
  }

  /** The account an address under this ledger's prefix names (its first segment after the prefix). */
  accountOf(destination: string): string | undefined {
    if (!destination.startsWith(this.prefix)) return undefined;
    const account = destination.slice(this.prefix.length).split('.')[0];
    return account ? account : undefined;
  }

  /** The final state already known for a transfer, if any. */
  finalState(id: string): FinalState | undefined {
    return this.finals.get(id);
  }

  /**
   * Waits for a transfer to reach a final state: from notifications, and every `pollMs` by reading it (so a
   * lost notification costs time, not money). Resolves undefined if it is still prepared at `deadline`.
   */
  async awaitFinal(id: string, deadline: number, cancelled: () => boolean = () => false, pollMs = 100): Promise<FinalState | undefined> {
    for (;;) {
      const known = this.finals.get(id);
      if (known) return known;
      if (cancelled() || Date.now() >= deadline) return undefined;
      await this.wake(id, Math.min(pollMs, Math.max(0, deadline - Date.now())));
      if (this.finals.has(id) || cancelled()) continue;
      const read = await this.client.getTransfer(this.config.token, id);
      if (read.kind === 'ok' && read.body.state !== 'prepared' && read.body.state !== 'proposed') await this.settle(read.body);
    }
  }

  async close(): Promise<void> {
    await this.socket?.close();
    for (const set of this.waiters.values()) for (const wake of set) wake();
  }

  private wake(id: string, ms: number): Promise<void> {
    return new Promise((done) => {
      const set = this.waiters.get(id) ?? new Set<() => void>();
      this.waiters.set(id, set);
      const finish = () => {
        clearTimeout(timer);
        set.delete(finish);
        if (set.size === 0) this.waiters.delete(id);
        done();
      };
      const timer = setTimeout(finish, ms);
      set.add(finish);
    });
  }

  /** Records a final state; an executed transfer without the fulfillment in hand has it read from the ledger. */
  private async settle(transfer: LedgerTransfer, fulfillment?: string): Promise<void> {
    if (this.finals.has(transfer.id)) return;
    if (transfer.state === 'executed') {
      let preimage = fulfillment;
      if (preimage === undefined) {
        const read = await this.client.getFulfillment(this.config.token, transfer.id);
        if (read.kind !== 'ok') return; // read again on the next poll
        preimage = read.body.fulfillment;
      }
      this.finals.set(transfer.id, { state: 'executed', fulfillment: Buffer.from(preimage, 'base64url') });
    } else if (transfer.state === 'rejected') {
      const message = transfer.rejection_message === undefined ? undefined : Buffer.from(transfer.rejection_message, 'base64');
      this.finals.set(transfer.id, { state: 'rejected', reason: transfer.rejection_reason ?? 'unknown', ...(message ? { message } : {}) });
    } else return;
    for (const wake of [...(this.waiters.get(transfer.id) ?? [])]) wake();
  }

  private onNotification(n: LedgerNotification, onIncoming: (link: LedgerAccountLink, transfer: LedgerTransfer) => void): void {
    if (!('state' in n.resource)) return;
    const transfer = n.resource;
    if (transfer.debit_account === this.config.account && (n.event === 'transfer.executed' || n.event === 'transfer.rejected')) {
      const fulfillment = n.event === 'transfer.executed' ? n.related_resources?.fulfillment?.fulfillment : undefined;
      void this.settle(transfer, fulfillment);
    } else if (transfer.credit_account === this.config.account && n.event === 'transfer.prepared' && transfer.execution_condition) {
      onIncoming(this, transfer);
    }
  }
}
