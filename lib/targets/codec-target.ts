/**
 * A codec under test, however it is reached: in-process (lib/targets/codec-in-process.ts, the project's
 * own lib/codec) or an adapter subprocess speaking the codec adapter protocol (codec-adapter.ts). Both
 * answer the protocol's requests (codec-protocol.ts), so the steps cannot tell them apart.
 */
import type { Target } from './target';
import type { CodecCapability, CodecCommand, CodecReply, CodecRequest } from './codec-protocol';

export interface CodecTarget extends Target<CodecCapability> {
  readonly kind: 'codec';
  /** Resolves to the reply (a result or a refusal); rejects only when the target is unusable. */
  /** Set once the target cannot be used any more (an adapter that crashed, hung or wrote garbage). */
  readonly problem?: Error;
  call<C extends CodecCommand>(request: CodecRequest<C>): Promise<CodecReply<C>>;
}

/** The phrase every "adapter unusable" message starts with (verdict.ts knows the error by its type and reads the reason after this). */
export const ADAPTER_UNUSABLE = 'Codec adapter unusable:';

export class CodecAdapterUnusable extends Error {
  override readonly name = 'CodecAdapterUnusable';
  constructor(readonly reason: string, command: string) {
    super(`${ADAPTER_UNUSABLE} ${reason} (adapter: ${command}). No verdict on the codec: the harness could not judge it.`);
  }
}
