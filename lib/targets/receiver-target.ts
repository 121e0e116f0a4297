/**
 * A STREAM receiver under test (the receiver profile): an SPSP endpoint the harness queries, and the
 * ILP-over-HTTP endpoint where the harness, as the receiver's upstream connector, delivers Prepares
 * (RFC 35 draft 2, synchronous). External: by the two URLs and the bearer token its operator configured for
 * its upstream. Bundled: the reference receiver on an ephemeral loopback port.
 */
import { startReferenceReceiver, type RunningReceiver } from './bundled-references';
import { TARGET_INTERFACE_VERSION, type Target, type TargetDescription, type TargetOrigin } from './target';

export interface ReceiverTargetOptions {
  /** External: the SPSP endpoint URL (what a payment pointer resolves to). */
  readonly spspUrl?: string;
  /** External: where Prepares are posted (ILP over HTTP). */
  readonly ilpUrl?: string;
  /** External: the bearer token the receiver expects from its upstream. */
  readonly ilpToken?: string;
  /** Bundled only: fault switches (self-test). */
  readonly faults?: string | readonly string[];
}

export class ReceiverTargetError extends Error {
  override readonly name = 'ReceiverTargetError';
}

export class ReceiverTarget implements Target<never> {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'receiver' as const;
  readonly capabilities: ReadonlySet<never> = new Set();

  private constructor(
    readonly origin: TargetOrigin,
    readonly spspUrl: string,
    readonly ilpUrl: string,
    readonly ilpToken: string,
    private readonly running: RunningReceiver | undefined,
  ) {}

  static async start(options: ReceiverTargetOptions = {}): Promise<ReceiverTarget> {
    const faults = typeof options.faults === 'string' ? options.faults : (options.faults ?? []).join(',');
    if (options.spspUrl || options.ilpUrl) {
      if (faults) throw new ReceiverTargetError('fault switches apply only to the bundled reference receiver, not to an external one');
      if (!options.spspUrl || !options.ilpUrl) throw new ReceiverTargetError('an external receiver needs both its SPSP URL (ILP_RECEIVER_SPSP_URL) and its ILP-over-HTTP URL (ILP_RECEIVER_ILP_URL)');
      return new ReceiverTarget('external', options.spspUrl, options.ilpUrl, options.ilpToken ?? '', undefined);
    }
    const running = await startReferenceReceiver({ faults });
    return new ReceiverTarget('bundled-reference', running.spspUrl, running.ilpUrl, running.ilpToken, running);
  }

  /** The SPSP URL of a receiver name on this target (`/alice` on the bundled one). */
  spspUrlOf(name: string): string {
    return new URL(`/${encodeURIComponent(name)}`, this.spspUrl).toString();
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await this.running?.close();
  }

  describe(): TargetDescription {
    return {
      kind: 'receiver',
      origin: this.origin,
      name: this.origin === 'bundled-reference' ? 'ilp-conformance reference receiver' : this.spspUrl,
      endpoint: this.spspUrl,
      capabilities: [],
      details: { 'ILP over HTTP': this.ilpUrl },
    };
  }
}
