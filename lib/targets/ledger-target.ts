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
  /** How the report names it; default from origin and URL. */
  readonly description?: string;
}

export class LedgerTargetError extends Error {
  override readonly name = 'LedgerTargetError';
}

export class LedgerTarget implements Target<never> {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'ledger' as const;
  /** The ledger profile declares no optional capabilities yet. */
  readonly capabilities: ReadonlySet<never> = new Set();
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
  ) {}

  static async start(options: LedgerTargetOptions = {}): Promise<LedgerTarget> {
    const faults = typeof options.faults === 'string' ? options.faults : (options.faults ?? []).join(',');
    let running: RunningLedger | undefined;
    let adminToken: string;
    let baseUrl: string;
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
    const metadata = await new LedgerHttpClient({ baseUrl }).metadata();
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
      capabilities: [],
      ...(this.metadata?.version ? { version: this.metadata.version } : {}),
    };
  }
}
