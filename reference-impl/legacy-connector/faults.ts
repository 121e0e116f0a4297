import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

/**
 * Named ways to break the ILPv1 connector on purpose (DESIGN decision 14), in the registry shape of
 * contracts/faults.ts. Each breaks one duty of a 2017 connector between two ledgers, so a scenario of
 * features/legacy/connector-ilpv1.feature must notice it.
 */
export const ILPV1_CONNECTOR_FAULTS = {
  'same-expiry-forward': {
    description: 'prepare the outgoing transfer with the incoming expiry instead of an earlier one',
    requirements: ['EXP-L01'],
  },
  'rewrites-error-code': {
    description: 'relay the ILPv1 Error of a rejected outgoing transfer with its code changed to T00',
    requirements: ['ERR-L01'],
  },
  'omits-forwarded-by': {
    description: 'relay the ILPv1 Error of a rejected outgoing transfer without appending its own address to forwardedBy',
    requirements: ['ERR-L02'],
  },
  'restamps-error': {
    description: 'relay the ILPv1 Error with triggeredAt set to the moment it relays it',
    requirements: ['ERR-L02'],
  },
  'forwards-underfunded': {
    description: 'forward a payment whose incoming amount, at its rate, is worth less than the destination amount',
    requirements: ['PKT-L05'],
  },
} as const satisfies FaultRegistry;

export type Ilpv1ConnectorFault = keyof typeof ILPV1_CONNECTOR_FAULTS;

/** Parses fault names (an array, or the comma-separated form of ILP_REFERENCE_ILPV1_FAULTS); refuses unknown ones. */
export function parseIlpv1ConnectorFaults(list: readonly string[] | string | undefined): ReadonlySet<Ilpv1ConnectorFault> {
  return parseFaultNames(ILPV1_CONNECTOR_FAULTS, 'ILPv1 connector', list);
}
