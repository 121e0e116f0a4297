/**
 * A 2017 (ILPv1) payment across two ledgers with the connector under test between them
 * (features/legacy/connector-ilpv1.feature): ledger A holds alice's transfer to the connector, under the
 * condition and expiry, with the ILPv1 Payment (type 1) in its memo; the connector pays bob on ledger B.
 * Both ledgers are the scenario's own: bundled reference ledgers, or the external ones that
 * ilpv1-connector-config.ts names together with an external connector. Each ledger is driven through its
 * own LedgerScenario, so holders, balances and the cross-ledger judge are shared with payments-across-ledgers.
 * Rejection messages are ILPv1 Errors (type 8): over the Five Bells API the rejection body is that error's
 * JSON form (rejectionCarrier 'ilpv1-error', lib/targets/five-bells-ilpv1-rejection.ts), which holds one
 * forwarded_by address; a scenario that needs more is not observable there (`notObservable`).
 */
import { encodeIlpV1Payment, randomFulfillment, type IlpV1Error } from '../../lib/codec';
import { notCarried } from '../../lib/targets/five-bells-ilpv1-rejection';
import { ilpv1PacketAmount } from './ilpv1-packet-amount';
import { describeLedgerReply } from '../../lib/targets/ledger-http';
import type { LedgerHttpClient } from '../../lib/targets/ledger-http';
import { startIlpv1Connector, type RunningIlpv1Connector } from '../../lib/targets/bundled-references';
import { LedgerTarget } from '../../lib/targets/ledger-target';
import type { IlpWorld } from '../world';
import { awaitFinalTransfer, type CrossPayment, type LedgerName, type TwoLedgerPayment } from './cross-ledger-scenario';
import { LedgerScenario } from './ledger-scenario';
import { unitsOf } from './ledger-judge';
import { ilpv1ConnectorSettings, ilpv1ReferenceFaults, type Ilpv1ConnectorSettings } from './ilpv1-connector-config';
import { announceTarget } from './target-hooks';

/** Time the bundled connector keeps back on each hop. */
export const ILPV1_MESSAGE_WINDOW_MS = 300;

/** An ILPv1 payment: the cross-ledger record, with the ILPv1 Payment alice put in her transfer's memo. */
export interface Ilpv1Payment extends CrossPayment {
  readonly packet: Buffer;
  readonly destinationAmount: bigint;
}

export class Ilpv1ConnectorScenario implements TwoLedgerPayment {
  readonly ledgers: Record<LedgerName, LedgerScenario>;
  readonly linkLog: string[] = [];
  connector: RunningIlpv1Connector | undefined;
  payment: Ilpv1Payment | undefined;
  /** The ILPv1 Error the receiver rejected the outgoing transfer with, to compare with what reaches alice. */
  sentError: IlpV1Error | undefined;
  /** The most the feature says the connector pays per unit received; the bundled connector is started with it. */
  rate = '1';

  constructor(
    readonly world: IlpWorld,
    a: LedgerScenario,
    b: LedgerScenario,
    readonly external: Ilpv1ConnectorSettings | undefined,
  ) {
    this.ledgers = { A: a, B: b };
  }

  get connectorAddress(): string | undefined {
    return this.external?.address ?? this.connector?.address;
  }

  /**
   * Every address the connector goes by: its account's on each ledger (prefix + account name) and the one
   * declared. IL-RFC 3 (2017) says a connector appends "its address" to forwardedBy and triggers its own
   * errors under it, without saying which of its addresses: either one passes.
   */
  get connectorAddresses(): readonly string[] {
    const external = this.external;
    const own = external
      ? (['A', 'B'] as const).map((name) => `${this.ledgers[name].metadata.ilp_prefix}${external.ledgers[name].connectorAccount}`)
      : (this.connector?.ledgers.map((l) => l.address) ?? []);
    return [...new Set([...(this.connectorAddress ? [this.connectorAddress] : []), ...own])];
  }

