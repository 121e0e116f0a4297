/**
 * The one door from the harness to the bundled references. Everything in lib/ and steps/ that starts a
 * reference connector, ledger or ledger link, evaluates a liquidity curve, or reads their fault registries, comes through here, so the
 * seam between harness and SUT is one file: a unit test (lib/layering.test.ts) fails the build when any
 * other harness module imports reference-impl/. Nothing here adds behaviour; it only names what the
 * harness may use.
 */
export { startReferenceConnector, type RunningConnector, type ReferenceConnectorOptions } from '../../reference-impl/connector';
export { CONNECTOR_FAULTS } from '../../reference-impl/connector/faults';
export { startReferenceLedger, LEDGER_FAULTS, type RunningLedger } from '../../reference-impl/ledger';
export { startLedgerConnector, LINK_FAULTS, type RunningLedgerConnector } from '../../reference-impl/connector/ledger-link';
export { startReferenceReceiver, RECEIVER_FAULTS, type RunningReceiver } from '../../reference-impl/receiver';
export { startIlpv1Connector, ILPV1_CONNECTOR_FAULTS, type RunningIlpv1Connector } from '../../reference-impl/legacy-connector';
export { startReferenceParticipant, MOJALOOP_FAULTS, type RunningParticipant } from '../../reference-impl/mojaloop';
export { amountAt, amountReverse } from '../../reference-impl/quoting/curve';
export { appliesToPrefix } from '../../reference-impl/quoting/applies-to-prefix';
export { QUOTING_FAULTS, parseQuotingFaults, type QuotingFault } from '../../reference-impl/quoting/faults';

import type { FaultRegistry } from '../../contracts/faults';
import { CONNECTOR_FAULTS } from '../../reference-impl/connector/faults';
import { LEDGER_FAULTS } from '../../reference-impl/ledger';
import { LINK_FAULTS } from '../../reference-impl/connector/ledger-link';
import { ILPV1_CONNECTOR_FAULTS } from '../../reference-impl/legacy-connector';
import { RECEIVER_FAULTS } from '../../reference-impl/receiver';
import { MOJALOOP_FAULTS } from '../../reference-impl/mojaloop';
import { QUOTING_FAULTS } from '../../reference-impl/quoting/faults';

/** Which bundled reference a fault switch breaks; the self-test runs that reference's features. */
export type FaultOwner = 'connector' | 'ledger' | 'ledger-link' | 'ilpv1-connector' | 'receiver' | 'mojaloop' | 'quoting';

/** Every fault registry of the bundled references, in the one shape of contracts/faults.ts. */
export const FAULT_REGISTRIES: Readonly<Record<FaultOwner, FaultRegistry>> = {
  connector: CONNECTOR_FAULTS,
  ledger: LEDGER_FAULTS,
  'ledger-link': LINK_FAULTS,
  'ilpv1-connector': ILPV1_CONNECTOR_FAULTS,
  receiver: RECEIVER_FAULTS,
  mojaloop: MOJALOOP_FAULTS,
  quoting: QUOTING_FAULTS,
};
