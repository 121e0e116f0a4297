/**
 * Named ways to break the reference ledger on purpose (DESIGN decision 13). Each one disables exactly one
 * duty, so running the ledger features with it on must turn the scenarios of that duty red:
 *
 *   ILP_REFERENCE_LEDGER_FAULTS=skip-fulfillment-check npx cucumber-js --profile ledger
 *
 * Never enabled unless asked for; the README lists which requirement catches which fault.
 */
export const LEDGER_FAULTS = {
  'credit-on-prepare': 'LEDGER-002: credit the receiver when preparing instead of holding the funds',
  'ignore-minimum-balance': 'LEDGER-002: let a hold take a balance below its minimum',
  'allow-foreign-debit': 'LEDGER-002: let any account holder prepare transfers from any account',
  'no-idempotency': 'LEDGER-002: treat a repeated transfer id as a new transfer (holds twice)',
  'lose-unconditional-credit': 'LEDGER-001: debit an unconditional transfer without crediting the receiver',
  'reopen-final-transfers': 'LEDGER-003: let an executed transfer be rejected and a rejected one executed',
  'skip-fulfillment-check': 'LEDGER-004 / COND-L01: execute with any 32-byte fulfillment',
  'accept-any-preimage-length': 'LEDGER-005: accept preimages that are not 32 bytes',
  'no-expiry': 'LEDGER-006: never return held funds at expiry, and execute after it',
  'truncate-memo': 'LEDGER-007 / LEDGER-009: keep only the first 1024 bytes of a memo',
  'drop-notifications': 'LEDGER-008: send no transfer notifications',
  'spoof-message-sender': 'LEDGER-010: deliver messages under whatever sender the body names',
  'forget-fulfillments': 'LEDGER-011: no fulfillment lookup by condition and no automatic rejection',
  'wrong-ilp-address': 'LEDGER-013: give accounts addresses outside the ledger prefix',
  'allow-sender-reject': 'LEDGER-014: let the sender (or anyone) reject a transfer',
  'drop-rejection-message': 'LEDGER-014: lose the receiver\'s rejection message',
  'minimum-balance-off-by-one': 'LEDGER-002: refuse a hold that would leave exactly the minimum balance',
  'compare-amounts-as-text': 'LEDGER-002: compare the available balance with the amount as decimal text, so 10 < 9',
  'ignore-negative-minimum': 'LEDGER-002: treat a negative minimum balance (a credit line) as zero',
  'accept-unauthenticated': 'LEDGER-002: treat a request without a valid token as coming from the debit account\'s holder',
  'credit-sender-on-execute': 'LEDGER-004 / LEDGER-018: on execution pay the held amount back to the sender instead of the receiver',
  'execute-twice': 'LEDGER-003: presenting an executed transfer\'s fulfillment again moves the amount again',
  'drop-memo': 'LEDGER-007 / LEDGER-009: accept a transfer\'s memo and store none',
  'drop-messages': 'LEDGER-010: accept messages and deliver none',
  'account-holder-opens-accounts': 'LEDGER-001: let any account holder open accounts (and so create money)',
  'prefix-without-period': 'LEDGER-013: name the ILP prefix in the metadata without its final period',
  'fulfillment-before-execution': 'LEDGER-011: answer the fulfillment lookups of a transfer that is only prepared, with 32 zero bytes as its fulfillment',
  'sign-blind-amounts': 'LEDGER-001: drop the minus sign of a transfer amount, so "-10" moves 10 from the caller',
  'round-fine-amounts': 'LEDGER-001: cut off amount digits finer than the ledger\'s scale instead of refusing the transfer',
  'notify-everyone': 'LEDGER-008: tell every subscriber about every transfer, also those touching none of its accounts',
  'follow-any-account': 'LEDGER-008: let an account holder follow any account on the notification socket',
} as const;

export type LedgerFault = keyof typeof LEDGER_FAULTS;

export type FaultSet = ReadonlySet<LedgerFault>;

export function isLedgerFault(name: string): name is LedgerFault {
  return Object.prototype.hasOwnProperty.call(LEDGER_FAULTS, name);
}

/** Parses a comma-separated list (the env variable's form). Throws naming an unknown fault and the known ones. */
export function parseFaults(list: string | undefined): FaultSet {
  const names = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!isLedgerFault(name)) {
      throw new Error(`unknown reference-ledger fault "${name}"; known: ${Object.keys(LEDGER_FAULTS).join(', ')}`);
    }
  }
  return new Set(names as LedgerFault[]);
}
