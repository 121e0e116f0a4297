/**
 * The amount an ILPv1 Payment (type 1) carries: what the destination account receives, in its ledger's
 * smallest unit (IL-RFC 3, 2017), while the features and the ledger APIs word amounts in whole units ("9" USD).
 * At scale 9 (five-bells-ledger) 9 is 9000000000 in the packet; at scale 2 (the bundled ledgers) 900.
 */
export function ilpv1PacketAmount(wholeUnits: bigint, scale: number): bigint {
  if (!Number.isInteger(scale) || scale < 0) throw new Error(`a ledger scale is a whole number of decimal places, not ${scale}`);
  if (wholeUnits < 0n) throw new Error(`an ILPv1 Payment carries no negative amount (${wholeUnits})`);
  return wholeUnits * 10n ** BigInt(scale);
}
