/**
 * The wire evidence of one scenario: every message the harness sent or received, as hex and decoded,
 * timed relative to the scenario start and, where a Prepare is involved, to its expiresAt.
 * The After hook attaches it to the scenario (text for people, JSON for the report writers).
 */
export type Direction = 'sent' | 'received' | 'note';

export interface TranscriptEntry {
  /** Milliseconds since the transcript started. */
  readonly atMs: number;
  readonly direction: Direction;
  /** Who was on the other end: 'sut', 'codec', 'ledger', or a peer name such as 'alice'. */
  readonly channel: string;
  /** What it was: 'ILP Prepare', 'HTTP POST /ilp', 'decode', ... */
  readonly label: string;
  readonly hex?: string;
  readonly decoded?: unknown;
  /** Milliseconds from this entry to the expiresAt it relates to (negative once expired). */
  readonly msBeforeExpiry?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export class Transcript {
  private readonly started = Date.now();
  private readonly items: TranscriptEntry[] = [];
  private readonly secrets = new Set<string>();

  record(entry: Omit<TranscriptEntry, 'atMs'> & { bytes?: Uint8Array; expiresAt?: Date }): void {
    const now = Date.now();
    const { bytes, expiresAt, ...rest } = entry;
    this.items.push({
      atMs: now - this.started,
      ...rest,
      ...(bytes ? { hex: Buffer.from(bytes).toString('hex') } : {}),
      ...(expiresAt ? { msBeforeExpiry: expiresAt.getTime() - now } : {}),
    });
  }

  note(label: string, decoded?: unknown): void {
    this.record({ direction: 'note', channel: 'harness', label, decoded });
  }

  /** Values that must never reach an attachment (tokens, Authorization headers). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  get entries(): readonly TranscriptEntry[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  toJson(): string {
    return this.mask(JSON.stringify({ entries: this.items }, jsonReplacer, 2));
  }

  toText(): string {
    const lines = this.items.map((e) => {
      const when = `+${String(e.atMs).padStart(5)}ms`;
      const expiry = e.msBeforeExpiry !== undefined ? ` (${e.msBeforeExpiry}ms before expiry)` : '';
      const arrow = e.direction === 'sent' ? '->' : e.direction === 'received' ? '<-' : '..';
      const parts = [`${when} ${arrow} ${e.channel} ${e.label}${expiry}`];
      if (e.headers) parts.push(`    headers: ${JSON.stringify(e.headers)}`);
      if (e.hex !== undefined) parts.push(`    hex: ${e.hex.length > 2048 ? `${e.hex.slice(0, 2048)}... (${e.hex.length / 2} bytes)` : e.hex}`);
      if (e.decoded !== undefined) parts.push(`    decoded: ${JSON.stringify(e.decoded, jsonReplacer)}`);
      return parts.join('\n');
    });
    return this.mask(lines.join('\n'));
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }
}

/** JSON for bigint, Uint8Array and Date, the shapes packets carry. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
    return Buffer.from((value as { data: number[] }).data).toString('hex');
  }
  return value;
}
