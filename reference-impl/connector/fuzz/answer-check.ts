/**
 * The fuzzer's oracles. They judge what came out, never how long it took.
 *
 * codecVerdict(input): lib/codec's decoders either return a packet or throw a CodecError (never a TypeError,
 *   RangeError, ...); whatever decodes strictly with no trailing bytes encodes back to the same bytes.
 * answerProblem(decoded input, answer): the connector's answer is one strictly decodable, canonical Fulfill or
 *   Reject; a body that is no Prepare (read leniently, as the reference reads) gets an F01 triggered by the
 *   connector; a Fulfill answers a Prepare and matches its condition; no Reject is the connector's
 *   "internal error" T00 (a bug caught by reject-on-error rather than a decision).
 * Each gives a sentence naming the problem, or none.
 */
import { decodePacket, decodeReply, encodePacket, fulfillmentMatches, isCodecError, isWellFormedErrorCode } from '../../../lib/codec';
import type { IlpPacket, IlpReply } from '../../../lib/codec/types';

const STRICT_WHOLE = { mode: 'strict', rejectTrailingBytes: true } as const;

export interface CodecVerdict {
  /** The input as the reference reads a body (lenient decoding), when it is a packet. */
  readonly packet?: IlpPacket;
  readonly problem?: string;
}

/**
 * Runs the input through the lenient decoder (what the reference uses) and the strictest one (strict, no
 * trailing bytes); each must return a packet or throw a CodecError. Two decoders rather than every entry
 * point: decodePrepare and decodeReply share decodePacket's reading and differ only in the types they admit.
 */
export function codecVerdict(input: Uint8Array): CodecVerdict {
  let packet: IlpPacket | undefined;
  try {
    packet = decodePacket(input, { mode: 'lenient' });
  } catch (error) {
    if (!isCodecError(error)) return { problem: `decodePacket lenient threw ${describe(error)}` };
  }
  let whole: IlpPacket;
  try {
    whole = decodePacket(input, STRICT_WHOLE);
  } catch (error) {
    return isCodecError(error) ? { packet } : { packet, problem: `decodePacket strict+rejectTrailingBytes threw ${describe(error)}` };
  }
  if (!packet) return { problem: 'decodes strictly but not leniently' };
  let again: Uint8Array;
  try {
    again = encodePacket(whole);
  } catch (error) {
    return { packet, problem: `a strictly decoded packet (type ${whole.type}) does not encode again: ${describe(error)}` };
  }
  if (!Buffer.from(again).equals(Buffer.from(input))) return { packet, problem: `strict decode then encode changed the bytes: ${hexHead(again)}` };
  return { packet };
}

/** `decoded` is codecVerdict(input).packet: the body as the reference reads it, if it reads as a packet. */
export function answerProblem(decoded: IlpPacket | undefined, answer: Uint8Array, sutAddress: string): { problem?: string; reply?: IlpReply } {
  let reply: IlpReply;
  try {
    reply = decodeReply(answer, STRICT_WHOLE);
  } catch (error) {
    return { problem: `the answer (${answer.length} bytes: ${hexHead(answer)}) is no strictly decodable Fulfill or Reject: ${describe(error)}` };
  }
  if (!Buffer.from(encodePacket(reply)).equals(Buffer.from(answer))) return { reply, problem: `the answer is not canonical OER: ${hexHead(answer)}` };
  const prepare = decoded?.type === 12 ? decoded : undefined;
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

/** What a reply is, for the tallies: `Fulfill`, or `Reject <code>`. */
export function replyLabel(reply: IlpReply): string {
  return reply.type === 13 ? 'Fulfill' : `Reject ${reply.code}`;
}

export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return `a non-Error value ${String(error)}`;
}

function hexHead(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return hex.length > 200 ? `${hex.slice(0, 200)}...` : hex;
}
