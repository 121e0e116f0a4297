/**
 * What one reference participant keeps: who it is, its secret, which packet version and body format (the
 * dialect: FSPIOP v1.1 or the ISO 20022 mode) it speaks, the quotes
 * it gave (by quoteId) and the transfers it answered (by transferId), and the payer side's pending waits.
 */
import type { FspiopDialect, QuoteRequest, QuoteResponse } from '../../contracts/fspiop';
import type { MojaloopFaults } from './faults';
import type { Outbound } from './outbound';

export type PacketVersion = 'ilpv1' | 'ilpv4';

export interface StoredQuote {
  readonly request: QuoteRequest;
  readonly response: QuoteResponse;
  readonly fulfilment: string;
  /** The address the packet carries: the Payee account it pays. */
  readonly address: string;
  readonly expiresAt: number;
  /** The requester, to whom transfer callbacks go back. */
  readonly requester: string;
}

export interface AnsweredTransfer {
  /** The request body as received, to tell a resend from a conflicting reuse of the ID. */
  readonly bodyKey: string;
  readonly resource: 'transfers.put' | 'error.put';
  readonly path: string;
  readonly body: object;
  readonly destination: string;
}

export interface ParticipantContext {
  readonly fspId: string;
  readonly secret: Uint8Array;
  readonly version: PacketVersion;
  /** The body format of everything it sends and receives. */
  readonly dialect: FspiopDialect;
  readonly faults: MojaloopFaults;
  readonly outbound: Outbound;
  /** How long a quote it gives is valid, unless the request asks for less. */
  readonly quoteValidityMs: number;
  readonly quotes: Map<string, StoredQuote>;
  readonly transfers: Map<string, AnsweredTransfer>;
  /** Payer side: callbacks awaited by ID (quoteId or transferId). */
  readonly waits: Map<string, (callback: { resource: 'quotes.put' | 'transfers.put' | 'error.put'; body: Readonly<Record<string, unknown>> }) => void>;
}
