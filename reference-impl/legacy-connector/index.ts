/**
 * A 2017 (ILPv1) connector between two ledgers, the bundled reference for features/legacy/connector-ilpv1.feature.
 * In ILPv1 the ledger transfer carries the condition and the expiry (PKT-L06) and its memo the ILPv1 Payment
 * (type 1: the amount the destination receives, its address, data). The connector holds an account on each
 * ledger and follows it (the ledger link's LedgerAccountLink). For each transfer PREPARED to it on one ledger:
 *
 *   - the memo must hold an ILPv1 Payment (else F01), for an account under the other ledger's prefix (else F02);
 *   - the transfer's amount, at the connector's rate, must be worth at least the Payment's amount: ILPv1 has no
 *     TTL, the amount does that work (PKT-L05); else R01, and nothing is forwarded;
 *   - it prepares a transfer of the Payment's amount to that account, under the same condition, expiring
 *     `minMessageWindowMs` earlier (EXP-L01; else R02), with the same Payment as memo;
 *   - when that transfer executes, it presents the same fulfillment on the first ledger; when it is rejected
 *     with an ILPv1 Error in its message, it rejects the first with that error, its own address appended to
 *     `forwardedBy` (ERR-L01, ERR-L02); an expiry becomes its own R00, a bare refusal F99 of the receiver.
 *
 * Every error it raises is an ILPv1 Error (type 8) triggered by its address: its account's address on the
 * first ledger given.
 *
 *   const c = await startIlpv1Connector({ ledgers: [a, b], rate: '1' });
 *   await c.close();   // at once, like a crash: holds in flight are left to the ledgers' expiry
 */
import { decodeIlpV1Payment, encodeIlpV1Outcome, type IlpV1Error, type IlpV1Payment } from '../../lib/codec';
import type { LedgerTransfer } from '../../contracts/ledger-api';
import { describeLinkReply } from '../connector/ledger-link/ledger-client';
import type { LedgerAccountConfig, LedgerAccountLink } from '../connector/ledger-link/ledger-account';
import { followLedgerAccounts, type LedgerConnectorCommonOptions } from '../connector/ledger-link/ledger-accounts';
import { parseIlpv1ConnectorFaults } from './faults';
import { errorIn, ownError, relayedError } from './ilpv1-errors';
import { parseRate, worthAt } from './rate';
import { randomUUID } from 'node:crypto';

export { ILPV1_CONNECTOR_FAULTS, type Ilpv1ConnectorFault } from './faults';

export interface Ilpv1ConnectorOptions extends LedgerConnectorCommonOptions {
  /** Exactly two ledgers: the connector's account on each (opened with `"connector": true`). */
  readonly ledgers: readonly [LedgerAccountConfig, LedgerAccountConfig];
  /** Whole units paid out on the other ledger per whole unit received, either way (default "1"). */
  readonly rate?: string;
}

export interface RunningIlpv1Connector {
  /** The connector's ILP address: triggeredBy of its own errors, what it appends to forwardedBy. */
  readonly address: string;
  readonly rate: string;
  readonly ledgers: readonly { readonly name: string; readonly prefix: string; readonly address: string }[];
  close(): Promise<void>;
}

/** Room left before the incoming expiry to present its fulfillment or reject it. */
const INCOMING_MARGIN_MS = 50;

