/**
 * The FSPIOP v1.1 message bodies of one quote and the transfer that pays it, as plain objects (the
 * dialect seam's "fspiop body"), and the pieces both sides derive from them:
 *
 *   POST /quotes            QuoteRequest      -> the Transaction object (7.4.17) the Payee FSP puts in the packet
 *   PUT /quotes/{ID}        QuoteResponse     (transferAmount, expiration, ilpPacket, condition)
 *   POST /transfers         TransferRequest   (transferId, payeeFsp, payerFsp, amount, ilpPacket, condition, expiration)
 *   PUT /transfers/{ID}     TransferResponse  (fulfilment, completedTimestamp, transferState)
 *   PUT /.../{ID}/error     ErrorCallback     (errorInformation: errorCode, errorDescription)
 *
 * Pure: no I/O.
 */
import type { PartyIdInfo } from './quote-callback';
import type { Money, TransferRequest as TransferTerms } from './transfer-consistency';

export interface QuoteRequest {
  readonly quoteId: string;
  readonly transactionId: string;
  readonly payee: { readonly partyIdInfo: Partial<PartyIdInfo> & Pick<PartyIdInfo, 'partyIdType' | 'partyIdentifier'> };
  readonly payer: { readonly partyIdInfo: Partial<PartyIdInfo> & Pick<PartyIdInfo, 'partyIdType' | 'partyIdentifier'> };
  readonly amountType: 'SEND' | 'RECEIVE';
  readonly amount: Money;
  readonly transactionType: { readonly scenario: string; readonly initiator: string; readonly initiatorType: string };
  readonly expiration?: string;
}

export interface QuoteResponse {
  readonly transferAmount: Money;
  readonly expiration: string;
  readonly ilpPacket: string;
  readonly condition: string;
}

export interface TransferRequestBody extends TransferTerms {
  readonly transferId: string;
  readonly payerFsp: string;
  readonly expiration: string;
}

export interface TransferResponse {
  readonly fulfilment?: string;
  readonly completedTimestamp?: string;
  readonly transferState: 'RECEIVED' | 'RESERVED' | 'COMMITTED' | 'ABORTED';
}

export interface ErrorCallback {
  readonly errorInformation: { readonly errorCode: string; readonly errorDescription: string };
}

/** FSPIOP error codes (API Definition 7.6) the reference and the harness as payee send. */
export const FSPIOP_ERRORS = {
  genericValidation: '3100',
  malformedSyntax: '3101',
  missingElement: '3102',
  payeeNotFound: '3204',
  quoteIdNotFound: '3205',
  transferExpired: '3303',
  quoteExpired: '3302',
  payeeRejected: '5101',
  payeeLimit: '5200',
} as const;

/** The Transaction object a quote describes (7.4.17): what the Payee FSP writes in the packet's data. */
export function quoteTransaction(quote: QuoteRequest): Record<string, unknown> {
  return {
    transactionId: quote.transactionId,
    quoteId: quote.quoteId,
    payee: quote.payee,
    payer: quote.payer,
    amount: quote.amount,
    transactionType: quote.transactionType,
  };
}

export function errorCallback(code: string, description: string): ErrorCallback {
  return { errorInformation: { errorCode: code, errorDescription: description.slice(0, 128) } };
}

/** Why a parsed body does not have the fields a QuoteRequest needs to be answered, or undefined. */
export function quoteRequestProblem(body: Readonly<Record<string, unknown>>): string | undefined {
  const payee = (body.payee as { partyIdInfo?: Record<string, unknown> } | undefined)?.partyIdInfo;
  const amount = body.amount as Record<string, unknown> | undefined;
  if (typeof body.quoteId !== 'string') return 'quoteId is missing';
  if (typeof body.transactionId !== 'string') return 'transactionId is missing';
  if (!payee || typeof payee.partyIdType !== 'string' || typeof payee.partyIdentifier !== 'string') return 'payee.partyIdInfo is missing';
  if (!amount || typeof amount.amount !== 'string' || typeof amount.currency !== 'string') return 'amount is missing';
  return undefined;
}
