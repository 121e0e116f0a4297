/**
 * A ledger under test, reached over its HTTP API (fixtures/openapi/ledger.openapi.yaml) through
 * LedgerHttpClient: an external ledger by URL with the admin token its operator gives, or the bundled
 * reference ledger on an ephemeral loopback port with an in-memory database and a fresh admin token.
 * Its metadata is read and schema-checked once at start; a ledger whose metadata breaks the API still
 * starts (only the metadata scenarios can judge it then), one that gives no answer does not.
 */
import { randomBytes } from 'node:crypto';
import type { LedgerMetadata } from '../../contracts/ledger-api';
import { startReferenceLedger, type RunningLedger } from './bundled-references';
import { LedgerHttpClient, describeLedgerReply } from './ledger-http';
import { FiveBellsClient } from './five-bells-client';
import type { RejectionCarrier } from './five-bells-wire';
import { DIALECT_CAPABILITIES, type LedgerApiClient, type LedgerCapability, type LedgerDialect } from './ledger-dialect';
import type { Transcript } from '../evidence/transcript';
import { TARGET_INTERFACE_VERSION, type Target, type TargetDescription, type TargetOrigin } from './target';

export interface LedgerTargetOptions {
  /** Base URL of an external ledger; absent: the bundled reference ledger. */
  readonly ledgerUrl?: string;
  /** External only: the admin token that opens fresh accounts per scenario. */
  readonly adminToken?: string;
  /** Bundled only: fault switches (self-test), comma-separated or a list. */
  readonly faults?: string | readonly string[];
  /** Bundled only: the reference ledger's settings where a scenario needs another ledger (ledger B). */
  readonly reference?: { readonly ilpPrefix?: string; readonly currencyCode?: string; readonly scale?: number };
  /** The API the ledger speaks (lib/targets/ledger-dialect.ts); default native. */
  readonly dialect?: LedgerDialect;
  /** Five Bells only: the admin account's name (default "admin"); the admin token is its password. */
  readonly adminUser?: string;
  /** How the report names it; default from origin and URL. */
  readonly description?: string;
}

export interface LedgerClientOptions {
  readonly transcript?: Transcript;
  readonly timeoutMs?: number;
  readonly rejectionCarrier?: RejectionCarrier;
}

export class LedgerTargetError extends Error {
  override readonly name = 'LedgerTargetError';
}

export class LedgerTarget implements Target<LedgerCapability> {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'ledger' as const;
  readonly capabilities: ReadonlySet<LedgerCapability>;
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly origin: TargetOrigin,
    readonly baseUrl: string,
    readonly adminToken: string,
    /** Undefined when the metadata broke the API: only the metadata scenarios can then judge the ledger. */
    readonly metadata: LedgerMetadata | undefined,
    /** Why `metadata` is undefined. */
    readonly metadataProblem: string | undefined,
    /** 'the bundled reference ledger' or the external URL, for messages. */
    readonly description: string,
    private readonly running: RunningLedger | undefined,
    readonly dialect: LedgerDialect = 'native',
    private readonly adminUser: string | undefined = undefined,
  ) {
    this.capabilities = new Set(DIALECT_CAPABILITIES[dialect]);
  }

  /**
   * A client speaking the ledger's dialect, answering in the native API's types. `rejectionCarrier` is for the
   * Five Bells dialect only (FiveBellsClientOptions): how the rejection message travels; the native API carries bytes.
   */
  client(options: LedgerClientOptions = {}): LedgerApiClient {
    return createLedgerClient(this.dialect, { baseUrl: this.baseUrl, adminToken: this.adminToken, ...(this.adminUser ? { adminUser: this.adminUser } : {}), ...(this.metadata ? { ilpPrefix: this.metadata.ilp_prefix } : {}), ...options });
  }

  static async start(options: LedgerTargetOptions = {}): Promise<LedgerTarget> {
    const faults = typeof options.faults === 'string' ? options.faults : (options.faults ?? []).join(',');
    let running: RunningLedger | undefined;
    let adminToken: string;
    let baseUrl: string;
    const dialect = options.dialect ?? 'native';
    if (dialect !== 'native' && !options.ledgerUrl) {
      throw new LedgerTargetError(`the ${dialect} ledger API is spoken only by an external ledger: give its URL with --ledger (ILP_LEDGER_URL); the bundled reference speaks the native API`);
    }
    if (options.ledgerUrl) {
      if (faults) throw new LedgerTargetError('fault switches apply only to the bundled reference ledger, not to an external URL');
      if (!options.adminToken) {
        throw new LedgerTargetError(`ledger ${options.ledgerUrl} given, but ILP_LEDGER_ADMIN_TOKEN is not set: the suite opens fresh accounts per scenario with it`);
      }
      adminToken = options.adminToken;
      baseUrl = options.ledgerUrl.replace(/\/+$/, '');
    } else {
      adminToken = randomBytes(24).toString('base64url');
      running = await startReferenceLedger({ adminToken, faults, ...options.reference });
      baseUrl = running.url;
    }
    const metadata = await createLedgerClient(dialect, { baseUrl, adminToken }).metadata();
    if (metadata.kind === 'transport-failure' || metadata.kind === 'refused') {
      await running?.close();
      throw new LedgerTargetError(`cannot use the ledger at ${baseUrl}: its metadata (GET /) gave ${describeLedgerReply(metadata)}`);
    }
    const description =
      options.description ?? (running ? `the bundled reference ledger${faults ? ` with faults ${faults}` : ''}` : `the ledger at ${baseUrl}`);
    return new LedgerTarget(
      running ? 'bundled-reference' : 'external',
      baseUrl,
      adminToken,
      metadata.kind === 'ok' ? metadata.body : undefined,
      metadata.kind === 'ok' ? undefined : `its metadata (GET /) gave ${describeLedgerReply(metadata)}`,
      description,
      running,
      dialect,
      options.adminUser,
    );
  }

  /** Started by `LedgerTarget.start`; serving from then on. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopping ??= this.running ? this.running.close() : Promise.resolve();
    return this.stopping;
  }

  close(): Promise<void> {
    return this.stop();
  }

  describe(): TargetDescription {
    return {
      kind: 'ledger',
      origin: this.origin,
      name: this.origin === 'bundled-reference' ? 'bundled reference ledger' : this.baseUrl,
      endpoint: this.baseUrl,
      capabilities: [...this.capabilities].sort(),
      details: { 'ledger API': this.dialect },
      ...(this.metadata?.version ? { version: this.metadata.version } : {}),
    };
  }
}

function createLedgerClient(
  dialect: LedgerDialect,
  options: { baseUrl: string; adminToken: string; adminUser?: string; ilpPrefix?: string; transcript?: Transcript; timeoutMs?: number; rejectionCarrier?: RejectionCarrier },
): LedgerApiClient {
  const { rejectionCarrier, ...common } = options;
  return dialect === 'five-bells' ? new FiveBellsClient({ ...common, ...(rejectionCarrier ? { rejectionCarrier } : {}) }) : new LedgerHttpClient(common);
}
