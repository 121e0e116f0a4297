/**
 * Two-column tables of packet fields, read into typed packets with valid defaults, so a scenario states only
 * the field under test:
 *
 *   | amount              | 107                      |      Prepare: amount, expires at, execution condition,
 *   | expires at          | 2017-12-23T01:21:40.549Z |               destination, data
 *   | destination         | example.alice            |      Fulfill: fulfillment, data
 *   | data                | 257 bytes of 6c          |      Reject:  code, triggered by, message, data
 *
 * Cells: `""` is empty. Byte fields take hex, `N zero bytes` or `N bytes of HH`. Text fields take the text,
 * or `N × "s"` (N copies of s). Amounts take digits (any size: range is the codec's to judge). A bad cell is
 * reported by row and column.
 */
import type { DataTable } from '@cucumber/cucumber';
import type { IlpFulfill, IlpPacket, IlpPrepare, IlpReject } from '../../lib/codec';
import { parseHex, parseInstant, parseUnsigned } from './parse-words';
import type { PacketKind } from './codec-vocabulary';

type FieldType = 'amount' | 'instant' | 'bytes' | 'text';

interface FieldSpec {
  readonly key: string;
  readonly prop: string;
  readonly type: FieldType;
}

const FIELDS: Readonly<Record<PacketKind, readonly FieldSpec[]>> = {
  Prepare: [
    { key: 'amount', prop: 'amount', type: 'amount' },
    { key: 'expires at', prop: 'expiresAt', type: 'instant' },
    { key: 'execution condition', prop: 'executionCondition', type: 'bytes' },
    { key: 'destination', prop: 'destination', type: 'text' },
    { key: 'data', prop: 'data', type: 'bytes' },
  ],
  Fulfill: [
    { key: 'fulfillment', prop: 'fulfillment', type: 'bytes' },
    { key: 'data', prop: 'data', type: 'bytes' },
  ],
  Reject: [
    { key: 'code', prop: 'code', type: 'text' },
    { key: 'triggered by', prop: 'triggeredBy', type: 'text' },
    { key: 'message', prop: 'message', type: 'text' },
    { key: 'data', prop: 'data', type: 'bytes' },
  ],
};

const TYPE_OF: Readonly<Record<PacketKind, 12 | 13 | 14>> = { Prepare: 12, Fulfill: 13, Reject: 14 };

/** Valid defaults: nothing in them is under test anywhere. */
export function defaultPacket(kind: PacketKind): IlpPacket {
  switch (kind) {
    case 'Prepare':
      return {
        type: 12,
        amount: 1n,
        expiresAt: new Date('2030-01-01T00:00:00.000Z'),
        executionCondition: new Uint8Array(32).fill(0xcc),
        destination: 'test.bob',
        data: new Uint8Array(0),
      } satisfies IlpPrepare;
    case 'Fulfill':
      return { type: 13, fulfillment: new Uint8Array(32).fill(0x11), data: new Uint8Array(0) } satisfies IlpFulfill;
    case 'Reject':
      return { type: 14, code: 'F99', triggeredBy: 'test.connie', message: '', data: new Uint8Array(0) } satisfies IlpReject;
  }
}

/** A packet of `kind`: the defaults with the table's fields in place. */
export function packetFromTable(kind: PacketKind, table: DataTable): IlpPacket {
  const packet: Record<string, unknown> = { ...defaultPacket(kind) };
  for (const { spec, value } of readRows(kind, table)) packet[spec.prop] = value;
  return packet as unknown as IlpPacket;
}

export interface FieldExpectation {
  readonly key: string;
  readonly prop: string;
  readonly expected: unknown;
}

/** The fields a table expects, typed; `comparePacket` judges a packet against them. */
export function expectationsFromTable(kind: PacketKind, table: DataTable): FieldExpectation[] {
  return readRows(kind, table).map(({ spec, value }) => ({ key: spec.key, prop: spec.prop, expected: value }));
}

/** One line per field that differs, `key: expected X, actual Y`; empty when all match. */
export function comparePacket(packet: IlpPacket, expectations: readonly FieldExpectation[]): string[] {
  const actual = packet as unknown as Record<string, unknown>;
  return expectations
    .filter((e) => !sameValue(e.expected, actual[e.prop]))
    .map((e) => `${e.key}: expected ${showValue(e.expected)}, actual ${showValue(actual[e.prop])}`);
}

export function kindOf(packet: IlpPacket): PacketKind {
  return packet.type === 12 ? 'Prepare' : packet.type === 13 ? 'Fulfill' : 'Reject';
}

export function typeOf(kind: PacketKind): 12 | 13 | 14 {
  return TYPE_OF[kind];
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** A value as a failure message shows it: long byte strings by size and edges, text JSON-quoted. */
export function showValue(value: unknown): string {
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString('hex');
    return hex.length <= 160 ? `${hex || '(no bytes)'}` : `${value.length} bytes ${hex.slice(0, 64)}...${hex.slice(-16)}`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'string') return value.length <= 200 ? JSON.stringify(value) : `${value.length} characters ${JSON.stringify(value.slice(0, 40))}...`;
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

/** The whole packet on one line, for "Actual:". */
export function describePacket(packet: IlpPacket): string {
  const kind = kindOf(packet);
  const fields = FIELDS[kind].map((s) => `${s.key}=${showValue((packet as unknown as Record<string, unknown>)[s.prop])}`);
  return `${kind} ${fields.join(' ')}`;
}

function readRows(kind: PacketKind, table: DataTable): Array<{ spec: FieldSpec; value: unknown }> {
  const rows = table.raw();
  return rows.map((row, index) => {
    const where = `row ${index + 1}`;
    if (row.length !== 2) throw new Error(`${where} of the ${kind} table has ${row.length} cells; write | field | value |`);
    const [key, cell] = row as [string, string];
    const spec = FIELDS[kind].find((s) => s.key === key.trim());
    if (!spec) {
      throw new Error(`${where}, column 1: "${key}" is not a ${kind} field (fields: ${FIELDS[kind].map((s) => s.key).join(', ')})`);
    }
    try {
      return { spec, value: readCell(spec.type, cell.trim()) };
    } catch (error) {
      throw new Error(`${where}, column 2 (${spec.key}): ${(error as Error).message}`);
    }
  });
}

function readCell(type: FieldType, cell: string): unknown {
  switch (type) {
    case 'amount':
      return parseUnsigned(cell, 'amount');
    case 'instant':
      return parseInstant(cell);
    case 'bytes':
      return readBytesCell(cell);
    case 'text':
      return readTextCell(cell);
  }
}

function readBytesCell(cell: string): Uint8Array {
  if (cell === '""') return new Uint8Array(0);
  const zeros = /^(\d+) zero bytes?$/.exec(cell);
  if (zeros) return new Uint8Array(Number(zeros[1]));
  const filled = /^(\d+) bytes? of ([0-9A-Fa-f]{2})$/.exec(cell);
  if (filled) return new Uint8Array(Number(filled[1])).fill(parseInt(filled[2]!, 16));
  return parseHex(cell);
}

function readTextCell(cell: string): string {
  if (cell === '""') return '';
  const repeated = /^(\d+) [×x] "(.+)"$/.exec(cell);
  if (repeated) return repeated[2]!.repeat(Number(repeated[1]));
  return cell;
}
