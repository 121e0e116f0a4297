/**
 * Translation between the native ledger API's types (contracts/ledger-api.ts) and the Five Bells Ledger
 * API's wire shapes. Pure. Where Five Bells has no field for something the native API carries, the
 * translation leaves it out rather than invent it; the dialect declares the matching capability missing
 * (lib/targets/ledger-dialect.ts). Two carriers are conventions of the seed era, not of the API text:
 * a memo travels as `credits[0].memo.ilp` (base64), as ilp-plugin-bells sent it, and a rejection message
 * as `additional_info.data` (base64) of the ILP error object the API takes (carrier `error-data`). An ILPv1
 * connector's rejection is that error object itself (carrier `ilpv1-error`, five-bells-ilpv1-rejection.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LedgerFulfillment, LedgerMessage, LedgerNotification, LedgerTransfer, LedgerTransferRequest, RejectionReason } from '../../contracts/ledger-api';
import { conditionUri, decodeFulfillment, digestOfConditionUri } from './five-bells-conditions';
import { nativeIlpv1RejectionMessage, toIlpv1RejectionMessage, type FiveBellsRejectionMessage } from './five-bells-ilpv1-rejection';

/**
 * How a rejection message travels: `error-data` (default), the receiver's bytes as `additional_info.data` of
 * an F99 error object; `ilpv1-error`, the bytes are an ILPv1 Error (type 8) and the error object is its JSON form.
 */
export type RejectionCarrier = 'error-data' | 'ilpv1-error';

export interface FiveBellsFunds {
  account: string;
  amount: string;
  authorized?: boolean;
  rejected?: boolean;
  memo?: { ilp?: string };
  rejection_message?: FiveBellsRejectionMessage;
}

export interface FiveBellsTransfer {
  id: string;
  ledger: string;
  debits: FiveBellsFunds[];
  credits: FiveBellsFunds[];
  state: LedgerTransfer['state'];
  rejection_reason?: 'cancelled' | 'expired';
  execution_condition?: string;
  expires_at?: string;
  timeline?: Record<string, string>;
}

export interface FiveBellsMessage {
  from: string;
  to: string;
  ilp?: string;
}

export const accountUri = (base: string, name: string): string => `${base}/accounts/${encodeURIComponent(name)}`;
export const transferUri = (base: string, id: string): string => `${base}/transfers/${encodeURIComponent(id)}`;
/** The last path segment of a resource URI (an account name, a transfer id). */
export const lastSegment = (uri: string): string => decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));

/**
 * An amount as plain decimal text, exactly: Five Bells may write amounts in exponent notation ("1e-9"),
 * which the native API does not; the digits are moved, never computed through a floating-point number.
 */
export function plainDecimal(text: string): string {
  const m = /^([-+]?)(\d*)(?:\.(\d+))?[eE]([-+]?\d+)$/.exec(text);
  if (!m) return text.replace(/^\+/, '');
  const [, sign, int = '', fraction = '', exponent = '0'] = m;
  let digits = int + fraction;
  let point = int.length + Number(exponent);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(point).replace(/0+$/, '');
  return `${sign === '-' ? '-' : ''}${whole}${rest ? `.${rest}` : ''}`;
}

export function toFiveBellsTransfer(base: string, id: string, t: LedgerTransferRequest): Record<string, unknown> {
  return {
    id: transferUri(base, id),
    ledger: base,
    debits: [{ account: accountUri(base, t.debit_account), amount: t.amount, authorized: true }],
    credits: [{ account: accountUri(base, t.credit_account), amount: t.amount, ...(t.memo === undefined ? {} : { memo: { ilp: t.memo } }) }],
    ...(t.execution_condition === undefined ? {} : { execution_condition: conditionUri(t.execution_condition) }),
    ...(t.expires_at === undefined ? {} : { expires_at: t.expires_at }),
  };
}

