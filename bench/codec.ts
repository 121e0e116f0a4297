/**
 * Codec benchmark: lib/codec against ilp-packet 3.1.3 in the same process, same inputs.
 *
 *   TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/codec.ts [--duration 400] [--rounds 5] [--json]
 *
 * Packets: a typical Prepare (32-character destination, 100 bytes of data), a Fulfill (100 bytes of data)
 * and a Reject (F02 with a short message). For each operation both codecs are warmed up, then timed in
 * alternating rounds of `duration` ms; the median ops/s of the rounds is printed with the ratio
 * ours / ilp-packet. The project's targets: decode at least 3x ilp-packet, encode at least 5x (issue 12).
 *
 * This is a measurement, not a test: it always exits 0 (unless it cannot run) and asserts nothing.
 * Numbers depend on the machine and its load; compare ratios from the same run, not absolute ops/s.
 */
import { parseBenchOptions } from './options';
import { randomBytes } from 'node:crypto';
import * as ilpPacket from 'ilp-packet';
import {
  decodeFulfill, decodePrepare, decodeReject, encodeFulfill, encodePrepare, encodeReject,
  type IlpFulfill, type IlpPrepare, type IlpReject,
} from '../lib/codec';

/** The ratio each operation should reach: decode 3x, encode 5x. */
function targetRatio(operation: string): number {
  return operation.startsWith('encode') ? 5 : 3;
}

interface Options {
  readonly durationMs: number;
  readonly rounds: number;
  readonly json: boolean;
}

function parseOptions(argv: string[]): Options {
  const o = parseBenchOptions(argv, { integers: { duration: 400, rounds: 5 }, flags: ['json'] });
  return { durationMs: o.duration, rounds: o.rounds, json: o.json };
}

/* -------------------------------------------------------------------------------------- inputs */

const destination = 'g.acme.connector.alice.012345678';
if (destination.length !== 32) throw new Error(`destination should be 32 characters, is ${destination.length}`);

const prepare: IlpPrepare = {
  type: 12,
  amount: 123_456_789n,
  expiresAt: new Date('2030-01-01T00:00:30.000Z'),
  executionCondition: randomBytes(32),
  destination,
  data: randomBytes(100),
};
const fulfill: IlpFulfill = { type: 13, fulfillment: randomBytes(32), data: randomBytes(100) };
const reject: IlpReject = { type: 14, code: 'F02', triggeredBy: 'g.acme.connector', message: 'no route to g.acme.connector.alice', data: new Uint8Array(0) };

const theirPrepare: ilpPacket.IlpPrepare = {
  amount: prepare.amount.toString(),
  expiresAt: prepare.expiresAt,
  executionCondition: Buffer.from(prepare.executionCondition),
  destination: prepare.destination,
  data: Buffer.from(prepare.data),
};
const theirFulfill: ilpPacket.IlpFulfill = { fulfillment: Buffer.from(fulfill.fulfillment), data: Buffer.from(fulfill.data) };
const theirReject: ilpPacket.IlpReject = { code: reject.code, triggeredBy: reject.triggeredBy, message: reject.message, data: Buffer.from(reject.data) };

const prepareBytes = Buffer.from(encodePrepare(prepare));
const fulfillBytes = Buffer.from(encodeFulfill(fulfill));
const rejectBytes = Buffer.from(encodeReject(reject));

// Both codecs must produce the same bytes, or the comparison means nothing.
for (const [name, ours, theirs] of [
  ['Prepare', prepareBytes, ilpPacket.serializeIlpPrepare(theirPrepare)],
  ['Fulfill', fulfillBytes, ilpPacket.serializeIlpFulfill(theirFulfill)],
  ['Reject', rejectBytes, ilpPacket.serializeIlpReject(theirReject)],
] as const) {
  if (!ours.equals(theirs)) throw new Error(`${name}: lib/codec and ilp-packet encode differently; fix that before benchmarking`);
}

/* -------------------------------------------------------------------------------------- timing */

let sink = 0;

