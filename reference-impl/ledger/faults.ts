import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

/**
 * Named ways to break the reference ledger on purpose (DESIGN decision 13). Each one disables exactly one
 * duty, so running the ledger features with it on must turn the scenarios of that duty red:
 *
 *   ILP_REFERENCE_LEDGER_FAULTS=skip-fulfillment-check npx cucumber-js --profile ledger
 *
 * Never enabled unless asked for; the README lists which requirement catches which fault.
 */
export const LEDGER_FAULTS = {
  'credit-on-prepare': { description: 'credit the receiver when preparing instead of holding the funds', requirements: ['LEDGER-002'] },
  'ignore-minimum-balance': { description: 'let a hold take a balance below its minimum', requirements: ['LEDGER-002'] },
  'allow-foreign-debit': { description: 'let any account holder prepare transfers from any account', requirements: ['LEDGER-002'] },
  'no-idempotency': { description: 'treat a repeated transfer id as a new transfer (holds twice)', requirements: ['LEDGER-002'] },
  'lose-unconditional-credit': { description: 'debit an unconditional transfer without crediting the receiver', requirements: ['LEDGER-001'] },
  'reopen-final-transfers': { description: 'let an executed transfer be rejected and a rejected one executed', requirements: ['LEDGER-003'] },
  'skip-fulfillment-check': { description: 'execute with any 32-byte fulfillment', requirements: ['LEDGER-004', 'COND-L01'] },
  'accept-any-preimage-length': { description: 'accept preimages that are not 32 bytes', requirements: ['LEDGER-005'] },
  'no-expiry': { description: 'never return held funds at expiry, execute after it, and place holds whose timeout has passed', requirements: ['LEDGER-006'] },
  'truncate-memo': { description: 'keep only the first 1024 bytes of a memo', requirements: ['LEDGER-007', 'LEDGER-009'] },
  'drop-notifications': { description: 'send no transfer notifications', requirements: ['LEDGER-008'] },
  'spoof-message-sender': { description: 'deliver messages under whatever sender the body names', requirements: ['LEDGER-010'] },
  'forget-fulfillments': { description: 'no fulfillment lookup by condition and no automatic rejection', requirements: ['LEDGER-011'] },
  'wrong-ilp-address': { description: 'give accounts addresses outside the ledger prefix', requirements: ['LEDGER-013'] },
  'allow-sender-reject': { description: 'let the sender (or anyone) reject a transfer', requirements: ['LEDGER-014'] },
  'drop-rejection-message': { description: 'lose the receiver\'s rejection message', requirements: ['LEDGER-014'] },
  'minimum-balance-off-by-one': { description: 'refuse a hold that would leave exactly the minimum balance', requirements: ['LEDGER-002'] },
  'compare-amounts-as-text': { description: 'compare the available balance with the amount as decimal text, so 10 < 9', requirements: ['LEDGER-002'] },
  'ignore-negative-minimum': { description: 'treat a negative minimum balance (a credit line) as zero', requirements: ['LEDGER-002'] },
  'accept-unauthenticated': { description: 'treat a request without a valid token as coming from the debit account\'s holder', requirements: ['LEDGER-002'] },
  'credit-sender-on-execute': { description: 'on execution pay the held amount back to the sender instead of the receiver', requirements: ['LEDGER-004', 'LEDGER-018'] },
  'execute-twice': { description: 'presenting an executed transfer\'s fulfillment again moves the amount again', requirements: ['LEDGER-003'] },
  'drop-memo': { description: 'accept a transfer\'s memo and store none', requirements: ['LEDGER-007', 'LEDGER-009'] },
  'drop-messages': { description: 'accept messages and deliver none', requirements: ['LEDGER-010'] },
  'account-holder-opens-accounts': { description: 'let any account holder open accounts (and so create money)', requirements: ['LEDGER-001'] },
  'prefix-without-period': { description: 'name the ILP prefix in the metadata without its final period', requirements: ['LEDGER-013'] },
  'fulfillment-before-execution': { description: 'answer the fulfillment lookups of a transfer that is only prepared, with 32 zero bytes as its fulfillment', requirements: ['LEDGER-011'] },
  'sign-blind-amounts': { description: 'drop the minus sign of a transfer amount, so "-10" moves 10 from the caller', requirements: ['LEDGER-001'] },
  'amounts-as-doubles': { description: 'read amounts through a floating-point number, as five-bells-ledger does, so units beyond 2^53 are rounded', requirements: ['LEDGER-001'] },
  'wrap-at-64-bits': { description: 'take amounts and credited balances beyond 2^64 - 1 units modulo 2^64, as unsigned 64-bit columns would, instead of refusing them', requirements: ['LEDGER-001'] },
  'round-fine-amounts': { description: 'cut off amount digits finer than the ledger\'s scale instead of refusing the transfer', requirements: ['LEDGER-001'] },
  'notify-everyone': { description: 'tell every subscriber about every transfer, also those touching none of its accounts', requirements: ['LEDGER-008'] },
  'refusals-as-bad-request': { description: 'answer every 401, 403 and 409 refusal with 400, so the native API\'s class of refusal is lost', requirements: ['LAPI-001'] },
  'follow-any-account': { description: 'let an account holder follow any account on the notification socket', requirements: ['LEDGER-008'] },
  'share-account-tokens': { description: 'not check that a new account\'s token is free (the store\'s unique index then fails the opening with a 500)', requirements: ['LEDGER-002'] },
  'update-on-reopen': { description: 'opening an existing account again with another balance sets that balance, as Five Bells\' PUT did, issuing money', requirements: ['LEDGER-001'] },
  'skip-credit-account-check': { description: 'not check that the credit account exists (the transfer then fails inside its transaction with a 500)', requirements: ['LEDGER-001'] },
  'expiry-to-whole-seconds': { description: 'store a hold\'s timeout cut to the whole second, so it expires up to a second early', requirements: ['LEDGER-002', 'LEDGER-006'] },
  'no-reopen-check': { description: 'not check that an account being opened already exists, only that its token is free (opening it again with a new token then fails in the store with a 500)', requirements: ['LEDGER-001'] },
  'fulfill-unknown-transfers': { description: 'answer a fulfillment for a transfer it does not have as if that transfer were executed', requirements: ['LEDGER-004'] },
  'messages-to-unknown-accounts': { description: 'accept a message to an account it does not have, and deliver it to nobody', requirements: ['LEDGER-010'] },
  'lose-unheard-messages': { description: 'accept a message while no socket follows the recipient\'s account, and deliver it to nobody', requirements: ['LEDGER-010'] },
  'reject-twice': { description: 'rejecting a rejected transfer again pays the amount back to the sender again', requirements: ['LEDGER-003'] },
  'reject-unknown-transfers': { description: 'answer a rejection of a transfer it does not have as if that transfer were rejected', requirements: ['LEDGER-014'] },
  'silent-direct-transfers': { description: 'send no notification of a transfer without a condition', requirements: ['LEDGER-008'] },
  'hold-past-timeout': { description: 'place a hold whose timeout has passed and answer it prepared, leaving it to the next expiry sweep', requirements: ['LEDGER-006'] },
  'same-id-other-condition': { description: 'take a repeated transfer id with another condition or memo for a repeat of the first transfer', requirements: ['LEDGER-002'] },
  'self-transfer-as-credit': { description: 'count a transfer to its own debit account as new money when checking what the credit account could hold', requirements: ['LEDGER-001'] },
  'show-transfers-to-anyone': { description: 'let any account holder read any transfer and its fulfillment', requirements: ['LAPI-002'] },
  'unknown-transfers-crash': { description: 'fail a read of a transfer it does not have with an internal error (500) instead of refusing it', requirements: ['LEDGER-003'] },
} as const satisfies FaultRegistry;

export type LedgerFault = keyof typeof LEDGER_FAULTS;

export type FaultSet = ReadonlySet<LedgerFault>;

/** Parses a list or its comma-separated form (the env variable's); refuses unknown faults, naming the known ones. */
export function parseFaults(list: string | readonly string[] | undefined): FaultSet {
  return parseFaultNames(LEDGER_FAULTS, 'reference ledger', list);
}