const REASONS: Readonly<Record<NonNullable<FiveBellsTransfer['rejection_reason']>, RejectionReason>> = {
  cancelled: 'rejected_by_receiver',
  expired: 'expired',
};

export function toNativeTransfer(t: FiveBellsTransfer, carrier: RejectionCarrier = 'error-data'): LedgerTransfer {
  const credit = t.credits[0]!;
  const condition = t.execution_condition === undefined ? undefined : digestOfConditionUri(t.execution_condition);
  const carried = credit.rejection_message;
  const rejectionMessage = carrier === 'ilpv1-error' ? (carried === undefined ? undefined : nativeIlpv1RejectionMessage(carried)) : carried?.additional_info?.data;
  return {
    id: lastSegment(t.id),
    debit_account: lastSegment(t.debits[0]!.account),
    credit_account: lastSegment(credit.account),
    amount: plainDecimal(credit.amount),
    state: t.state,
    ...(condition === undefined ? {} : { execution_condition: condition }),
    ...(t.expires_at === undefined ? {} : { expires_at: t.expires_at }),
    ...(credit.memo?.ilp === undefined ? {} : { memo: credit.memo.ilp }),
    ...(t.rejection_reason === undefined ? {} : { rejection_reason: REASONS[t.rejection_reason] }),
    ...(rejectionMessage === undefined ? {} : { rejection_message: rejectionMessage }),
    timeline: { proposed_at: t.timeline?.proposed_at ?? '', ...t.timeline },
  };
}

/** The ILP error object Five Bells takes as a rejection, carrying the receiver's message bytes. */
export function toFiveBellsRejection(triggeredBy: string, message: Uint8Array | undefined, carrier: RejectionCarrier = 'error-data'): FiveBellsRejectionMessage {
  if (carrier === 'ilpv1-error') return toIlpv1RejectionMessage(message);
  return {
    code: 'F99',
    name: 'Application Error',
    message: 'rejected by the receiver',
    triggered_by: triggeredBy,
    additional_info: message === undefined ? {} : { data: Buffer.from(message).toString('base64') },
  };
}

/**
 * A native fulfillment from a Five Bells one. Five Bells returns the fulfillment alone; the condition given
 * back is the digest of the preimage the ledger returned, which is what the ledger checked it against.
 */
export function toNativeFulfillment(transferId: string, fulfillment: string): LedgerFulfillment | string {
  const read = decodeFulfillment(fulfillment);
  if (!read.ok) return read.reason;
  return {
    transfer_id: transferId,
    execution_condition: createHash('sha256').update(read.preimage).digest('base64url'),
    fulfillment: read.preimage.toString('base64url'),
  };
}

export function toFiveBellsMessage(base: string, m: LedgerMessage): Record<string, unknown> {
  return { id: randomUUID(), ledger: base, from: accountUri(base, m.from), to: accountUri(base, m.to), ilp: m.data };
}

/** A notification's params in native form, or undefined for a Five Bells event the native API has no word for (a proposed transfer). */
export function toNativeNotification(params: { event: string; resource: unknown; related_resources?: { execution_condition_fulfillment?: string } }, carrier: RejectionCarrier = 'error-data'): LedgerNotification | string | undefined {
  if (params.event === 'message.send') {
    const m = params.resource as FiveBellsMessage;
    return { event: 'message.send', resource: { from: lastSegment(m.from), to: lastSegment(m.to), data: m.ilp ?? '' } };
  }
  const transfer = toNativeTransfer(params.resource as FiveBellsTransfer, carrier);
  if (transfer.state === 'proposed') return undefined;
  const f = params.related_resources?.execution_condition_fulfillment;
  const fulfillment = f === undefined ? undefined : toNativeFulfillment(transfer.id, f);
  if (typeof fulfillment === 'string') return `the notification's fulfillment: ${fulfillment}`;
  return {
    event: `transfer.${transfer.state}`,
    resource: transfer,
    ...(fulfillment === undefined ? {} : { related_resources: { fulfillment } }),
  };
}