/** Each op returns something whose size feeds the sink, so the work cannot be optimised away. */
type Op = () => number;

interface Operation {
  readonly name: string;
  readonly ours: Op;
  readonly theirs: Op;
}

const operations: Operation[] = [
  { name: 'encode Prepare', ours: () => encodePrepare(prepare).length, theirs: () => ilpPacket.serializeIlpPrepare(theirPrepare).length },
  { name: 'decode Prepare', ours: () => decodePrepare(prepareBytes).data.length, theirs: () => ilpPacket.deserializeIlpPrepare(prepareBytes).data.length },
  { name: 'encode Fulfill', ours: () => encodeFulfill(fulfill).length, theirs: () => ilpPacket.serializeIlpFulfill(theirFulfill).length },
  { name: 'decode Fulfill', ours: () => decodeFulfill(fulfillBytes).data.length, theirs: () => ilpPacket.deserializeIlpFulfill(fulfillBytes).data.length },
  { name: 'encode Reject', ours: () => encodeReject(reject).length, theirs: () => ilpPacket.serializeIlpReject(theirReject).length },
  { name: 'decode Reject', ours: () => decodeReject(rejectBytes).message.length, theirs: () => ilpPacket.deserializeIlpReject(rejectBytes).message.length },
];

/** Runs `op` in batches until `durationMs` has passed; returns operations per second. */
function timed(op: Op, durationMs: number): number {
  const budget = BigInt(durationMs) * 1_000_000n;
  const start = process.hrtime.bigint();
  let count = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < 1000; i++) sink += op();
    count += 1000;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return (count * 1e9) / Number(elapsed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Result {
  readonly operation: string;
  readonly oursOpsPerSec: number;
  readonly ilpPacketOpsPerSec: number;
  readonly ratio: number;
  readonly meetsTarget: boolean;
}

function measure(operation: Operation, opts: Options): Result {
  // Warm-up: enough calls for the JIT to optimise both paths.
  timed(operation.ours, Math.max(100, opts.durationMs / 2));
  timed(operation.theirs, Math.max(100, opts.durationMs / 2));
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    // Alternate so a burst of machine load hurts both sides alike.
    ours.push(timed(operation.ours, opts.durationMs));
    theirs.push(timed(operation.theirs, opts.durationMs));
  }
  const o = median(ours);
  const t = median(theirs);
  return { operation: operation.name, oursOpsPerSec: o, ilpPacketOpsPerSec: t, ratio: o / t, meetsTarget: o / t >= targetRatio(operation.name) };
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function main(): void {
  const opts = parseOptions(process.argv.slice(2));
  const results = operations.map((op) => measure(op, opts));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ node: process.version, durationMs: opts.durationMs, rounds: opts.rounds, targets: { decode: 3, encode: 5 }, results }, null, 2)}\n`);
  } else {
    const rows = [['operation', 'lib/codec ops/s', 'ilp-packet ops/s', 'ratio', 'target']];
    for (const r of results) {
      rows.push([r.operation, format(r.oursOpsPerSec), format(r.ilpPacketOpsPerSec), `${r.ratio.toFixed(2)}x`, `${targetRatio(r.operation)}x ${r.meetsTarget ? 'yes' : 'NO'}`]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    const line = (row: string[]): string => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    process.stdout.write(`codec benchmark, node ${process.version}, ${opts.rounds} rounds of ${opts.durationMs} ms per side (median)\n`);
    process.stdout.write(`Prepare: 32-character destination, 100 bytes data (${prepareBytes.length} bytes); Fulfill: 100 bytes data (${fulfillBytes.length} bytes); Reject: F02 (${rejectBytes.length} bytes)\n\n`);
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
    const below = results.filter((r) => !r.meetsTarget);
    process.stdout.write(below.length ? `\nbelow target: ${below.map((r) => r.operation).join(', ')}\n` : '\nevery operation meets its target (decode 3x, encode 5x)\n');
  }
  if (sink === -1) process.stdout.write('\n'); // keeps `sink` observable
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench/codec: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
