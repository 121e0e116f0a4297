/**
 * The one shape every system under test takes in the harness: a codec (in-process or an adapter
 * subprocess), a connector over ILP-over-HTTP, a ledger by URL. Steps never see how a target is reached;
 * they ask it for its capabilities, start it once per worker, describe it in the report, and stop it.
 *
 * Versioned so that a target written against one revision of this interface is refused with a reason
 * by a harness that speaks another, instead of failing scenarios in ways nobody can read.
 */

/** Bump when a member is added, removed or changes meaning. */
export const TARGET_INTERFACE_VERSION = 1 as const;

/** Media type of a target's description in the run's message stream (steps/support/target-hooks.ts). */
export const TARGET_MEDIA_TYPE = 'application/vnd.ilp-conformance.target+json';

export type TargetKind = 'codec' | 'connector' | 'ledger' | 'receiver' | 'mojaloop';

/** Who wrote the system under test: the bundled reference (the embedded default) or anyone else. */
export type TargetOrigin = 'bundled-reference' | 'external';

/** What the report's front page says about a target. */
export interface TargetDescription {
  readonly kind: TargetKind;
  readonly origin: TargetOrigin;
  /** Implementation name as it introduces itself (e.g. "ilp-packet"), or where it was reached. */
  readonly name: string;
  readonly version?: string;
  /** URL, adapter command, or "in-process". */
  readonly endpoint: string;
  /** The capabilities it declared, sorted. */
  readonly capabilities: readonly string[];
  /** Anything else worth a line in the report (language, RFC 35 revision, dialect...). */
  readonly details?: Readonly<Record<string, string>>;
}

export interface Target<Capability extends string = string> {
  readonly interfaceVersion: typeof TARGET_INTERFACE_VERSION;
  readonly kind: TargetKind;
  /** What it declares it supports; a scenario tagged @needs-<capability> outside this set is skipped. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Brings the target to serving. Idempotent; a second call returns the first call's promise. */
  start(): Promise<void>;
  /** Releases every process, socket and server the target holds. Idempotent. */
  stop(): Promise<void>;
  describe(): TargetDescription;
}
