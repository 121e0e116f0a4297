/**
 * A payment across ledgers: ledger A (the ledger under test, the worker's; see ledger-worker.ts), ledger B (a
 * second reference ledger started for the scenario, with the same currency and another prefix), and connie,
 * the reference connector's ledger link (reference-impl/connector/ledger-link) holding an account on each.
 * Each ledger is driven through its own LedgerScenario, so holders, balances and judging are the ledger
 * steps' own. The link starts on the first payment, so a Given may still switch a fault on before it.
 */
import { conditionOf, encodePrepare, randomFulfillment } from '../../lib/codec';
import { LedgerHttpClient, describeLedgerReply } from '../../lib/targets/ledger-http';
import { type LedgerTransfer } from '../../contracts/ledger-api';
import { startLedgerConnector, type RunningLedgerConnector } from '../../lib/targets/bundled-references';
import { LedgerTarget } from '../../lib/targets/ledger-target';
import type { IlpWorld } from '../world';
import { EXPIRY_GRACE_MS, LedgerScenario, sleep } from './ledger-scenario';
import { ledgerTarget } from './ledger-worker';

export type LedgerName = 'A' | 'B';

/** Time the connector keeps back on each hop: its outgoing hold ends this long before the incoming one. */
export const LINK_MESSAGE_WINDOW_MS = 300;

export interface CrossPayment {
  readonly preimage: Buffer;
  /** The transfer alice prepared on ledger A (also `ledgers.A.transfer`). */
  readonly incomingId: string;
  readonly amount: bigint;
  /** The transfer connie prepared to the receiver on ledger B, as the receiver was told of it. */
  outgoing?: LedgerTransfer;
}

/**
 * What the cross-ledger steps and judge use of a payment across two ledgers, whichever connector carries it:
 * the ILPv4 ledger link here, or the ILPv1 connector of features/legacy/connector-ilpv1.feature
 * (ilpv1-connector-scenario.ts).
 */
export interface TwoLedgerPayment {
  readonly world: IlpWorld;
  readonly ledgers: Record<LedgerName, LedgerScenario>;
  readonly current: CrossPayment;
  /** The connector's log lines (the bundled one's; empty for an external connector), quoted by failures. */
  readonly linkLog: readonly string[];
  /** The connector's ILP address once it runs: what it names as triggeredBy. */
  readonly connectorAddress: string | undefined;
  /** The connector's accounts on both ledgers. */
  openConnector(word: string, balance: bigint): Promise<void>;
  finalTransfer(ledger: LedgerName, id: string, expiresAt: string | undefined, token?: string): ReturnType<LedgerHttpClient['getTransfer']>;
  letHoldsEnd(): Promise<void>;
}

/** Waits (bounded) until the transfer with `id` on `s` is no longer prepared (past its expiry plus grace), and returns it as read. */
export async function awaitFinalTransfer(s: LedgerScenario, id: string, expiresAt: string | undefined, token?: string): ReturnType<LedgerHttpClient['getTransfer']> {
  const until = Math.max(Date.now(), Date.parse(expiresAt ?? '') || 0) + EXPIRY_GRACE_MS * s.world.timeoutMultiplier;
  let reply = await s.client.getTransfer(token ?? s.target.adminToken, id);
  while (reply.kind === 'ok' && (reply.body.state === 'prepared' || reply.body.state === 'proposed') && Date.now() < until) {
    await sleep(40);
    reply = await s.client.getTransfer(token ?? s.target.adminToken, id);
  }
  return reply;
}

export class CrossLedgerScenario implements TwoLedgerPayment {
  readonly ledgers: Record<LedgerName, LedgerScenario>;
  /** The link's fault switches: the self-test's (world parameter referenceLinkFaults, or ILP_REFERENCE_LINK_FAULTS),
   * plus any a Given adds to script connie's behaviour (connie is the ledgers' neighbour, not the SUT). */
  readonly linkFaults: string[];
  link: RunningLedgerConnector | undefined;
  payment: CrossPayment | undefined;
  readonly linkLog: string[] = [];

  constructor(
    readonly world: IlpWorld,
    a: LedgerScenario,
    b: LedgerScenario,
  ) {
    this.ledgers = { A: a, B: b };
    const asked = (world.parameters as { referenceLinkFaults?: string }).referenceLinkFaults ?? process.env.ILP_REFERENCE_LINK_FAULTS ?? '';
    this.linkFaults = asked.split(',').map((s) => s.trim()).filter(Boolean);
  }


  /** connie's accounts, opened as connector accounts on both ledgers. */
  async openConnector(word: string, balance: bigint): Promise<void> {
    await this.ledgers.A.openAccount(word, balance, { connector: true });
    await this.ledgers.B.openAccount(word, balance, { connector: true });
  }

