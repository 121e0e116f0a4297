/**
 * Ledger dialects: the APIs the ledger target speaks, and what each one can show. `native` is this project's
 * own API (fixtures/openapi/ledger.openapi.yaml); `five-bells` is the Five Bells Ledger API of the 2016-2017
 * Interledger era (five-bells-ledger 21). Both clients answer in the native API's types, so steps never
 * learn which one they talk to; what a dialect cannot show is a capability it does not declare, and a
 * scenario tagged `@needs-<capability>` is then skipped with the reason, never passed or failed.
 */
import type {
  LedgerAccount,
  LedgerAccountRequest,
  LedgerFulfillment,
  LedgerMessage,
  LedgerMetadata,
  LedgerTransfer,
  LedgerTransferRequest,
} from '../../contracts/ledger-api';
import { loadCatalog, REQUIREMENT_ID } from '../catalog/catalog';
import type { AmountLimit } from './ledger-amount-limit';
import type { LedgerReply, NotificationStream } from './ledger-http';

export const LEDGER_DIALECTS = {
  native: "the project's own ledger API (fixtures/openapi/ledger.openapi.yaml)",
  'five-bells': 'the Five Bells Ledger API (five-bells-ledger 21): account URLs, crypto-condition URIs, Basic auth',
} as const;

export type LedgerDialect = keyof typeof LEDGER_DIALECTS;

/** Absent or empty: native. Throws a sentence naming the bad word and the known dialects. */
export function parseLedgerDialect(text: string | undefined): LedgerDialect {
  const word = (text ?? '').trim();
  if (word === '') return 'native';
  if (!(word in LEDGER_DIALECTS)) throw new Error(`unknown ledger API "${word}" (known: ${Object.keys(LEDGER_DIALECTS).join(', ')})`);
  return word as LedgerDialect;
}

/** What a ledger scenario may need beyond the common core of every dialect. */
export const LEDGER_CAPABILITIES = {
  'account-address': "an account's own ILP address in its view",
  'bearer-tokens': 'accounts that a bearer token alone identifies (Five Bells authenticates a name with its password, so two accounts may share a password without sharing access)',
  'create-only-accounts': 'account opening that never changes an existing account (Five Bells PUT /accounts/:name is the admin\'s update too, so setting a balance again is the admin\'s right there)',
  'connector-listing': 'the connector accounts opened through the API, listed in the metadata',
  'fulfillment-lookup': 'a lookup of a fulfillment by its condition',
  'native-api': "the project's own API, which the bundled connector's ledger link speaks (payments across ledgers)",
} as const;

export type LedgerCapability = keyof typeof LEDGER_CAPABILITIES;

const ALL = Object.keys(LEDGER_CAPABILITIES) as LedgerCapability[];

/** What each dialect can show; checked against five-bells-ledger 21.2.5 (examples/five-bells-ledger/FINDINGS.md). */
export const DIALECT_CAPABILITIES: Readonly<Record<LedgerDialect, readonly LedgerCapability[]>> = {
  native: ALL,
  'five-bells': [],
};

/** Why a scenario with these tags cannot be judged through `dialect`, or undefined when it can. Unknown ledger needs throw. */
export function ledgerSkipReason(tags: readonly string[], dialect: LedgerDialect): string | undefined {
  const needed = tags.map((t) => /^@needs-(.+)$/.exec(t)?.[1]).filter((n): n is string => n !== undefined);
  const unknown = needed.filter((n) => !(n in LEDGER_CAPABILITIES));
  if (unknown.length > 0) throw new Error(`tag @needs-${unknown[0]} names no ledger capability (known: ${ALL.join(', ')})`);
  const missing = (needed as LedgerCapability[]).filter((n) => !DIALECT_CAPABILITIES[dialect].includes(n));
  if (missing.length > 0) {
    return `not observable through the ${dialect} ledger API: the scenario needs ${missing.map((c) => LEDGER_CAPABILITIES[c]).join('; and ')}, which that API does not offer`;
  }
  // A scenario whose primary requirement is a convention of the native API (not an RFC requirement) is set aside
  // through any other API, so a ledger is never failed for choosing otherwise where the RFC leaves it open.
  const primary = tags.map((t) => t.slice(1)).find((t) => REQUIREMENT_ID.test(t));
  const requirement = primary === undefined ? undefined : loadCatalog().get(primary);
  if (dialect !== 'native' && requirement?.convention === 'native-ledger-api') {
    return `set aside through the ${dialect} ledger API: ${requirement.id} is a convention of the native ledger API, not an RFC requirement (${requirement.summary})`;
  }
  return undefined;
}

/** What steps ask of a ledger, in the native API's types, whatever the dialect. */
export interface LedgerApiClient {
  metadata(): Promise<LedgerReply<LedgerMetadata>>;
  /** What the metadata says about the largest amounts the ledger holds, in the dialect's own terms (ledger-amount-limit.ts). */
  amountLimit(): Promise<LedgerReply<AmountLimit>>;
  createAccount(adminToken: string | undefined, name: string, body: LedgerAccountRequest): Promise<LedgerReply<LedgerAccount>>;
  getAccount(token: string | undefined, name: string): Promise<LedgerReply<LedgerAccount>>;
  prepareTransfer(token: string | undefined, id: string, body: LedgerTransferRequest): Promise<LedgerReply<LedgerTransfer>>;
  getTransfer(token: string | undefined, id: string): Promise<LedgerReply<LedgerTransfer>>;
  fulfill(token: string | undefined, id: string, preimage: Uint8Array | string): Promise<LedgerReply<LedgerFulfillment>>;
  getFulfillment(token: string | undefined, id: string): Promise<LedgerReply<LedgerFulfillment>>;
  fulfillmentByCondition(token: string | undefined, condition: string): Promise<LedgerReply<LedgerFulfillment>>;
  reject(token: string | undefined, id: string, message?: Uint8Array): Promise<LedgerReply<LedgerTransfer>>;
  sendMessage(token: string | undefined, message: LedgerMessage): Promise<LedgerReply<undefined>>;
  subscribe(token: string | undefined, accounts: readonly string[], websocketUrl?: string): Promise<LedgerReply<NotificationStream>>;
}
