import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

/**
 * Named fault switches of the reference Mojaloop participant (DESIGN decision 14), in the one shape of
 * contracts/faults.ts. Each breaks one FSPIOP rule in one documented way so the self-test
 * (scripts/selftest.ts) proves the scenario of its requirement goes red. The branches are marked
 * `// FAULT <name>` where they sit; with no faults the participant runs exactly its normal code.
 */
export const MOJALOOP_FAULTS = {
  // Payee side: the quote callback (6.5.2.3)
  'amount-not-scaled': { description: 'write the packet amount in major units (99 USD as 99, not 9900)', requirements: ['ML-004'] },
  'transaction-of-another-quote': { description: 'put a Transaction with another quoteId in the packet data', requirements: ['ML-005'] },
  'fulfilment-not-hmac': { description: 'derive the fulfilment (and its condition) under another key than the declared secret', requirements: ['ML-006'] },
  'condition-not-hash': { description: 'send a condition in the quote callback that is not SHA-256 of the fulfilment it later gives', requirements: ['ML-007'] },
  'wrong-address': { description: 'address the packet to another identifier than the quote\'s Payee', requirements: ['ML-011'] },
  'ilp-packet-mime-lines': { description: 'break the ilpPacket into 76-character lines (MIME base64), so it is not base64url', requirements: ['ML-001'] },
  'padded-condition': { description: 'send the condition with "=" padding (44 characters)', requirements: ['ML-002'] },
  'padded-fulfilment': { description: 'send the fulfilment with "=" padding (44 characters)', requirements: ['ML-003'] },
  'v4-condition-not-in-packet': { description: 'ILPv4: send a condition other than the Prepare\'s executionCondition', requirements: ['ML-013'] },
  'quote-callback-schema': { description: 'write transferAmount.amount as a JSON number in the quote callback', requirements: ['ML-020'] },
  'no-quote-callback': { description: 'accept POST /quotes with 202 and never send the callback', requirements: ['ML-017'] },
  'quotes-answer-500': { description: 'answer POST /quotes with HTTP 500 instead of 202', requirements: ['ML-017'] },
  'callback-wrong-source': { description: 'name the requester, not itself, as FSPIOP-Source of its callbacks', requirements: ['ML-018'] },
  'callback-content-type': { description: 'send callbacks with Content-Type application/json', requirements: ['ML-018'] },
  // Payee side: the transfer (6.7.2.8)
  'accepts-other-payee': { description: 'fulfil a transfer whose packet is addressed to another Payee', requirements: ['ML-009'] },
  'accepts-mismatched-amount': { description: 'fulfil a transfer whose amount is not the packet\'s amount', requirements: ['ML-010'] },
  'fulfils-any-condition': { description: 'answer a transfer with the quote\'s fulfilment whatever condition the transfer carries', requirements: ['ML-007'] },
  'accepts-expired-quote': { description: 'fulfil a transfer that pays a quote after the quote\'s expiration', requirements: ['ML-014'] },
  'accepts-expired-transfer': { description: 'fulfil a transfer whose own expiration has passed', requirements: ['ML-014'] },
  'fulfils-late': { description: 'send the transfer callback only after the transfer\'s expiration', requirements: ['ML-015'] },
  'fulfilment-changes-on-resend': { description: 'answer a resent POST /transfers (same ID and body) with a new fulfilment', requirements: ['ML-016'] },
  'no-transfer-callback': { description: 'accept POST /transfers with 202 and never send the callback', requirements: ['ML-017'] },
  'transfer-callback-twice': { description: 'send every transfer callback twice', requirements: ['ML-019'] },
  'error-code-not-fspiop': { description: 'put errorCode "E3100" (not four digits) in its error callbacks', requirements: ['ML-020'] },
  // Payer side (6.7.2.8: the transfer repeats the quote)
  'payer-changes-packet': { description: 'send in POST /transfers a re-encoded ilpPacket (the data re-serialised), not the quote\'s', requirements: ['ML-008'] },
  'payer-changes-condition': { description: 'send in POST /transfers another condition than the quote\'s', requirements: ['ML-008'] },
  'payer-changes-amount': { description: 'send in POST /transfers one major unit more than the quote\'s transferAmount', requirements: ['ML-012', 'ML-010'] },
  'payer-content-type': { description: 'send POST /transfers with Content-Type application/json', requirements: ['ML-018'] },
  'payer-transfer-schema': { description: 'leave expiration out of POST /transfers', requirements: ['ML-020'] },
  // The ISO 20022 mode (--api iso20022): the self-test runs these with the participant and the harness in that mode
  'iso-v11-content-type': { description: 'ISO 20022 mode: send callbacks with an ISO body under the v1.1 Content-Type (quotes+json;version=1.1)', requirements: ['ML-018'], worldParameters: { mojaloopApi: 'iso20022' } },
  'iso-amount-differs': { description: 'ISO 20022 mode: write one major unit more in the PUT /quotes IntrBkSttlmAmt than the packet carries', requirements: ['ML-004'], worldParameters: { mojaloopApi: 'iso20022' } },
  'iso-v11-body': { description: 'ISO 20022 mode: send the quote callback as a v1.1 JSON body under the ISO 20022 media type', requirements: ['ML-020'], worldParameters: { mojaloopApi: 'iso20022' } },
} as const satisfies FaultRegistry;

export type MojaloopFault = keyof typeof MOJALOOP_FAULTS;
export type MojaloopFaults = ReadonlySet<MojaloopFault>;

export function parseMojaloopFaults(list: string | readonly string[] | undefined): MojaloopFaults {
  return parseFaultNames(MOJALOOP_FAULTS, 'reference Mojaloop participant', list);
}