  /** Starts connie's link once; a start failure is a setup failure. */
  async ensureLink(word: string): Promise<RunningLedgerConnector> {
    if (this.link) return this.link;
    const on = (name: LedgerName) => {
      const s = this.ledgers[name];
      const h = s.holder(word);
      return { url: s.target.baseUrl, account: h.account, token: h.token, name: `ledger ${name}` };
    };
    this.link = await startLedgerConnector({
      ledgers: [on('A'), on('B')],
      minMessageWindowMs: LINK_MESSAGE_WINDOW_MS,
      faults: this.linkFaults,
      timeoutMs: 5000 * this.world.timeoutMultiplier,
      log: (line) => this.linkLog.push(`${new Date().toISOString()} ${line}`),
    });
    const link = this.link;
    this.world.defer(async () => {
      await link.close();
      if (this.linkLog.length) this.world.attach(this.linkLog.join('\n'), { mediaType: 'text/plain', fileName: 'connector-link-log.txt' });
    });
    return link;
  }

  /**
   * `from` on ledger A pays `to` on ledger B through `via`: a transfer to `via` on A, held under a fresh
   * condition, carrying in its memo the ILP Prepare for `to`'s address on B. Then waits (bounded) for `to` to
   * be told of the transfer `via` prepares on B. A refused prepare on A is a setup failure.
   */
  async pay(from: string, to: string, via: string, amount: bigint, expiresInMs: number): Promise<void> {
    const { A, B } = this.ledgers;
    await this.ensureLink(via);
    await B.listen(to);
    if (B.last?.reply.kind !== 'ok') throw new Error(`${to} could not follow their account on ledger B: ${B.last ? describeLedgerReply(B.last.reply) : 'no answer'}`);
    const preimage = Buffer.from(randomFulfillment());
    const destination = `${B.metadata.ilp_prefix}${B.holder(to).account}`;
    const memo = encodePrepare({
      amount: amount * 10n ** BigInt(A.scale),
      expiresAt: new Date(Date.now() + expiresInMs),
      executionCondition: conditionOf(preimage),
      destination,
      data: new Uint8Array(0),
    });
    await A.prepare(from, via, amount, { expiresInMs, memo, preimage });
    if (A.last?.reply.kind !== 'ok') throw new Error(`setup failed: ${A.last?.action}: ${A.last ? describeLedgerReply(A.last.reply) : 'no answer'}`);
    const payment: CrossPayment = { preimage, incomingId: A.transfer.id, amount };
    this.payment = payment;
    const toAccount = B.holder(to).account;
    const found = await B.stream(to).waitFor(
      (n) => n.event === 'transfer.prepared' && 'state' in n.resource && n.resource.credit_account === toAccount,
      B.notificationWaitMs,
    );
    if (found && 'state' in found.resource) payment.outgoing = found.resource;
  }

  get current(): CrossPayment {
    if (!this.payment) throw new Error('no payment yet; add "When alice pays bob 10 through connie, expiring in 2 s"');
    return this.payment;
  }

  finalTransfer(ledger: LedgerName, id: string, expiresAt: string | undefined, token?: string): ReturnType<LedgerHttpClient['getTransfer']> {
    return awaitFinalTransfer(this.ledgers[ledger], id, expiresAt, token);
  }

  get connectorAddress(): string | undefined {
    return this.link?.address;
  }

  /** Waits until both the incoming and (if there is one) the outgoing transfer of the payment are final. */
  async letHoldsEnd(): Promise<void> {
    const p = this.current;
    await this.finalTransfer('A', p.incomingId, this.ledgers.A.transfer.request.expires_at);
    if (p.outgoing) await this.finalTransfer('B', p.outgoing.id, p.outgoing.expires_at);
  }
}

/** Ledger B: a reference ledger for this scenario only, in ledger A's currency and scale, with another prefix. */
async function startLedgerB(world: IlpWorld, a: LedgerTarget): Promise<LedgerTarget> {
  const metadata = a.metadata;
  if (!metadata) throw new Error(`cannot join ${a.description} to a second ledger: ${a.metadataProblem}`);
  const prefix = ['test2.ledger.', 'test3.ledger.'].find((p) => p !== metadata.ilp_prefix)!;
  const b = await LedgerTarget.start({
    reference: { ilpPrefix: prefix, currencyCode: metadata.currency_code, scale: metadata.scale },
    description: 'ledger B (a second reference ledger)',
  });
  world.defer(() => b.stop());
  if (!b.metadata) throw new Error(`ledger B (reference) gave no metadata: ${b.metadataProblem}`);
  return b;
}

/** The scenario's cross-ledger state, created (ledger B started) on first use. */
export async function crossLedgerScenario(world: IlpWorld): Promise<CrossLedgerScenario> {
  const holder = world.scoped<{ value?: CrossLedgerScenario }>('cross-ledger', () => ({}));
  if (!holder.value) {
    const a = await ledgerTarget(world);
    const b = await startLedgerB(world, a);
    holder.value = new CrossLedgerScenario(world, new LedgerScenario(world, a), new LedgerScenario(world, b));
  }
  return holder.value;
}
