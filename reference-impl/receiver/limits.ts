/** The limits the reference receiver advertises on every connection. */
export interface ReceiverLimits {
  /** StreamMaxMoney receiveMax per stream. */
  readonly streamReceiveMax: bigint;
  /** StreamMaxData maxOffset per stream. */
  readonly streamMaxData: bigint;
  /** ConnectionMaxData maxOffset: data bytes over all streams. */
  readonly connectionMaxData: bigint;
}

export const DEFAULT_LIMITS: ReceiverLimits = { streamReceiveMax: 1_000_000n, streamMaxData: 4096n, connectionMaxData: 6144n };
