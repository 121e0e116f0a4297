/**
 * The one loader for the project's own codec vectors (fixtures/vectors/*.json, written from the RFC text).
 * Unit tests and features both read vectors through here, so a vector means the same thing everywhere.
 *
 * A file holds suites; a suite's `subject` names the codec entry point its vectors exercise. Byte and text
 * values may be written as segment lists in the JSON; the loader resolves them to plain hex / text and bytes.
 * Every file is checked against fixtures/schemas/vectors.schema.json on load.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import schema from '../../fixtures/schemas/vectors.schema.json';
import type { IlpFulfill, IlpPacket, IlpPrepare, IlpReject } from '../codec/types';

export const VECTORS_DIR = resolve(__dirname, '..', '..', 'fixtures', 'vectors');

export type VectorSubject =
  | 'packet' | 'prepare' | 'fulfill' | 'reject' | 'amount-too-large-data'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'length-determinant' | 'var-uint' | 'var-octet-string'
  | 'fixed-timestamp' | 'generalized-time' | 'address' | 'address-legacy2017' | 'ilpv1-payment' | 'ilqp' | 'ilpv1';

/** Field values after resolution: amounts decimal strings, bytes lowercase hex, times ISO-8601, text as text. */
export type VectorFields = Readonly<Record<string, string>>;

export interface ValidVector {
  readonly name: string;
  readonly hex: string;
  readonly bytes: Uint8Array;
  readonly fields: VectorFields;
  /** What a canonical encoder writes for `fields`; equals `hex` unless the vector shows a tolerated form. */
  readonly canonicalHex: string;
  readonly oneWay?: 'encode' | 'decode';
  readonly rfc: string;
  readonly note: string;
}

export interface InvalidVector {
  readonly name: string;
  readonly hex: string;
  readonly bytes: Uint8Array;
  readonly error: { readonly kind: string; readonly field: string };
  /** A lenient decoder accepts it. */
  readonly strictOnly: boolean;
  readonly rfc: string;
  readonly note: string;
}

export interface VectorSuite {
  readonly subject: VectorSubject;
  readonly description?: string;
  readonly valid: readonly ValidVector[];
  readonly invalid: readonly InvalidVector[];
}

export interface VectorFile {
  /** File name without directory, e.g. `prepare.json`. */
  readonly file: string;
  readonly description: string;
  readonly suites: readonly VectorSuite[];
}

export class VectorFileError extends Error {
  override readonly name = 'VectorFileError';
}

const validateFile = new Ajv({ allErrors: true }).compile(schema);

/** Schema problems of a parsed vector file, one line each; empty when it conforms. */
export function vectorSchemaProblems(raw: unknown): string[] {
  if (validateFile(raw)) return [];
  return (validateFile.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Names of the vector files, sorted. */
export function vectorFileNames(dir: string = VECTORS_DIR): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
}

export function loadVectorFile(file: string, dir: string = VECTORS_DIR): VectorFile {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new VectorFileError(`cannot read vectors ${path}: ${(error as Error).message}`);
  }
  return parseVectorFile(raw, file);
}

export function loadAllVectors(dir: string = VECTORS_DIR): VectorFile[] {
  return vectorFileNames(dir).map((file) => loadVectorFile(file, dir));
}

let cached: VectorFile[] | undefined;

/** All vectors from the default directory, read once per process (vectors are read-only data). */
export function allVectors(): readonly VectorFile[] {
  cached ??= loadAllVectors();
  return cached;
}

/** Every suite with the given subject across all files, flattened. */
export function suitesFor(subject: VectorSubject, files: readonly VectorFile[] = allVectors()): VectorSuite[] {
  return files.flatMap((f) => f.suites.filter((s) => s.subject === subject));
}

/** Looks a vector up by name (names are unique across files). */
export function findVector(name: string, files: readonly VectorFile[] = allVectors()): ValidVector | InvalidVector {
  for (const file of files) {
    for (const suite of file.suites) {
      const found = [...suite.valid, ...suite.invalid].find((v) => v.name === name);
      if (found) return found;
    }
  }
  throw new VectorFileError(`no vector named "${name}" in ${VECTORS_DIR}`);
}

