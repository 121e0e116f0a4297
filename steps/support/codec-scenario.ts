/**
 * The state of one codec scenario and the judging every codec Then-step shares: a When-step stores a
 * Result (a value, or the target's Refusal) and a Then-step judges it, failing with
 * Requirement / Expected / Actual. A refusal no Then-step judged fails the scenario (world.awaitInspection).
 */
import type { AmountTooLargeData, CodecErrorKind, CurvePoint, IlpPacket, IldcpResponse } from '../../lib/codec';
import type { AddressVerdict as Verdict, Attempt, CodecClient, ErrorCodeLookup, Read } from '../../lib/targets/codec-client';
import { REFUSAL_KIND_OF, type Refusal } from '../../lib/targets/codec-protocol';
import type { LegacyPacketWire } from '../../lib/targets/codec-legacy-wire';
import type { IlpWorld } from '../world';
import { describePacket, sameValue, showValue } from './packet-tables';

/** What the last When-step asked of the codec, and what came of it. */
export interface Result {
  /** The action, in words, for failure messages ("decode packet (strict)"). */
  readonly action: string;
  /** Its key in the world's outcomes to judge: a refusal waits under it until a Then-step judges it. */
  readonly key?: string;
  readonly error?: Refusal;
  readonly packet?: IlpPacket;
  /** Bytes the codec wrote (an encoded packet, OER output). */
  readonly written?: Uint8Array;
  /** The packet that was encoded into `written`. */
  readonly source?: IlpPacket;
  /** A value read from bytes, and how many input bytes the reader left. */
  readonly read?: Read<bigint | Uint8Array>;
  readonly instant?: Date;
  readonly text?: string;
  readonly f08?: AmountTooLargeData;
  readonly ildcp?: IldcpResponse;
  /** A packet of the 2017 family (ILPv1 Payment, ILQP) as the target decoded it. */
  readonly legacy?: LegacyPacketWire;
  /** What a liquidity curve gave (capability liquidity-curves); `amount` undefined: no amount. */
  readonly curve?: { readonly amount: bigint | undefined };
  /** The appliesToPrefix the target computed. */
  readonly appliesToPrefix?: string;
}

export interface AddressVerdict {
  readonly address: string;
  readonly rules: 'rfc15' | 'legacy2017';
  readonly verdict: Verdict;
  readonly key: string;
}

export class CodecScenario {
  /** Set by the Before hook in codec-worker.ts once the worker's target has started. */
  client: CodecClient | undefined;
  result: Result | undefined;
  /** Bytes a Given-step prepared for a later "decodes it". */
  prepared: Uint8Array | undefined;
  address: AddressVerdict | undefined;
  errorCode: { code: string; lookup: ErrorCodeLookup } | undefined;
  condition: { fulfillment: Uint8Array; condition: Uint8Array } | undefined;
  /** The liquidity curve and routing table a Given-step set up (features/legacy/liquidity-curves.feature). */
  curve: CurvePoint[] | undefined;
  routes: string[] | undefined;

  get target(): CodecClient {
    if (!this.client) throw new Error('Harness error: no codec target for this scenario (is it tagged @codec?)');
    return this.client;
  }
}

export function state(world: IlpWorld): CodecScenario {
  return world.scoped('codec', () => new CodecScenario());
}

/** Stores an attempt as the scenario's result; a refusal waits for a Then-step to judge it. */
export async function store<T>(world: IlpWorld, action: string, pending: Promise<Attempt<T>>, onValue: (value: T) => Omit<Result, 'action'>): Promise<void> {
  const attempt = await pending;
  const s = state(world);
  const key = nextKey('codec result');
  if (attempt.ok) {
    s.result = { action, key, ...onValue(attempt.value) };
  } else {
    // A later result never clears this one: it waits under its own key until a Then-step judges it.
    s.result = { action, key, error: attempt.refusal };
    world.awaitInspection(`the codec refused to ${action}: ${attempt.refusal.message}`, key);
  }
}

let stored = 0;

/** A key of its own for each stored outcome (IlpWorld.awaitInspection). */
export function nextKey(what: string): string {
  return `${what} #${++stored}`;
}

/** A Then-step judged this result. */
export function markJudged(world: IlpWorld, judged: { readonly key?: string }): void {
  if (judged.key) world.inspected(judged.key);
}

// ------------------------------------------------------------------------------------------- judging

/** Throws the failure every Then-step prints: Requirement / Expected / Actual. */
export function fail(world: IlpWorld, expected: string, actual: string): never {
  return world.judgements.fail('primary', expected, actual);
}