  /**
   * Why an ILPv1 Error with this forwardedBy cannot pass a ledger of the scenario, or undefined when it can:
   * the Five Bells API's rejection holds one forwarded_by address.
   */
  notObservable(forwardedBy: readonly string[], on: readonly LedgerName[] = ['A', 'B']): string | undefined {
    const fiveBells = on.filter((name) => this.ledgers[name].target.dialect === 'five-bells');
    if (fiveBells.length === 0) return undefined;
    const problem = notCarried({ forwardedBy });
    return problem && `${problem} (ledger ${fiveBells.join(' and ')}, the Five Bells Ledger API)`;
  }

  /** Bundled: opens the connector's accounts, as connector accounts. External: adopts its accounts, which must hold `balance`. */
  async openConnector(word: string, balance: bigint): Promise<void> {
    for (const name of ['A', 'B'] as const) {
      const s = this.ledgers[name];
      if (!this.external) {
        await s.openAccount(word, balance, { connector: true });
        continue;
      }
      s.holders.set(word, { word, account: this.external.ledgers[name].connectorAccount, token: '' });
      const read = await s.account(word);
      const units = read.kind === 'ok' ? unitsOf(read.body.balance, s.scale) : undefined;
      if (units === undefined || units < balance * 10n ** BigInt(s.scale)) {
        throw new Error(`setup: the connector's account ${this.external.ledgers[name].connectorAccount} on ledger ${name} must hold at least ${balance}; ${read.kind === 'ok' ? `it holds ${read.body.balance}` : describeLedgerReply(read)}`);
      }
    }
  }

  /**
   * The most the connector pays out per unit received, which the feature's amounts are chosen under; a
   * connector may keep a spread (pay less). An external connector declared with a higher rate stops the scenario.
   */
  assumeRate(atMost: string): void {
    if (this.connector) throw new Error('setup: the connector is already running; state its rate before the first payment');
    if (this.external && !(Number(this.external.rate) <= Number(atMost))) {
      throw new Error(`setup: the feature's amounts assume the connector pays at most ${atMost} per unit received; the external connector was declared with ILP_V1_CONNECTOR_RATE ${this.external.rate}`);
    }
    this.rate = atMost;
  }

  /** Starts the bundled connector once (an external one runs already); a start failure is a setup failure. */
  async ensureConnector(word: string): Promise<void> {
    if (this.external || this.connector) return;
    const on = (name: LedgerName) => {
      const s = this.ledgers[name];
      const h = s.holder(word);
      return { url: s.target.baseUrl, account: h.account, token: h.token, name: `ledger ${name}` };
    };
    const connector = await startIlpv1Connector({
      ledgers: [on('A'), on('B')],
      rate: this.rate,
      minMessageWindowMs: ILPV1_MESSAGE_WINDOW_MS,
      faults: ilpv1ReferenceFaults(this.world),
      timeoutMs: 5000 * this.world.timeoutMultiplier,
      log: (line) => this.linkLog.push(`${new Date().toISOString()} ${line}`),
    });
    this.connector = connector;
    this.world.defer(async () => {
      await connector.close();
      if (this.linkLog.length) this.world.attach(this.linkLog.join('\n'), { mediaType: 'text/plain', fileName: 'ilpv1-connector-log.txt' });
    });
  }

  /**
   * `from` on ledger A sends `amount` to `via`, held under a fresh condition, with an ILPv1 Payment in the memo
   * for `to`'s address on ledger B to receive `destinationAmount`. Then waits (bounded) until `to` is told of a
   * transfer prepared for them on ledger B, or the transfer on ledger A is no longer prepared (the connector
   * refused it). A refused prepare on A is a setup failure.
   */
  async pay(from: string, to: string, via: string, amount: bigint, destinationAmount: bigint, expiresInMs: number): Promise<void> {
    const { A, B } = this.ledgers;
    await this.ensureConnector(via);
    await B.listen(to);
    if (B.last?.reply.kind !== 'ok') throw new Error(`${to} could not follow their account on ledger B: ${B.last ? describeLedgerReply(B.last.reply) : 'no answer'}`);
    const preimage = Buffer.from(randomFulfillment());
    const packet = Buffer.from(encodeIlpV1Payment({ amount: ilpv1PacketAmount(destinationAmount, B.scale), account: `${B.metadata.ilp_prefix}${B.holder(to).account}`, data: Buffer.from('ilpv1 conformance') }));
    await A.prepare(from, via, amount, { expiresInMs, memo: packet, preimage });
    if (A.last?.reply.kind !== 'ok') throw new Error(`setup failed: ${A.last?.action}: ${A.last ? describeLedgerReply(A.last.reply) : 'no answer'}`);
    const payment: Ilpv1Payment = { preimage, incomingId: A.transfer.id, amount, packet, destinationAmount };
    this.payment = payment;
    const account = B.holder(to).account;
    const deadline = Date.now() + B.notificationWaitMs;
    while (Date.now() < deadline) {
      const found = await B.stream(to).waitFor((n) => n.event === 'transfer.prepared' && 'state' in n.resource && n.resource.credit_account === account, 150);
      if (found && 'state' in found.resource) {
        payment.outgoing = found.resource;
        return;
      }
      const incoming = await A.client.getTransfer(A.target.adminToken, payment.incomingId);
      if (incoming.kind === 'ok' && incoming.body.state !== 'prepared') return;
    }
  }

