/**
 * The ILPv1 carrier of a Five Bells rejection (FiveBellsClientOptions.rejectionCarrier 'ilpv1-error'). An
 * ILPv1 connector over the Five Bells API (ilp-connector 21 with ilp-plugin-bells) does not put a binary ILPv1
 * Error (type 8) in the rejection: the rejection body IS the error, as JSON (five-bells-shared's
 * RejectionMessage: code, name, message, triggered_by, triggered_at, forwarded_by, additional_info). This file
 * translates between the two, both ways, so the ILPv1 steps send and read ILPv1 Errors whatever the ledger:
 *
 *   - out: the ILPv1 Error's fields by name; its data, when not empty, as `additional_info.data` (base64);
 *   - in: the same fields back; `forwarded_by`, one address in that API, as a one-element forwardedBy.
 *
 * `forwarded_by` holds ONE address (RejectionMessage.json: "the last connector to forward the rejection"), so
 * an error forwarded by more than one connector cannot be carried: `notCarried` says so, and the steps report
 * such a scenario as not observable through this API.
 */
import { decodeIlpV1Outcome, LegacyPacketType, encodeIlpV1Outcome, type IlpV1Error } from '../codec';

/** The JSON rejection body of the Five Bells API, as far as this carrier reads and writes it. */
export interface FiveBellsRejectionMessage {
  code?: string;
  name?: string;
  message?: string;
  triggered_by?: string;
  triggered_at?: string;
  forwarded_by?: string;
  additional_info?: { data?: string; [key: string]: unknown };
}

/** Why `error` cannot travel as a Five Bells rejection, or undefined when it can. */
export function notCarried(error: Pick<IlpV1Error, 'forwardedBy'>): string | undefined {
  if (error.forwardedBy.length <= 1) return undefined;
  return `not observable through this API: forwarded_by holds one address, and this error is forwarded by ${error.forwardedBy.length} (${error.forwardedBy.join(', ')})`;
}

/** The rejection body for an ILPv1 Error given as bytes; throws when they hold none, or one the API cannot carry. */
export function toIlpv1RejectionMessage(message: Uint8Array | undefined): FiveBellsRejectionMessage {
  if (message === undefined || message.length === 0) throw new Error('the ILPv1 rejection carrier needs an ILPv1 Error (type 8) to send; got no bytes');
  const error = decodeIlpV1Outcome(message, undefined, [LegacyPacketType.Error]);
  if (error.type !== 8) throw new Error(`the ILPv1 rejection carrier sends ILPv1 Errors (type 8), not type ${error.type}`);
  const problem = notCarried(error);
  if (problem) throw new Error(problem);
  return {
    code: error.code,
    name: error.name,
    // The ILPv1 Error has no message field; the API requires one. Its name stands in, and is ignored when read back.
    message: error.name,
    triggered_by: error.triggeredBy,
    triggered_at: error.triggeredAt.toISOString(),
    ...(error.forwardedBy.length === 1 ? { forwarded_by: error.forwardedBy[0] } : {}),
    additional_info: error.data.length === 0 ? {} : { data: Buffer.from(error.data).toString('base64') },
  };
}

/** The ILPv1 Error a rejection body stands for, or why it stands for none (a field it needs is absent or unreadable). */
export function fromIlpv1RejectionMessage(r: FiveBellsRejectionMessage): IlpV1Error | string {
  const missing = (['code', 'name', 'triggered_by', 'triggered_at'] as const).filter((k) => typeof r[k] !== 'string');
  if (missing.length > 0) return `the rejection message has no ${missing.join(', ')}: ${JSON.stringify(r).slice(0, 400)}`;
  const triggeredAt = new Date(r.triggered_at!);
  if (Number.isNaN(triggeredAt.getTime())) return `the rejection message's triggered_at ${JSON.stringify(r.triggered_at)} is no date`;
  const data = r.additional_info?.data;
  if (data !== undefined && (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data))) return `the rejection message's additional_info.data ${JSON.stringify(data).slice(0, 80)} is not base64`;
  return {
    type: 8,
    code: r.code!,
    name: r.name!,
    triggeredBy: r.triggered_by!,
    forwardedBy: typeof r.forwarded_by === 'string' && r.forwarded_by !== '' ? [r.forwarded_by] : [],
    triggeredAt,
    data: Buffer.from(data ?? '', 'base64'),
  };
}

/**
 * The native rejection message (base64) for a Five Bells rejection body: the encoded ILPv1 Error, or, when the
 * body stands for none or the codec refuses it, the body's JSON text itself, so a judge shows what came.
 */
export function nativeIlpv1RejectionMessage(r: FiveBellsRejectionMessage): string {
  const error = fromIlpv1RejectionMessage(r);
  if (typeof error !== 'string') {
    try {
      return Buffer.from(encodeIlpV1Outcome(error)).toString('base64');
    } catch {
      // fall through: the fields do not make an ILPv1 Error (a code that is not one, a bad address)
    }
  }
  return Buffer.from(JSON.stringify(r), 'utf8').toString('base64');
}
