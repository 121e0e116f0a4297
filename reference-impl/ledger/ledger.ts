import type { LedgerMessage, LedgerMetadata } from '../../contracts/ledger-api';
import { formatAmount, MAX_UNITS } from './amount';
import { accountExists, authenticate, connectorNames, createAccount, getAccount, type AccountRequest } from './accounts';
import { createContext, sha256, takeEvents, type LedgerContext, type Principal } from './context';
import { fail, ok, type Result } from './errors';
import { ExpiryScheduler } from './expiry-scheduler';
import type { FaultSet } from './faults';
import { createNotifier, type Notifier } from './notifier';
import { openStore } from './store';
import * as transfers from './transfers';
import { accountAddress } from './views';

export interface LedgerSettings {
  /** SQLite file, or ':memory:'. */
  readonly dbPath: string;
  readonly adminToken: string;
  /** Ledger prefix in the ILP Addresses v1 form, ending in '.'; accounts are prefix + name. */
  readonly ilpPrefix: string;
  readonly currencyCode: string;
  readonly scale: number;
  readonly faults: FaultSet;
  readonly now?: () => number;
}

export const MAX_PAYLOAD_BYTES = 65535;

/**
 * The reference ledger without its HTTP skin: operations in, results out. It publishes the events each
 * operation committed, and keeps the expiry timer armed for every hold it creates.
 */
export class ReferenceLedger {
  readonly ctx: LedgerContext;
  readonly notifier: Notifier;
  private readonly scheduler: ExpiryScheduler;
  private readonly adminTokenHash: Buffer;

  constructor(private readonly settings: LedgerSettings) {
    // Start-up checks of the operator's settings: no scenario can reach them (the suite starts the ledger
    // right), ledger.test.ts does.
    // Stryker disable all: see above
    if (!/^(g|private|example|peer|self|test[1-3]?|local)[.]([A-Za-z0-9_~-]+[.])*$/.test(settings.ilpPrefix)) {
      throw new Error(`ilpPrefix ${JSON.stringify(settings.ilpPrefix)} is not an ILP address prefix ending in "." (e.g. test1.ledger.)`);
    }
    if (!Number.isInteger(settings.scale) || settings.scale < 0 || settings.scale > 18) {
      throw new Error(`scale ${settings.scale} must be an integer from 0 to 18`);
    }
    if (settings.adminToken.length < 16) throw new Error('adminToken must be at least 16 characters');
    // Stryker restore all
    this.adminTokenHash = sha256(settings.adminToken);
    const now = settings.now ?? Date.now;
    this.ctx = createContext(openStore(settings.dbPath), {
      scale: settings.scale,
      ilpPrefix: settings.ilpPrefix,
      currencyCode: settings.currencyCode,
      now,
      faults: settings.faults,
    });
    this.notifier = createNotifier(this.ctx, (name) => accountExists(this.ctx, name));
    this.scheduler = new ExpiryScheduler({
      sweep: () => transfers.expireDue(this.ctx),
      nextExpiry: () => transfers.nextExpiry(this.ctx),
      now,
      onSwept: (_expired, error) => {
        // Stryker disable next-line all: logging
        if (error) process.emitWarning(`reference ledger: expiry sweep failed: ${String(error)}`);
        this.flush();
      },
    });
    this.scheduler.start();
  }

  authenticate(token: string | undefined): Principal | undefined {
    return authenticate(this.ctx, this.adminTokenHash, token);
  }

  metadata(websocketUrl: string | undefined): LedgerMetadata {
    return {
      currency_code: this.settings.currencyCode,
      scale: this.settings.scale,
      // FAULT prefix-without-period
      ilp_prefix: this.ctx.faults.has('prefix-without-period') ? this.settings.ilpPrefix.slice(0, -1) : this.settings.ilpPrefix,
      connectors: connectorNames(this.ctx).map((name) => ({ name, ilp_address: accountAddress(this.ctx, name) })),
      max_amount: formatAmount(MAX_UNITS, this.settings.scale),
      max_memo_bytes: MAX_PAYLOAD_BYTES,
      max_message_bytes: MAX_PAYLOAD_BYTES,
      // Stryker disable next-line all: the socket's URL in the metadata: no RFC 17 requirement names it, and clients fall back to <base>/websocket
      ...(websocketUrl ? { urls: { websocket: websocketUrl } } : {}),
      // Stryker disable next-line all: the version string is shown, never judged
      version: 'ilp-conformance-reference-ledger/1',
    };
  }

