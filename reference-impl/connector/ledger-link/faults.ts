/**
 * Named ways to break the ledger link on purpose (DESIGN decision 13), like the connector's faults.ts. Each
 * one breaks one duty of a connector that joins ledgers, so a cross-ledger scenario must notice it.
 * `late-incoming-fulfillment` is also how the scenarios produce the connector's risk case (outgoing
 * executed, incoming expired): a connector too slow to pass the fulfillment back in time.
 */
export const LINK_FAULTS = {
  'late-incoming-fulfillment': 'present the fulfillment on the incoming ledger only after the incoming transfer has expired',
  'wrong-incoming-fulfillment': 'present a random 32-byte preimage on the incoming ledger instead of the one the receiver revealed',
  'never-reject-incoming': 'leave the incoming transfer prepared when the payment fails, instead of rejecting it',
  'same-expiry-forward': 'prepare the outgoing transfer with the incoming expiry instead of an earlier one',
} as const;

export type LinkFault = keyof typeof LINK_FAULTS;

/** Parses fault names (an array, or the comma-separated form of ILP_REFERENCE_LINK_FAULTS); refuses unknown ones. */
export function parseLinkFaults(list: readonly string[] | string | undefined): ReadonlySet<LinkFault> {
  const names = (typeof list === 'string' ? list.split(',') : list ?? []).map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(LINK_FAULTS, name)) {
      throw new Error(`unknown ledger-link fault "${name}"; known: ${Object.keys(LINK_FAULTS).join(', ')}`);
    }
  }
  return new Set(names as LinkFault[]);
}