export async function startIlpv1Connector(opts: Ilpv1ConnectorOptions): Promise<RunningIlpv1Connector> {
  const faults = parseIlpv1ConnectorFaults(opts.faults);
  const rate = parseRate(opts.rate ?? '1');
  const log = opts.log ?? (() => undefined);
  const windowMs = opts.minMessageWindowMs ?? 400;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const followed = await followLedgerAccounts(opts.ledgers, timeoutMs, log);
  const links = followed.links;
  if (links[0]!.prefix === links[1]!.prefix) {
    await followed.close();
    throw new Error(`both ledgers have the prefix ${links[0]!.prefix}; a connector needs distinct prefixes (ADDR-L07)`);
  }
  const address = links[0]!.address;

  followed.serve(async (from, transfer) => {
    const to = links.find((l) => l !== from)!;
    const incomingExpiresAt = Date.parse(transfer.expires_at ?? '');
    const outcome = await forward(from, to, transfer, incomingExpiresAt);
    if (followed.closed) return;
    if ('fulfillment' in outcome) {
      const answer = await from.client.fulfill(from.config.token, transfer.id, outcome.fulfillment);
      log(`${from.name}: fulfilled incoming ${transfer.id}: ${answer.kind === 'ok' ? 'executed' : `LOST, ${describeLinkReply(answer)}`}`);
      return;
    }
    let message: Uint8Array;
    try {
      message = encodeIlpV1Outcome(outcome.error);
    } catch (error) {
      message = encodeIlpV1Outcome(ownError('T00', address, `cannot relay the error from ${to.name}: ${(error as Error).message}`));
    }
    const answer = await from.client.reject(from.config.token, transfer.id, message);
    log(`${from.name}: rejected incoming ${transfer.id} with ${outcome.error.code} (triggered by ${outcome.error.triggeredBy}): ${answer.kind === 'ok' ? 'done' : describeLinkReply(answer)}`);
  });

  /** Forwards one incoming transfer; answers the fulfillment to present, or the error to reject it with. */
  async function forward(from: LedgerAccountLink, to: LedgerAccountLink, transfer: LedgerTransfer, incomingExpiresAt: number): Promise<{ fulfillment: Buffer } | { error: IlpV1Error }> {
    let payment: IlpV1Payment;
    try {
      payment = decodeIlpV1Payment(Buffer.from(transfer.memo ?? '', 'base64'));
    } catch (error) {
      return { error: ownError('F01', address, `the transfer's memo holds no ILPv1 Payment: ${(error as Error).message}`) };
    }
    const account = to.accountOf(payment.account);
    if (!account) return { error: ownError('F02', address, `${payment.account} names no account under ${to.prefix}`) };
    const received = from.units(transfer.amount);
    if (received === undefined) return { error: ownError('F01', address, `amount ${transfer.amount} is not an amount of ${from.name}`) };
    const worth = worthAt(rate, received, from.asset.scale, to.asset.scale);
    // FAULT forwards-underfunded: skip the check that the amount received pays for the amount promised.
    if (worth < payment.amount && !faults.has('forwards-underfunded')) {
      return { error: ownError('R01', address, `received ${received} on ${from.name}, worth ${worth} on ${to.name} at rate ${rate.text}; the payment asks for ${payment.amount}`) };
    }
    // FAULT same-expiry-forward: the outgoing hold lasts as long as the incoming one.
    const expiresAt = faults.has('same-expiry-forward') ? incomingExpiresAt : incomingExpiresAt - windowMs;
    if (!Number.isFinite(expiresAt) || expiresAt <= Date.now()) return { error: ownError('R02', address, `the incoming transfer expires ${transfer.expires_at ?? 'never'}; ${windowMs} ms are kept back per hop`) };

    const id = randomUUID();
    const answer = await to.client.prepareTransfer(to.config.token, id, {
      debit_account: to.config.account,
      credit_account: account,
      amount: to.ledgerAmount(payment.amount),
      execution_condition: transfer.execution_condition!,
      expires_at: new Date(expiresAt).toISOString(),
      memo: transfer.memo!,
    });
    if (answer.kind !== 'ok') {
      const why = `${to.name} refused the transfer to ${account}: ${describeLinkReply(answer)}`;
      if (answer.kind === 'refused' && answer.error.id === 'InsufficientFundsError') return { error: ownError('T04', address, why) };
      if (answer.kind === 'refused' && (answer.error.id === 'UnknownAccountError' || answer.status === 404)) return { error: ownError('F02', address, why) };
      return { error: ownError('T00', address, why) };
    }
    log(`${to.name}: prepared ${id} of ${payment.amount} to ${account} (received ${received} on ${from.name}), expiring ${new Date(expiresAt).toISOString()}`);
    const final = await to.awaitFinal(id, Math.min(expiresAt + 2000, incomingExpiresAt - INCOMING_MARGIN_MS), () => followed.closed);
    if (final?.state === 'executed') return { fulfillment: final.fulfillment };
    if (final?.state === 'rejected') {
      const error = errorIn(final.message);
      if (error) return { error: relayedError(error, address, faults) };
      if (final.reason === 'expired') return { error: ownError('R00', address, `the transfer on ${to.name} expired`) };
      return { error: ownError('F99', `${to.prefix}${account}`, `rejected on ${to.name} (${final.reason}) without an ILPv1 Error`) };
    }
    return { error: ownError('R00', address, `${to.name} has not finished transfer ${id} before the incoming transfer expires`) };
  }

  return {
    address,
    rate: rate.text,
    ledgers: links.map((l) => ({ name: l.name, prefix: l.prefix, address: l.address })),
    async close() {
      await followed.close();
      await followed.settled();
    },
  };
}