export function describeResult(result: Result): string {
  if (result.error) return `the codec refused to ${result.action}: ${result.error.message}`;
  if (result.packet) return `${result.action} gave ${describePacket(result.packet)}`;
  if (result.read) return `${result.action} read ${showValue(result.read.value)}${result.read.unread ? ` and left ${result.read.unread} bytes unread` : ''}`;
  if (result.written) return `${result.action} wrote ${showValue(result.written)}`;
  if (result.instant) return `${result.action} gave ${showValue(result.instant)}`;
  if (result.text !== undefined) return `${result.action} gave ${showValue(result.text)}`;
  if (result.f08) return `${result.action} gave received amount ${result.f08.receivedAmount}, maximum amount ${result.f08.maximumAmount}`;
  if (result.ildcp) return `${result.action} gave ${JSON.stringify(result.ildcp)}`;
  if (result.curve) return `${result.action} gave ${result.curve.amount === undefined ? 'no amount' : result.curve.amount}`;
  if (result.appliesToPrefix !== undefined) return `${result.action} gave ${JSON.stringify(result.appliesToPrefix)}`;
  if (result.legacy) return `${result.action} gave type ${result.legacy.type} ${JSON.stringify(result.legacy.fields)}`;
  return `${result.action} succeeded`;
}

/** The last result, or a "bad step sequence" failure naming what the step needed. */
export function lastResult(world: IlpWorld, needed: string): Result {
  const result = state(world).result;
  if (!result) throw new Error(`Bad step sequence: no codec result to judge (this step needs ${needed}); put a When-step first`);
  return result;
}

/** The last result when it succeeded with the wanted part; otherwise fails, showing the actual result. */
export function succeeded<K extends keyof Result>(world: IlpWorld, part: K, expected: string): NonNullable<Result[K]> {
  const result = lastResult(world, expected);
  markJudged(world, result);
  const value = result[part];
  if (result.error || value === undefined) fail(world, expected, describeResult(result));
  return value as NonNullable<Result[K]>;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack).indexOf(Buffer.from(needle));
}

/** The contents of an encoded packet: after the type byte and the contents length determinant. */
export function contentsOf(packet: Uint8Array): Uint8Array {
  const first = packet[1] ?? 0;
  return packet.subarray(first < 0x80 ? 2 : 2 + (first & 0x7f));
}

/**
 * A refusal as `kind` in `field` (at `offset`). Compares only what the target's refusal carries: the kind in
 * the protocol's coarser words (lib/codec's kind maps to one, REFUSAL_KIND_OF), unless the target says
 * `other` (it does not classify); the field and the offset only when the target names them.
 */
export function judgeRefusal(world: IlpWorld, kind: CodecErrorKind, field: string, offset?: number): void {
  const result = lastResult(world, 'a refusal');
  markJudged(world, result);
  const where = `${kind} (${REFUSAL_KIND_OF[kind]}) in "${field}"${offset === undefined ? '' : ` at byte ${offset}`}`;
  const error = result.error;
  if (!error) fail(world, `the codec refuses it as ${where}`, describeResult(result));
  const kindMatches = error.kind === 'other' || error.kind === REFUSAL_KIND_OF[kind];
  const fieldMatches = error.field === undefined || error.field === field;
  const offsetMatches = offset === undefined || error.offset === undefined || error.offset === offset;
  if (!kindMatches || !fieldMatches || !offsetMatches) fail(world, `the codec refuses it as ${where}`, describeRefusal(error));
  const unchecked = [error.kind === 'other' ? 'the kind' : '', error.field === undefined ? 'the field' : '', offset !== undefined && error.offset === undefined ? 'the offset' : ''].filter(Boolean);
  if (unchecked.length) world.log(`Refusal judged only on what the target reported: it gave no ${unchecked.join(', ')} (${describeRefusal(error)})`);
}

export function describeRefusal(error: Refusal): string {
  const field = error.field === undefined ? '' : ` in "${error.field}"`;
  const offset = error.offset === undefined ? '' : ` at byte ${error.offset}`;
  return `${error.kind}${field}${offset}: ${error.message}`;
}

/** A value read from the whole input: the reader must not leave bytes unread. */
export function readValue(world: IlpWorld, what: string): bigint | Uint8Array {
  const read = succeeded(world, 'read', `${what} read from the whole input`);
  if (read.unread !== 0) fail(world, `${what} read from the whole input`, describeResult(lastResult(world, what)));
  return read.value;
}

/** Then-steps that write as a second check: the write must succeed and give exactly `expected`. */
export async function judgeWrite(world: IlpWorld, what: string, pending: Promise<Attempt<Uint8Array>>, expected: Uint8Array): Promise<void> {
  const attempt = await pending;
  const actual = attempt.ok ? `wrote ${showValue(attempt.value)}` : `refused: ${attempt.refusal.message}`;
  if (!attempt.ok || !sameValue(attempt.value, expected)) fail(world, `${what} gives ${showValue(expected)}`, actual);
}

export function written(world: IlpWorld, expected: string): Uint8Array {
  return succeeded(world, 'written', expected);
}

export function judgeBytes(world: IlpWorld, expected: Uint8Array): void {
  const actual = written(world, `the bytes ${showValue(expected)}`);
  if (!sameValue(actual, expected)) {
    const at = firstDifference(actual, expected);
    fail(world, `the bytes ${hex(expected)}`, `${hex(actual)}\n  (first difference at byte ${at}: expected ${hex(expected.subarray(at, at + 8)) || 'the end'}, actual ${hex(actual.subarray(at, at + 8)) || 'the end'})`);
  }
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