  createAccount(principal: Principal, name: string, request: AccountRequest) {
    return this.run(() => createAccount(this.ctx, principal, name, request));
  }

  getAccount(principal: Principal, name: string) {
    return this.run(() => getAccount(this.ctx, principal, name));
  }

  prepareTransfer(principal: Principal, id: string, request: transfers.TransferRequest) {
    const result = this.run(() => transfers.prepareTransfer(this.ctx, principal, id, request));
    // Stryker disable next-line ConditionalExpression: arming the timer for a transfer that holds nothing only wakes the sweep early, which then finds nothing due
    if (result.ok && result.value.view.state === 'prepared' && result.value.view.expires_at) {
      this.scheduler.expiresAt(Date.parse(result.value.view.expires_at));
    }
    return result;
  }

  getTransfer(principal: Principal, id: string) {
    return this.run(() => transfers.getTransfer(this.ctx, principal, id));
  }

  executeTransfer(id: string, fulfillment: string) {
    return this.run(() => transfers.executeTransfer(this.ctx, id, fulfillment));
  }

  rejectTransfer(principal: Principal, id: string, message: string | undefined) {
    return this.run(() => transfers.rejectTransfer(this.ctx, principal, id, message));
  }

  getFulfillment(principal: Principal, id: string) {
    return this.run(() => transfers.getFulfillment(this.ctx, principal, id));
  }

  fulfillmentByCondition(condition: string) {
    return this.run(() => transfers.fulfillmentByCondition(this.ctx, condition));
  }

  /** POST /messages: `from` must be the caller's own account (LEDGER-010). */
  sendMessage(principal: Principal, message: LedgerMessage): Result<void> {
    const spoofable = this.ctx.faults.has('spoof-message-sender');
    // Stryker disable next-line ConditionalExpression: equivalent: the admin's principal has no name, so it never equals the sender's account
    if (!spoofable && (principal.kind !== 'account' || principal.name !== message.from)) {
      return fail({ kind: 'forbidden', reason: `messages can be sent only from the caller's own account, not ${message.from}` });
    }
    // Stryker disable next-line all: which refusal: without this the message is refused as heard by nobody (no socket can follow an account the ledger does not have); the error's id is the API's
    if (!accountExists(this.ctx, message.to)) {
      if (this.ctx.faults.has('messages-to-unknown-accounts')) return ok(undefined); // FAULT messages-to-unknown-accounts
      return fail({ kind: 'unknown-account', name: message.to });
    }
    const delivered = this.ctx.faults.has('drop-messages') ? 1 : this.notifier.deliver(message); // FAULT drop-messages
    // LEDGER-010: a message no socket receives is refused, so the sender never takes a lost message for a sent one.
    if (delivered === 0 && !this.ctx.faults.has('lose-unheard-messages')) return fail({ kind: 'no-subscriptions', account: message.to });
    return ok(undefined);
  }

  // Stryker disable next-line all: shutdown of the process or test harness: no scenario runs after it
  async close(): Promise<void> {
    this.scheduler.stop();
    await this.notifier.close();
    this.ctx.db.close();
  }

  /**
   * Runs an operation after expiring whatever is due (so no caller ever sees a hold past its expiry),
   * then publishes what committed. A thrown error (a broken invariant) becomes an internal error value.
   */
  private run<T>(operation: () => Result<T>): Result<T> {
    const result = caught(() => {
      transfers.expireDue(this.ctx);
      return operation();
    });
    this.flush();
    return result;
  }

  private flush(): void {
    const events = takeEvents(this.ctx);
    // Stryker disable next-line all: publishing no events is the same as not publishing
    if (events.length > 0) this.notifier.publish(events);
  }
}

// Stryker disable all: defensive: a broken invariant (a thrown error) becomes a 500; no request reaches it
/** The operation's result, or a thrown error as an internal error value. */
function caught<T>(operation: () => Result<T>): Result<T> {
  try {
    return operation();
  } catch (error) {
    return fail({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}
// Stryker restore all
