/**
 * Where features/legacy/connector-ilpv1.feature finds its connector under test. With nothing given, both
 * ledgers are bundled reference ledgers started for each scenario (prefixes test1.ledger. and test2.ledger.,
 * USD, scale 2), and the bundled ILPv1 connector (reference-impl/legacy-connector) joins them with accounts
 * the scenario opens. An external ILPv1 connector (e.g. ilp-connector 21 with ilp-plugin-bells over two
 * five-bells-ledger instances) is named by these settings; world parameters win over the environment:
 *
 *   world parameter ilpv1Connector           | environment
 *   .ledgerA.url / .ledgerB.url              | ILP_V1_LEDGER_A_URL / ILP_V1_LEDGER_B_URL             the ledgers' HTTP APIs
 *   .ledgerA.api / .ledgerB.api              | ILP_V1_LEDGER_A_API / ILP_V1_LEDGER_B_API             native (default) or five-bells
 *   .ledgerA.adminToken / .ledgerB.adminToken| ILP_V1_LEDGER_A_ADMIN_TOKEN / ILP_V1_LEDGER_B_ADMIN_TOKEN  opens alice's and bob's accounts
 *   .ledgerA.adminUser / .ledgerB.adminUser  | ILP_V1_LEDGER_A_ADMIN_USER / ILP_V1_LEDGER_B_ADMIN_USER   five-bells only (default admin)
 *   .ledgerA.connectorAccount / .ledgerB...  | ILP_V1_CONNECTOR_ACCOUNT_A / ILP_V1_CONNECTOR_ACCOUNT_B   the connector's account names
 *   .address                                 | ILP_V1_CONNECTOR_ADDRESS                              its ILP address (triggeredBy, forwardedBy)
 *   .rate                                    | ILP_V1_CONNECTOR_RATE                                 units paid on B per unit received on A, spread included
 *
 *   referenceIlpv1Faults                     | ILP_REFERENCE_ILPV1_FAULTS                            bundled only: fault switches (self-test)
 *
 * Either every setting but the optional ones (api, adminUser; rate defaults to 1) is given, or none: a partial
 * set is a setup error naming what is missing, never a silent fall-back to the bundled reference. An external
 * connector's accounts must exist and be funded; the scenarios check they hold enough, and open only alice's
 * and bob's accounts. Its rate may not exceed the most the feature says the connector pays (1:1; ilp-connector's
 * one-to-one backend with its 0.2 % spread is 0.998), or the scenarios stop with the mismatch.
 */
import { parseLedgerDialect, type LedgerDialect } from '../../lib/targets/ledger-dialect';
import type { IlpWorldParameters, WithParameters } from '../world';

export interface Ilpv1LedgerSettings {
  readonly url: string;
  readonly dialect: LedgerDialect;
  readonly adminToken: string;
  readonly adminUser?: string;
  readonly connectorAccount: string;
}

export interface Ilpv1ConnectorSettings {
  readonly ledgers: { readonly A: Ilpv1LedgerSettings; readonly B: Ilpv1LedgerSettings };
  readonly address: string;
  readonly rate: string;
}

interface LedgerParameter {
  readonly url?: string;
  readonly api?: string;
  readonly adminToken?: string;
  readonly adminUser?: string;
  readonly connectorAccount?: string;
}

interface Ilpv1Parameters extends IlpWorldParameters {
  readonly ilpv1Connector?: { readonly ledgerA?: LedgerParameter; readonly ledgerB?: LedgerParameter; readonly address?: string; readonly rate?: string };
  readonly referenceIlpv1Faults?: string;
}

/** The external connector's settings, or undefined for the bundled reference; a partial set throws naming what is missing. */
export function ilpv1ConnectorSettings(world: WithParameters, env: NodeJS.ProcessEnv = process.env): Ilpv1ConnectorSettings | undefined {
  const p = (world.parameters as Ilpv1Parameters).ilpv1Connector ?? {};
  const ledger = (name: 'A' | 'B', given: LedgerParameter | undefined) => ({
    url: given?.url ?? env[`ILP_V1_LEDGER_${name}_URL`],
    api: given?.api ?? env[`ILP_V1_LEDGER_${name}_API`],
    adminToken: given?.adminToken ?? env[`ILP_V1_LEDGER_${name}_ADMIN_TOKEN`],
    adminUser: given?.adminUser ?? env[`ILP_V1_LEDGER_${name}_ADMIN_USER`],
    connectorAccount: given?.connectorAccount ?? env[`ILP_V1_CONNECTOR_ACCOUNT_${name}`],
  });
  const a = ledger('A', p.ledgerA);
  const b = ledger('B', p.ledgerB);
  const address = p.address ?? env.ILP_V1_CONNECTOR_ADDRESS;
  const rate = p.rate ?? env.ILP_V1_CONNECTOR_RATE;
  const required: Record<string, string | undefined> = {
    ILP_V1_LEDGER_A_URL: a.url, ILP_V1_LEDGER_A_ADMIN_TOKEN: a.adminToken, ILP_V1_CONNECTOR_ACCOUNT_A: a.connectorAccount,
    ILP_V1_LEDGER_B_URL: b.url, ILP_V1_LEDGER_B_ADMIN_TOKEN: b.adminToken, ILP_V1_CONNECTOR_ACCOUNT_B: b.connectorAccount,
    ILP_V1_CONNECTOR_ADDRESS: address,
  };
  const given = Object.entries(required).filter(([, v]) => v).map(([k]) => k);
  const optional = [a.api, a.adminUser, b.api, b.adminUser, rate].filter(Boolean);
  if (given.length === 0 && optional.length === 0) return undefined;
  const missing = Object.keys(required).filter((k) => !required[k]);
  if (missing.length > 0) {
    throw new Error(`an external ILPv1 connector needs ${missing.join(', ')} (or the matching ilpv1Connector world parameters); given: ${given.join(', ') || 'only optional settings'}. Give none to run against the bundled reference`);
  }
  const settings = (l: typeof a): Ilpv1LedgerSettings => ({
    url: l.url!, dialect: parseLedgerDialect(l.api), adminToken: l.adminToken!, connectorAccount: l.connectorAccount!, ...(l.adminUser ? { adminUser: l.adminUser } : {}),
  });
  return { ledgers: { A: settings(a), B: settings(b) }, address: address!, rate: rate ?? '1' };
}

/** The bundled connector's fault switches (self-test). */
export function ilpv1ReferenceFaults(world: WithParameters, env: NodeJS.ProcessEnv = process.env): string {
  return (world.parameters as Ilpv1Parameters).referenceIlpv1Faults ?? env.ILP_REFERENCE_ILPV1_FAULTS ?? '';
}
