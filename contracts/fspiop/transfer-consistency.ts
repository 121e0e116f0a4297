/**
 * Whether a POST /transfers matches the quote callback it pays (FSPIOP v1.1 section 6.7.2.8, section 10.4
 * before Listing 47; catalog ML-008, ML-009, ML-010, ML-012, ML-013):
 *
 *   PUT /quotes/{ID}         { transferAmount, ilpPacket, condition, ... }        from the Payee FSP
 *   POST /transfers          { amount, ilpPacket, condition, payeeFsp, ... }      from the Payer FSP
 *
 *   ML-008  the same ilpPacket and the same condition, character for character
 *   ML-012  amount equals the quote's transferAmount (amount and currency)
 *   ML-010  the packet's amount is the transfer's amount at the currency's scale (what the Payee checks)
 *   ML-009  the packet's address belongs to the Payee FSP the transfer is for (what the Payee checks)
 *   ML-013  an ILPv4 packet's executionCondition is the message's condition
 *
 * Pure: takes the two message bodies as parsed JSON and returns one check per rule; the caller judges them.
 */
import { check, type MojaloopCheck } from './checks';
import { toBinaryString } from './binary-strings';
import { readIlpPacketField } from './ilp-packet-field';
import { ilpAmountFor } from './payment-request';

export interface Money {
  readonly amount: string;
  readonly currency: string;
}

export interface QuoteCallback {
  readonly transferAmount: Money;
  readonly ilpPacket: string;
  readonly condition: string;
}

export interface TransferRequest {
  readonly amount: Money;
  readonly ilpPacket: string;
  readonly condition: string;
  readonly payeeFsp: string;
}

const money = (m: Money): string => `${m.amount} ${m.currency}`;

/**
 * The transfer request against the quote it pays. `conditionField` false (the ISO 20022 mode) means the bodies
 * have no condition of their own: the one they carry was derived from the packet, so comparing it with the
 * quote's or with the packet's executionCondition could never fail, and those checks are left out rather than
 * reported as passed.
 */
export function checkTransferAgainstQuote(quote: QuoteCallback, transfer: TransferRequest, scale: number, conditionField = true): MojaloopCheck[] {
  const checks = [
    check('ML-008', transfer.ilpPacket === quote.ilpPacket, `the quote's ilpPacket (${quote.ilpPacket.length} characters)`,
      transfer.ilpPacket === quote.ilpPacket ? 'the same ilpPacket' : `another ilpPacket (${String(transfer.ilpPacket).length} characters)`),
    ...(conditionField ? [check('ML-008', transfer.condition === quote.condition, `the quote's condition ${quote.condition}`, `condition ${transfer.condition}`)] : []),
    check('ML-012', transfer.amount.amount === quote.transferAmount.amount && transfer.amount.currency === quote.transferAmount.currency,
      `amount ${money(quote.transferAmount)} (the quote's transferAmount)`, `amount ${money(transfer.amount)}`),
  ];
  const packet = readIlpPacketField(transfer.ilpPacket);
  let wanted: bigint | string;
  try {
    wanted = ilpAmountFor(transfer.amount.amount, scale);
  } catch (e) {
    wanted = (e as Error).message;
  }
  checks.push(check('ML-010', packet.amount === wanted, `packet amount ${String(wanted)} (${money(transfer.amount)} at scale ${scale})`, `packet amount ${packet.amount}`));
  // An ILPv4 packet's address (g.mojaloop in sdk-standard-components) does not name the Payee: nothing to check.
  if (packet.version !== 'ilpv4') {
    const segments = packet.address.toLowerCase().split('.');
    checks.push(check('ML-009', segments.includes(transfer.payeeFsp.toLowerCase()), `an address at the Payee FSP ${transfer.payeeFsp}`, `address ${packet.address}`));
  }
  if (conditionField && packet.executionCondition) {
    const inPacket = toBinaryString(packet.executionCondition);
    checks.push(check('ML-013', inPacket === transfer.condition, `executionCondition equal to condition ${transfer.condition}`, `executionCondition ${inPacket}`));
  }
  return checks;
}
