import type { Envelope } from '@cucumber/messages';
import { loadTopology, topologySecrets, type Topology } from '../../contracts/topology';

/**
 * Masks secrets in everything a run writes: the Cucumber message stream, attachments, evidence files,
 * console lines and every report. Three kinds are masked:
 * - named values (peer tokens from the topology, environment variables the operator names with --secret-env),
 * - the value of any Authorization header, whatever its token is,
 * - the password part of a URL (`http://user:password@host`).
 * The manifest lists what was masked by name and how often, never the value.
 */
export interface SecretSource {
  /** Says what the secret is, e.g. "peer alice incoming token" or "env ILP_TOKEN". */
  readonly name: string;
  readonly value: string;
}

export interface MaskedEntry {
  readonly name: string;
  /** How many times it was replaced across everything the run wrote. */
  readonly occurrences: number;
  /** Present when the secret could not be masked as configured (too short, environment variable unset). */
  readonly note?: string;
}

export const MASK = '***';
/** Values shorter than this would mask ordinary words; they are listed in the manifest as not masked. */
export const MIN_SECRET_LENGTH = 4;

const AUTHORIZATION = 'Authorization header';
const URL_PASSWORD = 'URL password';
// `Authorization: Bearer x`, `"authorization":"Bearer x"`, `authorization=x`; the scheme word is kept.
// Quotes may be JSON-escaped (`\"`) when the header sits inside a JSON string inside JSON.
const AUTH_PATTERN = /(\bauthorization\b(?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)((?:bearer|basic|token|digest)\s+)?([^\s"'\\,;}\]]+)/gi;
const URL_PASSWORD_PATTERN = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+:)([^\s/@"']+)(@)/gi;

export class Redactor {
  private readonly secrets: SecretSource[];
  private readonly counts = new Map<string, number>();
  private readonly notes = new Map<string, string>();

  constructor(secrets: readonly SecretSource[], notes: ReadonlyArray<{ name: string; note: string }> = []) {
    const usable: SecretSource[] = [];
    for (const s of secrets) {
      if (s.value.length < MIN_SECRET_LENGTH) this.notes.set(s.name, `not masked: shorter than ${MIN_SECRET_LENGTH} characters`);
      else if (!usable.some((u) => u.value === s.value)) usable.push(s);
    }
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = usable.sort((a, b) => b.value.length - a.value.length);
    for (const n of notes) this.notes.set(n.name, n.note);
    for (const s of this.secrets) this.counts.set(s.name, 0);
    this.counts.set(AUTHORIZATION, 0);
    this.counts.set(URL_PASSWORD, 0);
  }

  /** The secret values (for tests that grep outputs); never write these anywhere. */
  get values(): readonly string[] {
    return this.secrets.map((s) => s.value);
  }

  text(input: string): string {
    let out = input;
    for (const s of this.secrets) {
      for (const form of forms(s.value)) {
        if (!out.includes(form)) continue;
        const parts = out.split(form);
        this.bump(s.name, parts.length - 1);
        out = parts.join(MASK);
      }
    }
    out = out.replace(AUTH_PATTERN, (whole, head: string, scheme: string | undefined, value: string) => {
      if (value === MASK || value.startsWith(MASK)) return whole;
      this.bump(AUTHORIZATION, 1);
      return `${head}${scheme ?? ''}${MASK}`;
    });
    out = out.replace(URL_PASSWORD_PATTERN, (whole, head: string, value: string, at: string) => {
      if (value === MASK) return whole;
      this.bump(URL_PASSWORD, 1);
      return `${head}${MASK}${at}`;
    });
    return out;
  }

  /** Bytes: text attachments are masked as text; other bytes get same-length masks so their layout holds. */
  bytes(input: Buffer, textual: boolean): Buffer {
    if (textual) return Buffer.from(this.text(input.toString('utf8')), 'utf8');
    let latin = input.toString('latin1');
    for (const s of this.secrets) {
      const form = Buffer.from(s.value, 'utf8').toString('latin1');
      if (!latin.includes(form)) continue;
      const parts = latin.split(form);
      this.bump(s.name, parts.length - 1);
      latin = parts.join('*'.repeat(form.length));
    }
    return Buffer.from(latin, 'latin1');
  }

  /** A masked copy of one Cucumber envelope (attachments in BASE64 are decoded, masked and re-encoded). */
  envelope(envelope: Envelope): Envelope {
    const copy = JSON.parse(this.text(JSON.stringify(envelope))) as Envelope;
    const attachment = copy.attachment;
    if (attachment && attachment.contentEncoding === 'BASE64') {
      const decoded = Buffer.from(attachment.body, 'base64');
      attachment.body = this.bytes(decoded, isTextual(attachment.mediaType)).toString('base64');
    }
    return copy;
  }

  manifest(): MaskedEntry[] {
    const names = new Set([...this.counts.keys(), ...this.notes.keys()]);
    return [...names].sort().map((name) => {
      const note = this.notes.get(name);
      return { name, occurrences: this.counts.get(name) ?? 0, ...(note ? { note } : {}) };
    });
  }

  private bump(name: string, by: number): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }
}

/** The forms a value takes in text: raw and JSON-escaped (a token with a quote or backslash changes in JSON). */
function forms(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped === value ? [value] : [value, escaped];
}

export function isTextual(mediaType: string): boolean {
  return /^text\/|[/+](json|xml|x-ndjson|javascript)\b/i.test(mediaType);
}

/** Secrets named by the topology, with names saying which peer and direction each belongs to. */
export function topologySecretSources(topology: Topology): SecretSource[] {
  const names = new Map<string, string>();
  for (const p of topology.peers) {
    names.set(p.http.incoming.token, `topology: peer ${p.name} incoming token`);
    names.set(p.http.outgoing.token, `topology: peer ${p.name} outgoing token`);
  }
  return topologySecrets(topology).map((value, i) => ({ name: names.get(value) ?? `topology: token ${i + 1}`, value }));
}

/**
 * Builds the run's redactor: topology tokens (when a topology file is given or the default loads), plus the
 * environment variables named in `secretEnv`. An unset variable is listed with a note, not an error.
 */
export function createRunRedactor(opts: {
  topologyPath?: string;
  secretEnv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  extra?: readonly SecretSource[];
}): Redactor {
  const env = opts.env ?? process.env;
  const sources: SecretSource[] = [...(opts.extra ?? [])];
  const notes: Array<{ name: string; note: string }> = [];
  sources.push(...topologySecretSources(loadTopology(opts.topologyPath, env)));
  for (const name of opts.secretEnv ?? []) {
    const value = env[name];
    if (value) sources.push({ name: `env ${name}`, value });
    else notes.push({ name: `env ${name}`, note: 'not masked: environment variable is not set' });
  }
  return new Redactor(sources, notes);
}
