/**
 * The reference ledger's errors are values, not exceptions: every operation returns a `Result`, and the
 * HTTP layer turns a `LedgerError` into a status and an Error body through the maps below. The maps are
 * keyed by every `kind`, so adding a kind fails to compile until it has a status, an id and a sentence.
 */
export type LedgerError =
  | { readonly kind: 'invalid-body'; readonly problems: string }
  | { readonly kind: 'invalid-uri'; readonly parameter: string; readonly value: string }
  | { readonly kind: 'unauthenticated' }
  | { readonly kind: 'forbidden'; readonly reason: string }
  | { readonly kind: 'not-found'; readonly what: string }
  | { readonly kind: 'method-not-allowed'; readonly method: string; readonly path: string }
  | { readonly kind: 'already-exists'; readonly what: string }
  | { readonly kind: 'payload-too-large'; readonly limitBytes: number }
  | { readonly kind: 'unsupported-media-type'; readonly got: string }
  | { readonly kind: 'unknown-account'; readonly name: string }
  | { readonly kind: 'invalid-amount'; readonly reason: string }
  | { readonly kind: 'insufficient-funds'; readonly account: string; readonly balance: string; readonly minimum: string; readonly amount: string }
  | { readonly kind: 'expired'; readonly id: string; readonly expiresAt: string }
  | { readonly kind: 'not-conditional'; readonly id: string }
  | { readonly kind: 'invalid-fulfillment'; readonly lengthBytes: number }
  | { readonly kind: 'unmet-condition'; readonly id: string }
  | { readonly kind: 'already-executed'; readonly id: string }
  | { readonly kind: 'already-rejected'; readonly id: string; readonly reason: string }
  | { readonly kind: 'missing-fulfillment'; readonly what: string }
  | { readonly kind: 'no-subscriptions'; readonly account: string }
  | { readonly kind: 'internal'; readonly message: string };

export type LedgerErrorKind = LedgerError['kind'];

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LedgerError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: LedgerError): Result<T> => ({ ok: false, error });

/** HTTP status and Error body id per kind (fixtures/schemas/ledger/error.schema.json lists the ids). */
export const ERROR_HTTP: { readonly [K in LedgerErrorKind]: { readonly status: number; readonly id: string } } = {
  'invalid-body': { status: 400, id: 'InvalidBodyError' },
  // Stryker disable next-line all: a status and id of this API's own refusals (a malformed path parameter) beyond LAPI-001's four classes; no RFC 17 requirement asks for it
  'invalid-uri': { status: 400, id: 'InvalidUriParameterError' },
  unauthenticated: { status: 401, id: 'UnauthorizedError' },
  forbidden: { status: 403, id: 'ForbiddenError' },
  'not-found': { status: 404, id: 'NotFoundError' },
  // Stryker disable next-line all: 405 for a method the API does not offer: HTTP's convention, which no RFC 17 requirement pins
  'method-not-allowed': { status: 405, id: 'MethodNotAllowedError' },
  'already-exists': { status: 409, id: 'AlreadyExistsError' },
  // Stryker disable next-line all: 413 for a body beyond the API's size limit: the limit and its status are the API's (LEDGER-009 pins only that 65535-byte memos fit)
  'payload-too-large': { status: 413, id: 'PayloadTooLargeError' },
  // Stryker disable next-line all: 415 for a body that is not JSON: HTTP's convention, which no RFC 17 requirement pins
  'unsupported-media-type': { status: 415, id: 'UnsupportedMediaTypeError' },
  'unknown-account': { status: 422, id: 'UnknownAccountError' },
  'invalid-amount': { status: 422, id: 'InvalidAmountError' },
  'insufficient-funds': { status: 422, id: 'InsufficientFundsError' },
  expired: { status: 422, id: 'ExpiredTransferError' },
  // Stryker disable next-line all: which 422 answers a fulfillment of an unconditional transfer is the API's (transfers.ts leaves the choice of refusal out too)
  'not-conditional': { status: 422, id: 'TransferNotConditionalError' },
  'invalid-fulfillment': { status: 422, id: 'InvalidFulfillmentError' },
  'unmet-condition': { status: 422, id: 'UnmetConditionError' },
  'already-executed': { status: 422, id: 'AlreadyExecutedError' },
  'already-rejected': { status: 422, id: 'AlreadyRejectedError' },
  'missing-fulfillment': { status: 404, id: 'MissingFulfillmentError' },
  // Stryker disable next-line all: refusing a message to an account with no open socket is the API's choice: LEDGER-010 pins delivery and the sender's authenticity, not this refusal
  'no-subscriptions': { status: 422, id: 'NoSubscriptionsError' },
  // Stryker disable next-line all: the 500 of a broken invariant: no conforming run reaches it (only faults such as share-account-tokens do, and they fail on the status alone)
  internal: { status: 500, id: 'InternalError' },
};

/** The Error body's `message`: what was wrong, with the values involved. */
// Stryker disable all: human text only; clients act on the status and the id (ERROR_HTTP above)
export function describeLedgerError(error: LedgerError): string {
  switch (error.kind) {
    case 'invalid-body':
      return `invalid request: ${error.problems}`;
    case 'invalid-uri':
      return `path parameter ${error.parameter} is not valid: ${JSON.stringify(error.value)}`;
    case 'unauthenticated':
      return 'no valid bearer token (Authorization: Bearer <token>)';
    case 'forbidden':
      return `not permitted: ${error.reason}`;
    case 'not-found':
      return `not found: ${error.what}`;
    case 'method-not-allowed':
      return `${error.method} is not allowed on ${error.path}`;
    case 'already-exists':
      return `already exists with different content: ${error.what}`;
    case 'payload-too-large':
      return `request body larger than ${error.limitBytes} bytes`;
    case 'unsupported-media-type':
      return `Content-Type must be application/json, got ${JSON.stringify(error.got)}`;
    case 'unknown-account':
      return `no account named ${JSON.stringify(error.name)}`;
    case 'invalid-amount':
      return `invalid amount: ${error.reason}`;
    case 'insufficient-funds':
      return `account=${error.account} balance=${error.balance} minimum=${error.minimum} amount=${error.amount}: the hold would take the balance below its minimum`;
    case 'expired':
      return `transfer ${error.id} expired at ${error.expiresAt}`;
    case 'not-conditional':
      return `transfer ${error.id} has no execution condition`;
    case 'invalid-fulfillment':
      return `fulfillment must be a 32-byte preimage, got ${error.lengthBytes} bytes`;
    case 'unmet-condition':
      return `fulfillment does not hash to the execution condition of transfer ${error.id}`;
    case 'already-executed':
      return `transfer ${error.id} is already executed`;
    case 'already-rejected':
      return `transfer ${error.id} is already rejected (${error.reason})`;
    case 'missing-fulfillment':
      return `no fulfillment known for ${error.what}`;
    case 'no-subscriptions':
      return `account ${error.account} has no open notification socket to deliver to`;
    case 'internal':
      return `internal error: ${error.message}`;
  }
}
// Stryker restore all