  get current(): Ilpv1Payment {
    if (!this.payment) throw new Error('no payment yet; add "When alice sends 10 on ledger A through connie, for bob to receive 9 on ledger B, expiring in 2 s"');
    return this.payment;
  }

  finalTransfer(ledger: LedgerName, id: string, expiresAt: string | undefined, token?: string): ReturnType<LedgerHttpClient['getTransfer']> {
    return awaitFinalTransfer(this.ledgers[ledger], id, expiresAt, token);
  }

  async letHoldsEnd(): Promise<void> {
    const p = this.current;
    await this.finalTransfer('A', p.incomingId, this.ledgers.A.transfer.request.expires_at);
    if (p.outgoing) await this.finalTransfer('B', p.outgoing.id, p.outgoing.expires_at);
  }
}

/** A ledger of the scenario: the external one named, or a fresh bundled reference ledger with `prefix`. */
async function startLedger(world: IlpWorld, name: LedgerName, settings: Ilpv1ConnectorSettings | undefined, prefix: string): Promise<LedgerTarget> {
  const external = settings?.ledgers[name];
  const target = await LedgerTarget.start(
    external
      ? { ledgerUrl: external.url, adminToken: external.adminToken, dialect: external.dialect, ...(external.adminUser ? { adminUser: external.adminUser } : {}), description: `ledger ${name} at ${external.url}` }
      : { reference: { ilpPrefix: prefix, currencyCode: 'USD', scale: 2 }, description: `ledger ${name} (a bundled reference ledger)` },
  );
  world.defer(() => target.stop());
  if (!target.metadata) throw new Error(`ledger ${name} gave no usable metadata: ${target.metadataProblem}`);
  return target;
}

/** The scenario's ILPv1 state, created (both ledgers started) on first use. */
export async function ilpv1ConnectorScenario(world: IlpWorld): Promise<Ilpv1ConnectorScenario> {
  const holder = world.scoped<{ value?: Ilpv1ConnectorScenario }>('ilpv1-connector', () => ({}));
  if (!holder.value) {
    const settings = ilpv1ConnectorSettings(world);
    const a = await startLedger(world, 'A', settings, 'test1.ledger.');
    const b = await startLedger(world, 'B', settings, 'test2.ledger.');
    announceTarget(world, {
      describe: () => ({
        kind: 'connector',
        origin: settings ? 'external' : 'bundled-reference',
        name: settings ? `ILPv1 connector ${settings.address}` : 'bundled ILPv1 connector',
        endpoint: settings ? `${settings.ledgers.A.url} + ${settings.ledgers.B.url}` : 'two bundled reference ledgers',
        capabilities: [],
        details: { protocol: 'ILPv1 (IL-RFC 3, 2017) over ledger transfers' },
      }),
    });
    const carrier = { rejectionCarrier: 'ilpv1-error' } as const;
    holder.value = new Ilpv1ConnectorScenario(world, new LedgerScenario(world, a, carrier), new LedgerScenario(world, b, carrier), settings);
  }
  return holder.value;
}

/** This scenario's ILPv1 state if it has one, never creating it. */
export function existingIlpv1Scenario(world: IlpWorld): Ilpv1ConnectorScenario | undefined {
  return world.scoped<{ value?: Ilpv1ConnectorScenario }>('ilpv1-connector', () => ({})).value;
}
