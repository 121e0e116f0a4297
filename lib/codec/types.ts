/**
 * ILPv4 packet shapes (RFC 27 §Packet Format). Amounts are bigint (UInt64), conditions and
 * fulfillments are 32-byte Uint8Arrays, expiresAt is a Date with millisecond precision (UTC).
 */
export const PacketType = { Prepare: 12, Fulfill: 13, Reject: 14 } as const;
export type PacketTypeId = (typeof PacketType)[keyof typeof PacketType];

export interface IlpPrepare {
  readonly type: 12;
  readonly amount: bigint;
  readonly expiresAt: Date;
  readonly executionCondition: Uint8Array;
  readonly destination: string;
  readonly data: Uint8Array;
}

export interface IlpFulfill {
  readonly type: 13;
  readonly fulfillment: Uint8Array;
  readonly data: Uint8Array;
}

export interface IlpReject {
  readonly type: 14;
  readonly code: string;
  readonly triggeredBy: string;
  readonly message: string;
  readonly data: Uint8Array;
}

export type IlpPacket = IlpPrepare | IlpFulfill | IlpReject;
export type IlpReply = IlpFulfill | IlpReject;

/** Strict refuses every non-canonical form; lenient accepts the ones RFC 27 lets a receiver accept. */
export type DecodeMode = 'strict' | 'lenient';

export interface DecodeOptions {
  /** Default 'strict'. */
  readonly mode?: DecodeMode;
  /** Trailing bytes are ignored by default (RFC 30 §Extensibility, OER-003); set to refuse them. */
  readonly rejectTrailingBytes?: boolean;
}
