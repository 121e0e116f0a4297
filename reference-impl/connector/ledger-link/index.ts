/**
 * The reference connector joining ledgers instead of ILP-over-HTTP peers (IL-RFC 1's payment flow over
 * IL-RFC 17 ledgers). It holds an account on each ledger and follows it. When a transfer to it is PREPARED
 * with an ILP Prepare in its memo, the Prepare runs through the connector's ordinary pipeline (pipeline.ts:
 * expiry, route, balances, rate, check-fulfillment, ...), whose next hop is the ledger transport: it
 * prepares the outgoing transfer to the receiver. When that is EXECUTED, the same preimage executes the
 * incoming transfer; when it is rejected or expires, the incoming transfer is rejected with the ILP Reject
 * as the rejection message.
 *
 *   const link = await startLedgerConnector({ ledgers: [{ url, account, token }, { url, account, token }] });
 *   await link.close();
 *
 * Closing stops everything at once, like a crash: transfers in flight are left to the ledgers' expiry.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { decodePrepare, encodePrepare, encodeReject, randomFulfillment } from '../../../lib/codec';
import type { IlpReply } from '../../../lib/codec/types';
import type { LedgerTransfer } from '../../../contracts/ledger-api';
import { describeLinkReply } from './ledger-client';
import { createConnector } from '../connector';
import { parseLinkFaults, type LinkFault } from './faults';
import type { LedgerAccountConfig, LedgerAccountLink } from './ledger-account';
import { followLedgerAccounts, type LedgerConnectorCommonOptions } from './ledger-accounts';
import { createLedgerTransport, type PaymentRecord } from './ledger-transport';
import { buildLinkTopology } from './link-topology';

export { LINK_FAULTS, type LinkFault } from './faults';
export type { LedgerAccountConfig } from './ledger-account';

export interface LedgerConnectorOptions extends LedgerConnectorCommonOptions {
  readonly ledgers: readonly LedgerAccountConfig[];
  /** Further routes: ILPv4 prefix (no trailing dot) -> ledger name. Each ledger's own prefix is routed to it. */
  readonly routes?: readonly { readonly prefix: string; readonly ledger: string }[];
  /** Value of one whole unit of each currency; default: one shared currency at par. */
  readonly rates?: Readonly<Record<string, string>>;
  /** Longest hold the connector puts on an outgoing transfer (default 30 s). */
  readonly maxHoldTimeMs?: number;
}

export interface RunningLedgerConnector {
  /** The connector's ILP address: its account's address on the first ledger. */
  readonly address: string;
  readonly ledgers: readonly { readonly name: string; readonly prefix: string; readonly address: string }[];
  close(): Promise<void>;
}

/** Room left before the incoming expiry when presenting its fulfillment or asking how the outgoing ended. */
const INCOMING_MARGIN_MS = 50;

