/**
 * The project's own codec (lib/codec) as a target, in the same process: every request answered by
 * codec-answers.ts (the liquidity curves by the reference quoting functions), every capability declared. The default when no adapter is given.
 */
import { TARGET_INTERFACE_VERSION, type TargetDescription } from './target';
import { answer, type AnswerOptions } from './codec-answers';
import { parseQuotingFaults } from './bundled-references';
import { ALL_CODEC_CAPABILITIES, type CodecCapability, type CodecCommand, type CodecReply, type CodecRequest } from './codec-protocol';
import type { CodecTarget } from './codec-target';

export class CodecInProcessTarget implements CodecTarget {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'codec' as const;
  readonly capabilities: ReadonlySet<CodecCapability> = new Set(ALL_CODEC_CAPABILITIES);
  private readonly options: AnswerOptions;

  /** `quotingFaults`: fault switches of the reference quoting functions (reference-impl/quoting/faults.ts), for the self-test. */
  constructor(options: { readonly quotingFaults?: string | readonly string[] } = {}) {
    this.options = { quotingFaults: parseQuotingFaults(options.quotingFaults) };
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  call<C extends CodecCommand>(request: CodecRequest<C>): Promise<CodecReply<C>> {
    return Promise.resolve(answer(request, this.options));
  }

  describe(): TargetDescription {
    return {
      kind: 'codec',
      origin: 'bundled-reference',
      name: 'ilp-conformance lib/codec',
      endpoint: 'in-process',
      capabilities: [...this.capabilities].sort(),
      details: { language: 'typescript', ...(this.options.quotingFaults?.size ? { faults: [...this.options.quotingFaults].join(',') } : {}) },
    };
  }
}
