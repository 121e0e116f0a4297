import { parseFaultNames, type FaultRegistry } from '../../../contracts/faults';

/**
 * Named ways to break the ledger link on purpose (DESIGN decision 14), in the registry shape of
 * contracts/faults.ts. Each breaks one duty of a connector that joins ledgers, so a cross-ledger scenario
 * must notice it. `late-incoming-fulfillment` is also how the scenarios produce the connector's risk case
 * (outgoing executed, incoming expired): a connector too slow to pass the fulfillment back in time.
 */
export const LINK_FAULTS = {
  'late-incoming-fulfillment': {
    description: 'present the fulfillment on the incoming ledger only after the incoming transfer has expired',
    requirements: ['LEDGER-018'],
  },
  'wrong-incoming-fulfillment': {
    description: 'present a random 32-byte preimage on the incoming ledger instead of the one the receiver revealed',
    requirements: ['LEDGER-018'],
  },
  'never-reject-incoming': {
    description: 'leave the incoming transfer prepared when the payment fails, instead of rejecting it',
    requirements: ['LEDGER-014'],
  },
  'same-expiry-forward': {
    description: 'prepare the outgoing transfer with the incoming expiry instead of an earlier one',
    requirements: ['EXP-L01'],
  },
} as const satisfies FaultRegistry;

export type LinkFault = keyof typeof LINK_FAULTS;

/** Parses fault names (an array, or the comma-separated form of ILP_REFERENCE_LINK_FAULTS); refuses unknown ones. */
export function parseLinkFaults(list: readonly string[] | string | undefined): ReadonlySet<LinkFault> {
  return parseFaultNames(LINK_FAULTS, 'ledger link', list);
}
