/**
 * Builds the ILP part of a Payee FSP's quote callback (PUT /quotes/{ID}: transferAmount, ilpPacket,
 * condition) the way FSPIOP v1.1 section 6.5.2.3 says, for the harness to play a Payee FSP and for checking
 * a participant's answers against. Pure: the secret and the Transaction come in, nothing is stored.
 *
 *   ilpv1  an ILP Payment: amount = transferAmount x 10^scale, account = g.<fsp>.<idType>.<id> (lower case,
 *          as sdk-standard-components writes it), data = the Transaction as UTF-8 JSON;
 *          fulfilment = HMAC-SHA256(secret, packet bytes), condition = SHA-256(fulfilment)
 *   ilpv4  an ILPv4 Prepare with the same amount and address, expiring at the quote's expiration, whose
 *          executionCondition is the condition. The condition must exist before the packet, so the
 *          fulfilment is the HMAC-SHA256 of the Transaction's bytes instead (as sdk-standard-components does).
 */
import { encodeIlpV1Payment, encodePrepare } from '../../lib/codec';
import { toBinaryString } from './binary-strings';
import { conditionFor, fulfilmentFor, ilpAmountFor } from './payment-request';
import type { Money } from './transfer-consistency';

export interface PartyIdInfo {
  readonly partyIdType: string;
  readonly partyIdentifier: string;
  readonly fspId: string;
}

export interface QuoteTerms {
  readonly secret: Uint8Array;
  readonly transferAmount: Money;
  readonly scale: number;
  readonly payee: PartyIdInfo;
  readonly transaction: Readonly<Record<string, unknown>>;
  readonly version: 'ilpv1' | 'ilpv4';
  /** ILPv4 only: the quote's expiration, the Prepare's expiresAt. */
  readonly expiration?: Date;
}

export interface BuiltQuoteCallback {
  readonly transferAmount: Money;
  readonly ilpPacket: string;
  readonly condition: string;
  /** Kept by the Payee FSP for its transfer callback; never sent in the quote callback. */
  readonly fulfilment: string;
}

export function payeeAddress(payee: PartyIdInfo): string {
  return `g.${payee.fspId}.${payee.partyIdType}.${payee.partyIdentifier}`.toLowerCase();
}

export function buildQuoteCallback(terms: QuoteTerms): BuiltQuoteCallback {
  const amount = ilpAmountFor(terms.transferAmount.amount, terms.scale);
  const address = payeeAddress(terms.payee);
  const data = Buffer.from(JSON.stringify(terms.transaction), 'utf8');
  if (terms.version === 'ilpv1') {
    const packet = encodeIlpV1Payment({ amount, account: address, data });
    const fulfilment = fulfilmentFor(terms.secret, packet);
    return { transferAmount: terms.transferAmount, ilpPacket: toBinaryString(packet), condition: toBinaryString(conditionFor(fulfilment)), fulfilment: toBinaryString(fulfilment) };
  }
  if (!terms.expiration) throw new RangeError('an ILPv4 quote callback needs the quote expiration');
  const fulfilment = fulfilmentFor(terms.secret, data);
  const condition = conditionFor(fulfilment);
  const packet = encodePrepare({ amount, expiresAt: terms.expiration, executionCondition: condition, destination: address, data });
  return { transferAmount: terms.transferAmount, ilpPacket: toBinaryString(packet), condition: toBinaryString(condition), fulfilment: toBinaryString(fulfilment) };
}
