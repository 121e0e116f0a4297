/**
 * The two-ledger payment a cross-ledger step talks about: the ILPv1 connector's, when the scenario set one up
 * (features/legacy/connector-ilpv1.feature's Background does, first), else the ILPv4 ledger link's
 * (features/ledger/payments-across-ledgers.feature). Lets both features share their holder, balance and
 * transfer steps.
 */
import type { IlpWorld } from '../world';
import { crossLedgerScenario, type TwoLedgerPayment } from './cross-ledger-scenario';
import { existingIlpv1Scenario } from './ilpv1-connector-scenario';

export async function ledgerPair(world: IlpWorld): Promise<TwoLedgerPayment> {
  return existingIlpv1Scenario(world) ?? crossLedgerScenario(world);
}
