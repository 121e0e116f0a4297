/**
 * A STREAM receiver under test (the receiver profile): an SPSP endpoint the harness queries, and the
 * ILP-over-HTTP endpoint where the harness, as the receiver's upstream connector, delivers Prepares
 * (RFC 35 draft 2, synchronous). External: by the two URLs and the bearer token its operator configured for
 * its upstream, and, for an https: SPSP endpoint whose certificate the system does not trust (a test or
 * internal CA), the PEM file of the certificate to trust for it. Bundled: the reference receiver on ephemeral
 * loopback ports, its SPSP endpoint over HTTPS with a certificate made for the run (test-certificate.ts), which
 * is the one certificate the harness trusts for it (RFC 9, SPSP-001).
 */
import { readFileSync } from 'node:fs';
import { startReferenceReceiver, type RunningReceiver } from './bundled-references';
import { makeTestCertificate } from './test-certificate';
import { TARGET_INTERFACE_VERSION, type Target, type TargetDescription, type TargetOrigin } from './target';

export interface ReceiverTargetOptions {
  /** External: the SPSP endpoint URL (what a payment pointer resolves to). */
  readonly spspUrl?: string;
  /** External: where Prepares are posted (ILP over HTTP). */
  readonly ilpUrl?: string;
  /** External: the bearer token the receiver expects from its upstream. */
  readonly ilpToken?: string;
  /** External: a PEM file with the certificate(s) to trust for an https: SPSP endpoint (default: the system's CAs). */
  readonly spspCaFile?: string;
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
    /** PEM certificate(s) the harness trusts for the SPSP endpoint; undefined = the system's CAs. */
    readonly spspCa: string | undefined,
    private readonly running: RunningReceiver | undefined,
  ) {}

  static async start(options: ReceiverTargetOptions = {}): Promise<ReceiverTarget> {
    const faults = typeof options.faults === 'string' ? options.faults : (options.faults ?? []).join(',');
    if (options.spspUrl || options.ilpUrl) {
      if (faults) throw new ReceiverTargetError('fault switches apply only to the bundled reference receiver, not to an external one');
      if (!options.spspUrl || !options.ilpUrl) throw new ReceiverTargetError('an external receiver needs both its SPSP URL (ILP_RECEIVER_SPSP_URL) and its ILP-over-HTTP URL (ILP_RECEIVER_ILP_URL)');
      return new ReceiverTarget('external', options.spspUrl, options.ilpUrl, options.ilpToken ?? '', options.spspCaFile ? readCa(options.spspCaFile) : undefined, undefined);
    }
    if (options.spspCaFile) throw new ReceiverTargetError('a CA file for the SPSP endpoint (ILP_RECEIVER_SPSP_CA) applies only to an external receiver; the bundled one makes and trusts its own certificate');
    const certificate = await makeTestCertificate().catch((error: Error) => {
      throw new ReceiverTargetError(`the bundled reference receiver serves SPSP over HTTPS (RFC 9): ${error.message}`);
    });
    const running = await startReferenceReceiver({ faults, spspTls: certificate });
    return new ReceiverTarget('bundled-reference', running.spspUrl, running.ilpUrl, running.ilpToken, certificate.cert, running);
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
      details: {
        'ILP over HTTP': this.ilpUrl,
        ...(this.spspUrl.startsWith('https:') ? { 'SPSP certificate trusted': this.origin === 'bundled-reference' ? 'a self-signed one made for this run' : this.spspCa ? 'the PEM file given (ILP_RECEIVER_SPSP_CA)' : "the system's CAs" } : {}),
      },
    };
  }
}

function readCa(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReceiverTargetError(`cannot read the SPSP endpoint's CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ReceiverTargetError(`the SPSP endpoint's CA file ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}
