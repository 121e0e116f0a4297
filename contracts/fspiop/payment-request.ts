/**
 * The Interledger payment request a Payee FSP builds for its quote callback (FSPIOP v1.1 section 6.5.2.3,
 * Listing 12; catalog ML-004 to ML-007, ML-011):
 *
 *   ILP packet   amount  = the transfer amount x 10^(currency scale), a whole number     (ML-004)
 *                address = the Payee's ILP address, g.<...>.<idType>.<id> by convention   (ML-011)
 *                data    = the Transaction object (section 7.4.17)                        (ML-005)
 *   fulfilment   = HMAC-SHA256(key = the Payee FSP's secret, message = the ILP packet's bytes)  (ML-006)
 *   condition    = SHA-256(fulfilment)                                                          (ML-007)
 *
 * Pure functions: amounts are decimal strings as FSPIOP writes them, scales are the currency's exponent.
 */
import { createHash, createHmac } from 'node:crypto';
import { check, type MojaloopCheck } from './checks';
import { binaryString32Problem, decodeBinaryString32, toBinaryString } from './binary-strings';
import type { IlpPacketView } from './ilp-packet-field';

const FSPIOP_AMOUNT = /^([0]|[1-9][0-9]{0,17})([.][0-9]{0,3}[1-9])?$/;

/** The packet amount for an FSPIOP amount at `scale`; throws when it has more decimals than the scale allows. */
export function ilpAmountFor(amount: string, scale: number): bigint {
  if (!FSPIOP_AMOUNT.test(amount)) throw new RangeError(`amount ${JSON.stringify(amount)} is not an FSPIOP Amount`);
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new RangeError(`scale ${scale} is not 0..18`);
  const [whole, fraction = ''] = amount.split('.');
  if (fraction.length > scale) throw new RangeError(`amount ${amount} has ${fraction.length} decimals; the currency's scale is ${scale}`);
  return BigInt(whole! + fraction.padEnd(scale, '0'));
}

export function fulfilmentFor(secret: Uint8Array, packet: Uint8Array): Uint8Array {
  return createHmac('sha256', secret).update(packet).digest();
}

export function conditionFor(fulfilment: Uint8Array): Uint8Array {
  return createHash('sha256').update(fulfilment).digest();
}

/** ML-004: the packet's amount is the transfer amount at the currency's scale. */
export function checkPacketAmount(packet: IlpPacketView, transferAmount: string, scale: number): MojaloopCheck {
  let expected: bigint | undefined;
  let reason = '';
  try {
    expected = ilpAmountFor(transferAmount, scale);
  } catch (e) {
    reason = (e as Error).message;
  }
  return check('ML-004', expected !== undefined && packet.amount === expected,
    `packet amount ${expected ?? `(${reason})`} = ${transferAmount} x 10^${scale}`, `packet amount ${packet.amount}`);
}

/** ML-011: the address is a g. address whose last two segments name the Payee's id type and identifier. */
export function checkPacketAddress(packet: IlpPacketView, payee: { partyIdType: string; partyIdentifier: string }): MojaloopCheck {
  const segments = packet.address.split('.');
  const tail = segments.slice(-2).join('.').toLowerCase();
  const wanted = `${payee.partyIdType}.${payee.partyIdentifier}`.toLowerCase();
  return check('ML-011', segments[0] === 'g' && segments.length >= 4 && tail === wanted,
    `an address g.<...>.${wanted}`, `address ${packet.address}`);
}

/** ML-006: the fulfilment is the HMAC-SHA256 of the packet's bytes under the secret. */
export function checkFulfilment(secret: Uint8Array, packet: IlpPacketView, fulfilment: string): MojaloopCheck {
  const expected = toBinaryString(fulfilmentFor(secret, packet.bytes));
  return check('ML-006', fulfilment === expected, `fulfilment ${expected} = HMAC-SHA256(secret, packet)`, `fulfilment ${fulfilment}`);
}

/** ML-007: the condition is the SHA-256 digest of the fulfilment (both BinaryString32). */
export function checkCondition(fulfilment: string, condition: string): MojaloopCheck {
  const problem = binaryString32Problem(fulfilment);
  if (problem) return check('ML-007', false, 'a 32-byte fulfilment to hash', `fulfilment ${problem}`);
  const expected = toBinaryString(conditionFor(decodeBinaryString32(fulfilment, 'fulfilment')));
  return check('ML-007', condition === expected, `condition ${expected} = SHA-256(fulfilment)`, `condition ${condition}`);
}
