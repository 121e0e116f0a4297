/**
 * Per-peer balances, in the peer's own asset and scale, from the connector's point of view:
 * `balance` rises when the peer's packet to us is fulfilled (we owe the peer) and falls when our packet to
 * the peer is fulfilled (the peer owes us). Pending amounts are reserved while a packet is in flight and
 * are committed to `balance` on Fulfill only (RFC 27 step 10, AMT-004); a Reject or expiry releases them.
 * The limits live in the topology (peer.balance.minimum / maximum); the balance rules enforce them.
 */
export interface Account {
  balance: bigint;
  /** Sum of incoming Prepares from this peer still in flight. */
  pendingIncoming: bigint;
  /** Sum of outgoing Prepares to this peer still in flight. */
  pendingOutgoing: bigint;
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
