/**
 * Per-peer balances, in the peer's own asset and scale, from the connector's point of view:
 * `balance` rises when the peer's packet to us is fulfilled (we owe the peer) and falls when our packet to
 * the peer is fulfilled (the peer owes us). Pending amounts are reserved while a packet is in flight and
 * are committed to `balance` on Fulfill only (RFC 27 step 10, AMT-004); a Reject or expiry releases them.
 * The limits live in the topology (peer.balance.minimum / maximum); the balance rules enforce them.
 */
import type { IlpReply } from '../../lib/codec/types';

export interface Account {
  balance: bigint;
  /** Sum of incoming Prepares from this peer still in flight. */
  pendingIncoming: bigint;
  /** Sum of outgoing Prepares to this peer still in flight. */
  pendingOutgoing: bigint;
}

/**
 * Keeps `amount` pending on one side of `account` while `forward` runs, then settles: a Fulfill commits it
 * to the balance (incoming raises it, outgoing lowers it); a Reject or a thrown error only releases it.
 */
export async function reserveUntilReply(
  account: Account,
  side: 'incoming' | 'outgoing',
  amount: bigint,
  forward: () => Promise<IlpReply>,
): Promise<IlpReply> {
  const pending = side === 'incoming' ? 'pendingIncoming' : 'pendingOutgoing';
  account[pending] += amount;
  let fulfilled = false;
  try {
    const reply = await forward();
    fulfilled = reply.type === 13;
    return reply;
  } finally {
    account[pending] -= amount;
    if (fulfilled) account.balance += side === 'incoming' ? amount : -amount;
  }
}

export class BalanceBook {
  private readonly accounts = new Map<string, Account>();

  constructor(peerNames: readonly string[]) {
    for (const name of peerNames) this.accounts.set(name, { balance: 0n, pendingIncoming: 0n, pendingOutgoing: 0n });
  }

  account(peerName: string): Account {
    const account = this.accounts.get(peerName);
    if (!account) throw new Error(`no account for peer "${peerName}"`);
    return account;
  }

  /** A copy, for logs and tests. */
  snapshot(peerName: string): Readonly<Account> {
    return { ...this.account(peerName) };
  }
}
