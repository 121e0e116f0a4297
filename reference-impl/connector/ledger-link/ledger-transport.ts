/**
 * The pipeline's `send` when the next hop is a ledger: prepares a transfer from the connector's account to
 * the account the destination names, under the Prepare's condition and (already reduced) expiry, for its
 * (already converted) amount, with the forwarded Prepare in the memo; then waits for the ledger to execute it
 * (the receiver's fulfillment comes back as a Fulfill) or reject it (its ILP Reject is relayed; an expiry or a
 * bare refusal becomes a Reject of ours). The rules around it (outgoing-expiry, check-fulfillment, balances)
 * are the pipeline's, unchanged.
 *
 * Each incoming payment runs inside `payments.run(record, ...)`; the transport notes the outgoing transfer in
 * that record, so the link can ask the ledger how it really ended before it rejects the incoming transfer.
 */
import { randomUUID } from 'node:crypto';
import type { AsyncLocalStorage } from 'node:async_hooks';
import { decodeReject, encodePrepare } from '../../../lib/codec';
import type { IlpReject, IlpReply } from '../../../lib/codec/types';
import { describeLinkReply } from './ledger-client';
import type { SendPrepare } from '../transport';
import { TransportError } from '../transport';
import type { LinkFault } from './faults';
import type { FinalState, LedgerAccountLink } from './ledger-account';

export interface PaymentRecord {
  /** The incoming transfer's expiry (ms since the epoch). */
  readonly incomingExpiresAt: number;
  outgoing?: { readonly link: LedgerAccountLink; readonly id: string };
}

export interface LedgerTransportOptions {
  readonly links: ReadonlyMap<string, LedgerAccountLink>;
  /** The connector's address: triggeredBy of the Rejects it makes up. */
  readonly address: string;
  readonly payments: AsyncLocalStorage<PaymentRecord>;
  readonly faults: ReadonlySet<LinkFault>;
  readonly log: (line: string) => void;
}

/** How long past the forwarded expiry the transport waits for the ledger, should nothing cancel it. */
const AFTER_EXPIRY_MS = 2000;

export function createLedgerTransport(opts: LedgerTransportOptions): SendPrepare {
  return async (peer, prepare, cancellation) => {
    const link = opts.links.get(peer.name);
    if (!link) throw new TransportError('unreachable', `no ledger link named ${peer.name}`);
    const account = link.accountOf(prepare.destination);
    if (!account) return reject(opts.address, 'F02', `${prepare.destination} names no account under ${link.prefix}`);
    const record = opts.payments.getStore();
    // FAULT same-expiry-forward: the outgoing hold lasts as long as the incoming one.
    const forwarded = opts.faults.has('same-expiry-forward') && record ? { ...prepare, expiresAt: new Date(record.incomingExpiresAt) } : prepare;
    const id = randomUUID();
    const answer = await link.client.prepareTransfer(link.config.token, id, {
      debit_account: link.config.account,
      credit_account: account,
      amount: link.ledgerAmount(forwarded.amount),
      execution_condition: Buffer.from(forwarded.executionCondition).toString('base64url'),
      expires_at: forwarded.expiresAt.toISOString(),
      memo: Buffer.from(encodePrepare(forwarded)).toString('base64'),
    });
    switch (answer.kind) {
      case 'ok':
        break;
      case 'refused':
        if (answer.error.id === 'InsufficientFundsError') return reject(opts.address, 'T04', `${link.name} refused the transfer: ${answer.error.message}`);
        if (answer.error.id === 'UnknownAccountError' || answer.status === 404) return reject(opts.address, 'F02', `${link.name} has no account ${account}`);
        return reject(opts.address, 'F00', `${link.name} refused the transfer: ${answer.error.id}`);
      case 'invalid-response':
        throw new TransportError('invalid-reply', `${link.name} answered the prepare outside its API: ${describeLinkReply(answer)}`);
      case 'transport-failure':
        throw new TransportError('unreachable', `${link.name}: ${answer.reason}`);
    }
    if (record) record.outgoing = { link, id };
    opts.log(`${link.name}: prepared ${id} of ${forwarded.amount} to ${account}, expiring ${forwarded.expiresAt.toISOString()}`);
    const final = await link.awaitFinal(id, forwarded.expiresAt.getTime() + AFTER_EXPIRY_MS, () => cancellation.cancelled);
    if (!final) throw new TransportError('aborted', `${link.name} has not finished transfer ${id}`);
    return replyOf(final, opts.address, `${link.prefix}${account}`, link.name);
  };
}

/** The ILP reply a transfer's final state stands for. */
export function replyOf(final: FinalState, connector: string, receiver: string, ledger: string): IlpReply {
  if (final.state === 'executed') return { type: 13, fulfillment: final.fulfillment, data: new Uint8Array(0) };
  if (final.message) {
    try {
      return decodeReject(final.message, { mode: 'lenient' });
    } catch {
      // not an ILP Reject: described below
    }
  }
  if (final.reason === 'expired') return reject(connector, 'R00', `the transfer on ${ledger} expired`);
  const text = final.message ? final.message.toString('utf8').replace(/[^\x20-\x7e]/g, '?').slice(0, 200) : '';
  return reject(receiver, 'F99', `rejected on ${ledger} (${final.reason})${text ? `: ${text}` : ''}`);
}

function reject(triggeredBy: string, code: string, message: string): IlpReject {
  return { type: 14, code, triggeredBy, message, data: new Uint8Array(0) };
}
