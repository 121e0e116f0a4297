/**
 * The fuzzer's oracles. They judge what came out, never how long it took.
 *
 * codecProblem(input): every decoder of lib/codec either returns a packet or throws a CodecError (never a
 *   TypeError, RangeError, ...); whatever decodes strictly with no trailing bytes encodes back to the same bytes.
 * answerProblem(input, answer): the connector's answer to `input` is one strictly decodable, canonical
 *   Fulfill or Reject; a body that is no Prepare (lenient decoding, as the reference reads) gets an F01
 *   triggered by the connector; a Fulfill answers a Prepare and matches its condition; no Reject is the
 *   connector's "internal error" T00 (a bug caught by reject-on-error rather than a decision).
 * Each returns a sentence naming the problem, or undefined.
 */
import {
  decodePacket, decodePrepare, decodeReply, encodePacket, fulfillmentMatches, isCodecError, isWellFormedErrorCode,
} from '../../../lib/codec';
import type { IlpPrepare, IlpReply } from '../../../lib/codec/types';

const STRICT_WHOLE = { mode: 'strict', rejectTrailingBytes: true } as const;

export function codecProblem(input: Uint8Array): string | undefined {
  const decoders: readonly [string, () => unknown][] = [
    ['decodePacket strict', () => decodePacket(input)],
    ['decodePacket lenient', () => decodePacket(input, { mode: 'lenient' })],
    ['decodeReply lenient', () => decodeReply(input, { mode: 'lenient' })],
  ];
  for (const [name, decode] of decoders) {
    const problem = thrownProblem(name, decode);
    if (problem) return problem;
  }
  let whole;
  try {
    whole = decodePacket(input, STRICT_WHOLE);
  } catch (error) {
    return isCodecError(error) ? undefined : `decodePacket strict+rejectTrailingBytes threw ${describe(error)}`;
  }
  let again: Uint8Array;
  try {
    again = encodePacket(whole);
  } catch (error) {
    return `a strictly decoded ${whole.type} packet does not encode again: ${describe(error)}`;
  }
  return Buffer.from(again).equals(Buffer.from(input)) ? undefined : `strict decode then encode changed the bytes: ${Buffer.from(again).toString('hex').slice(0, 200)}`;
}

/** The Prepare the reference sees in `input` (it decodes leniently), undefined for a body that is none. */
export function preparePart(input: Uint8Array): { prepare?: IlpPrepare; problem?: string } {
  try {
    return { prepare: decodePrepare(input, { mode: 'lenient' }) };
  } catch (error) {
    return isCodecError(error) ? {} : { problem: `decodePrepare lenient threw ${describe(error)}` };
  }
}

export function answerProblem(input: Uint8Array, answer: Uint8Array, sutAddress: string): { problem?: string; reply?: IlpReply } {
  let reply: IlpReply;
  try {
    reply = decodeReply(answer, STRICT_WHOLE);
  } catch (error) {
    return { problem: `the answer (${answer.length} bytes: ${hexHead(answer)}) is no strictly decodable Fulfill or Reject: ${describe(error)}` };
  }
  const canonical = encodePacket(reply);
  if (!Buffer.from(canonical).equals(Buffer.from(answer))) return { reply, problem: `the answer is not canonical OER: ${hexHead(answer)}` };
  const { prepare, problem } = preparePart(input);
  if (problem) return { reply, problem };
  if (reply.type === 13) {
    if (!prepare) return { reply, problem: 'a Fulfill answered a body that is no Prepare' };
    if (!fulfillmentMatches(reply.fulfillment, prepare.executionCondition)) return { reply, problem: 'a Fulfill whose fulfillment does not match the condition' };
    return { reply };
  }
  if (!isWellFormedErrorCode(reply.code)) return { reply, problem: `Reject code ${JSON.stringify(reply.code)} is not a class letter and two digits` };
  if (reply.code === 'T00' && reply.triggeredBy === sutAddress && reply.message === 'internal error') {
    return { reply, problem: 'Reject T00 "internal error": an exception that is no ILP error reached reject-on-error' };
  }
  if (!prepare && (reply.code !== 'F01' || reply.triggeredBy !== sutAddress)) {
    return { reply, problem: `a body that is no Prepare got Reject ${reply.code} by ${reply.triggeredBy} (${reply.message}); expected F01 by ${sutAddress}` };
  }
  return { reply };
}

/** What a reply is, for the tallies: `fulfill`, or the Reject code. */
export function replyLabel(reply: IlpReply): string {
  return reply.type === 13 ? 'Fulfill' : `Reject ${reply.code}`;
}

function thrownProblem(name: string, run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isCodecError(error) ? undefined : `${name} threw ${describe(error)}`;
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return `a non-Error value ${String(error)}`;
}

function hexHead(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return hex.length > 200 ? `${hex.slice(0, 200)}...` : hex;
}