export function parseVectorFile(raw: unknown, file = 'vectors'): VectorFile {
  const problems = vectorSchemaProblems(raw);
  if (problems.length > 0) throw new VectorFileError(`${file} does not match vectors.schema.json: ${problems.join('; ')}`);
  const r = raw as RawFile;
  const names = new Set<string>();
  const unique = (name: string): string => {
    if (names.has(name)) throw new VectorFileError(`${file}: vector name "${name}" appears twice`);
    names.add(name);
    return name;
  };
  const suites = r.suites.map((s): VectorSuite => ({
    subject: s.subject,
    ...(s.description === undefined ? {} : { description: s.description }),
    valid: s.valid.map((v): ValidVector => {
      const hex = resolveHex(v.hex);
      return {
        name: unique(v.name),
        hex,
        bytes: hexToBytes(hex),
        fields: resolveFields(v.fields, s.subject),
        canonicalHex: v.canonicalHex === undefined ? hex : resolveHex(v.canonicalHex),
        ...(v.oneWay === undefined ? {} : { oneWay: v.oneWay }),
        rfc: v.rfc,
        note: v.note,
      };
    }),
    invalid: s.invalid.map((v): InvalidVector => {
      const hex = resolveHex(v.hex);
      return { name: unique(v.name), hex, bytes: hexToBytes(hex), error: v.error, strictOnly: v.strictOnly ?? false, rfc: v.rfc, note: v.note };
    }),
  }));
  return { file, description: r.description, suites };
}

/* ---------------------------------------------------------------- fields -> packets */

const BYTE_FIELDS = new Set(['executionCondition', 'fulfillment', 'data']);

/** The packet a valid prepare/fulfill/reject/packet vector describes. */
export function vectorPacket(subject: VectorSubject, fields: VectorFields): IlpPacket {
  const kind = subject === 'packet' ? fields.type : subject;
  const f = (name: string): string => {
    const value = fields[name];
    if (value === undefined) throw new VectorFileError(`vector fields lack "${name}"`);
    return value;
  };
  switch (kind) {
    case 'prepare':
      return {
        type: 12, amount: BigInt(f('amount')), expiresAt: new Date(f('expiresAt')),
        executionCondition: hexToBytes(f('executionCondition')), destination: f('destination'), data: hexToBytes(f('data')),
      } satisfies IlpPrepare;
    case 'fulfill':
      return { type: 13, fulfillment: hexToBytes(f('fulfillment')), data: hexToBytes(f('data')) } satisfies IlpFulfill;
    case 'reject':
      return { type: 14, code: f('code'), triggeredBy: f('triggeredBy'), message: f('message'), data: hexToBytes(f('data')) } satisfies IlpReject;
    default:
      throw new VectorFileError(`subject ${subject} (type ${String(kind)}) does not describe a packet`);
  }
}

/** A decoded packet in the vectors' field form, for comparing with `fields` (type included only for `packet`). */
export function packetFields(packet: IlpPacket, withType = false): Record<string, string> {
  const type: Record<string, string> = withType ? { type: packet.type === 12 ? 'prepare' : packet.type === 13 ? 'fulfill' : 'reject' } : {};
  switch (packet.type) {
    case 12:
      return {
        ...type, amount: packet.amount.toString(), expiresAt: packet.expiresAt.toISOString(),
        executionCondition: bytesToHex(packet.executionCondition), destination: packet.destination, data: bytesToHex(packet.data),
      };
    case 13:
      return { ...type, fulfillment: bytesToHex(packet.fulfillment), data: bytesToHex(packet.data) };
    case 14:
      return { ...type, code: packet.code, triggeredBy: packet.triggeredBy, message: packet.message, data: bytesToHex(packet.data) };
  }
}

/* ---------------------------------------------------------------- hex helpers */

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new VectorFileError(`not hex: "${hex.slice(0, 40)}"`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/* ---------------------------------------------------------------- segment resolution */

type HexSegment = string | { ascii: string } | { repeat: string; count: number };
type TextSegment = string | { repeat: string; count: number };
type RawBytes = string | HexSegment[];
type RawText = string | TextSegment[];

interface RawValid {
  name: string; hex: RawBytes; fields: Record<string, RawBytes | RawText>; canonicalHex?: RawBytes;
  oneWay?: 'encode' | 'decode'; rfc: string; note: string;
}
interface RawInvalid {
  name: string; hex: RawBytes; error: { kind: string; field: string }; strictOnly?: boolean; rfc: string; note: string;
}
interface RawFile {
  description: string;
  suites: { subject: VectorSubject; description?: string; valid: RawValid[]; invalid: RawInvalid[] }[];
}

function resolveHex(spec: RawBytes): string {
  const segments = typeof spec === 'string' ? [spec] : spec;
  return segments
    .map((s) => {
      if (typeof s === 'string') return s.replace(/\s+/g, '').toLowerCase();
      if ('ascii' in s) return Buffer.from(s.ascii, 'latin1').toString('hex');
      return s.repeat.replace(/\s+/g, '').toLowerCase().repeat(s.count);
    })
    .join('');
}

function resolveText(spec: RawText): string {
  if (typeof spec === 'string') return spec;
  return spec.map((s) => (typeof s === 'string' ? s : s.repeat.repeat(s.count))).join('');
}

function resolveFields(raw: Record<string, RawBytes | RawText>, subject: VectorSubject): VectorFields {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const isBytes = BYTE_FIELDS.has(name) || (subject === 'var-octet-string' && name === 'value');
    out[name] = isBytes ? resolveHex(value as RawBytes) : resolveText(value as RawText);
  }
  return out;
}
