/**
 * The ledger API's wire types (fixtures/openapi/ledger.openapi.yaml): the shapes fixtures/schemas/ledger
 * describes. Both sides agree on them: the harness reads ledger replies as these, the reference ledger
 * writes its views as these. Types only; contracts/ledger-schemas.ts checks a value against the schemas.
 */


export interface LedgerMetadata {
  currency_code: string;
  currency_symbol?: string;
  scale: number;
  ilp_prefix: string;
  connectors: Array<{ name: string; ilp_address: string }>;
  /** The largest amount (and balance) the ledger holds, in whole units at its scale; beyond it, it refuses. */
  max_amount?: string;
  max_memo_bytes?: number;
  max_message_bytes?: number;
  urls?: { websocket?: string };
  version?: string;
}

export interface LedgerAccount {
  name: string;
  owner: string;
  ilp_address: string;
  balance: string;
  held: string;
  minimum_allowed_balance: string;
  connector: boolean;
}

export interface LedgerAccountRequest {
  name?: string;
  owner?: string;
  balance?: string;
  minimum_allowed_balance?: string;
  connector?: boolean;
  token: string;
}

export type TransferState = 'proposed' | 'prepared' | 'executed' | 'rejected';
export type RejectionReason = 'expired' | 'rejected_by_receiver' | 'cancelled';

export interface LedgerTransferRequest {
  id?: string;
  debit_account: string;
  credit_account: string;
  amount: string;
  execution_condition?: string;
  expires_at?: string;
  memo?: string;
}

export interface LedgerTransfer extends LedgerTransferRequest {
  id: string;
  state: TransferState;
  rejection_reason?: RejectionReason;
  rejection_message?: string;
  timeline: { proposed_at: string; prepared_at?: string; executed_at?: string; rejected_at?: string };
}

export interface LedgerFulfillment {
  transfer_id: string;
  execution_condition: string;
  fulfillment: string;
}

export interface LedgerMessage {
  from: string;
  to: string;
  data: string;
}

export interface LedgerErrorBody {
  id: string;
  message: string;
  details?: Record<string, unknown>;
}

export type LedgerNotification =
  | {
      event: 'transfer.prepared' | 'transfer.executed' | 'transfer.rejected';
      resource: LedgerTransfer;
      related_resources?: { fulfillment?: LedgerFulfillment };
    }
  | { event: 'message.send'; resource: LedgerMessage };
