/**
 * ILP errors the reference connector's rules throw. Each class carries its RFC 27 code and a one-line
 * `key=value` message (`receivedAmount=51 maximumAmount=50`), plus the Reject `data` where the code defines
 * one (F08). Rules throw them; exactly one rule (rules/reject-on-error.ts) turns them into a Reject whose
 * `triggeredBy` is the connector's own address. Nothing else builds connector-originated Rejects.
 */
import { encodeAmountTooLargeData } from '../../lib/codec';

export type ErrorDetails = Readonly<Record<string, string | number | bigint | boolean>>;

export abstract class IlpError extends Error {
  abstract readonly code: string;
  readonly details: ErrorDetails;
  /** Reject `data`; empty unless the code defines a layout. */
  readonly data: Uint8Array = new Uint8Array(0);

  constructor(summary: string, details: ErrorDetails = {}) {
    super(formatMessage(summary, details));
    this.details = details;
  }
}

/** F00: a generic final error; only the self-test's invalid-packet-generic-code fault uses it (F01 fits better). */
export class BadRequestError extends IlpError {
  override readonly name = 'BadRequestError';
  readonly code = 'F00';
}

/** F01: the Prepare is not a valid ILPv4 Prepare, or a peer protocol packet is malformed. */
export class InvalidPacketError extends IlpError {
  override readonly name = 'InvalidPacketError';
  readonly code = 'F01';
}

/** F02: no route, a destination this network refuses, or a peer.* service we do not offer. */
export class UnreachableError extends IlpError {
  override readonly name = 'UnreachableError';
  readonly code = 'F02';
}

/** F03: the amount cannot be represented on the outgoing link (above UInt64 after conversion). */
export class InvalidAmountError extends IlpError {
  override readonly name = 'InvalidAmountError';
  readonly code = 'F03';
}

/** F05: the next hop's fulfillment does not hash to the condition (see rules/check-fulfillment.ts). */
export class WrongConditionError extends IlpError {
  override readonly name = 'WrongConditionError';
  readonly code = 'F05';
}

/** F08: above the incoming peer's maximum packet amount; data = UInt64 received || UInt64 maximum. */
export class AmountTooLargeError extends IlpError {
  override readonly name = 'AmountTooLargeError';
  readonly code = 'F08';
  override readonly data: Uint8Array;

  constructor(receivedAmount: bigint, maximumAmount: bigint, details: ErrorDetails = {}) {
    super('amount above the maximum packet amount', { receivedAmount, maximumAmount, ...details });
    this.data = encodeAmountTooLargeData({ receivedAmount, maximumAmount });
  }
}

/** T00: a bug here, or a next hop that answered with an HTTP 5xx or a body that is no ILP reply. */
export class InternalError extends IlpError {
  override readonly name = 'InternalError';
  readonly code = 'T00';
}

/** T01: a route exists but the next hop cannot be reached (refused, reset, HTTP 4xx). */
export class PeerUnreachableError extends IlpError {
  override readonly name = 'PeerUnreachableError';
  readonly code = 'T01';
}

/** T03: we cannot take this packet now; also what a busy or rate-limited next hop becomes (RFC 27 T02, T05). */
export class ConnectorBusyError extends IlpError {
  override readonly name = 'ConnectorBusyError';
  readonly code = 'T03';
}

/** T04: the packet would take a peer's balance past its limit. */
export class InsufficientLiquidityError extends IlpError {
  override readonly name = 'InsufficientLiquidityError';
  readonly code = 'T04';
}

/** R00: the next hop did not answer before the forwarded expiry (or answered after it). */
export class TransferTimedOutError extends IlpError {
  override readonly name = 'TransferTimedOutError';
  readonly code = 'R00';
}

/** R01: a non-zero amount converts to zero on the outgoing link. */
export class InsufficientSourceAmountError extends IlpError {
  override readonly name = 'InsufficientSourceAmountError';
  readonly code = 'R01';
}

/** R02: the Prepare has expired or leaves too little time to forward it. */
export class InsufficientTimeoutError extends IlpError {
  override readonly name = 'InsufficientTimeoutError';
  readonly code = 'R02';
}

export function isIlpError(error: unknown): error is IlpError {
  return error instanceof IlpError;
}

function formatMessage(summary: string, details: ErrorDetails): string {
  let text = summary;
  for (const key of Object.keys(details)) {
    const value = String(details[key]);
    text += ` ${key}=${/[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value}`;
  }
  return text;
}