export async function startLedgerConnector(opts: LedgerConnectorOptions): Promise<RunningLedgerConnector> {
  const faults = parseLinkFaults(opts.faults);
  const log = opts.log ?? (() => undefined);
  const minMessageWindowMs = opts.minMessageWindowMs ?? 400;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const payments = new AsyncLocalStorage<PaymentRecord>();
  const followed = await followLedgerAccounts(opts.ledgers, timeoutMs, log);
  const { links, close } = followed;
  const isClosed = () => followed.closed;

  let topology;
  try {
    topology = buildLinkTopology({
      address: links[0]!.address,
      ledgers: links,
      routes: opts.routes,
      rates: opts.rates,
      minMessageWindowMs,
      maxHoldTimeMs: opts.maxHoldTimeMs ?? 30_000,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const address = topology.sut.address;
  const byName = new Map(links.map((l) => [l.name, l]));
  const connector = createConnector({
    topology,
    send: createLedgerTransport({ links: byName, address, payments, faults, log }),
    log: (line) => log(line),
  });

  followed.serve(async (link, transfer) => {
    const incomingExpiresAt = Date.parse(transfer.expires_at ?? '');
    const record: PaymentRecord = { incomingExpiresAt };
    const { body, problem } = incomingPacket(link, transfer, incomingExpiresAt);
    let reply: IlpReply;
    if (problem) reply = { type: 14, code: 'F01', triggeredBy: address, message: problem, data: new Uint8Array(0) };
    else reply = (await payments.run(record, () => connector.handle(connector.peers.get(link.name)!, body))).reply;
    // The ledger, not the pipeline's timer, says how the outgoing transfer ended: one executed just as the
    // pipeline gave up still pays the connector back, if the incoming transfer has not expired yet.
    if (reply.type === 14 && record.outgoing) {
      const final = await record.outgoing.link.awaitFinal(record.outgoing.id, incomingExpiresAt - INCOMING_MARGIN_MS, isClosed);
      if (final?.state === 'executed') reply = { type: 13, fulfillment: final.fulfillment, data: new Uint8Array(0) };
    }
    if (followed.closed) return;
    if (reply.type === 13) await fulfillIncoming(link, transfer, reply.fulfillment);
    else await rejectIncoming(link, transfer, reply);
  });

  async function fulfillIncoming(link: LedgerAccountLink, transfer: LedgerTransfer, fulfillment: Uint8Array): Promise<void> {
    // FAULT late-incoming-fulfillment: wait until the incoming hold has expired. FAULT wrong-incoming-fulfillment.
    if (faults.has('late-incoming-fulfillment')) await sleepUntil(Date.parse(transfer.expires_at ?? '') + 200, isClosed);
    const preimage = faults.has('wrong-incoming-fulfillment') ? randomFulfillment() : fulfillment;
    if (followed.closed) return;
    const answer = await link.client.fulfill(link.config.token, transfer.id, preimage);
    log(`${link.name}: fulfilled incoming ${transfer.id}: ${answer.kind === 'ok' ? 'executed' : `LOST, ${describeLinkReply(answer)}`}`);
  }

  async function rejectIncoming(link: LedgerAccountLink, transfer: LedgerTransfer, reject: Extract<IlpReply, { type: 14 }>): Promise<void> {
    // FAULT never-reject-incoming: leave the sender's funds held until the ledger's expiry.
    if (faults.has('never-reject-incoming')) return;
    const answer = await link.client.reject(link.config.token, transfer.id, encodeReject(reject));
    log(`${link.name}: rejected incoming ${transfer.id} with ${reject.code}: ${answer.kind === 'ok' ? 'done' : describeLinkReply(answer)}`);
  }

  return {
    address,
    ledgers: links.map((l) => ({ name: l.name, prefix: l.prefix, address: l.address })),
    async close() {
      await close();
      await followed.settled();
    },
  };
}

/**
 * The bytes the pipeline gets for an incoming transfer: its memo, with the Prepare's expiry cut to the
 * transfer's (the ledger's hold is what the connector can rely on). A memo that is no Prepare goes through
 * as it is, for validate-prepare to answer F01; a Prepare that disagrees with its transfer is refused here.
 */
function incomingPacket(link: LedgerAccountLink, transfer: LedgerTransfer, expiresAt: number): { body: Uint8Array; problem?: string } {
  const memo = Buffer.from(transfer.memo ?? '', 'base64');
  let prepare;
  try {
    prepare = decodePrepare(memo, { mode: 'lenient' });
  } catch {
    return { body: memo };
  }
  const condition = Buffer.from(prepare.executionCondition).toString('base64url');
  if (condition !== transfer.execution_condition) return { body: memo, problem: `the memo's Prepare has condition ${condition}, the transfer ${transfer.execution_condition}` };
  const amount = link.units(transfer.amount);
  if (amount !== prepare.amount) return { body: memo, problem: `the memo's Prepare is for ${prepare.amount}, the transfer for ${amount ?? transfer.amount} (scale ${link.asset.scale})` };
  if (!Number.isFinite(expiresAt) || prepare.expiresAt.getTime() <= expiresAt) return { body: memo };
  return { body: encodePrepare({ ...prepare, expiresAt: new Date(expiresAt) }) };
}

async function sleepUntil(at: number, stop: () => boolean): Promise<void> {
  while (!stop() && Date.now() < at) await new Promise((done) => setTimeout(done, Math.min(50, at - Date.now())));
}
