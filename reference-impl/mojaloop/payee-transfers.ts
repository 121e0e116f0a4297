/**
 * The Payee FSP's answer to POST /transfers: a resend of a transfer it answered gets the same callback again
 * (API Definition 3.2.5.1), a reused ID with another body an error; otherwise the rules of
 * transfer-rules.ts decide, and the callback is PUT /transfers/{ID} with the quote's fulfilment and
 * COMMITTED, or PUT /transfers/{ID}/error.
 */
import { randomBytes } from 'node:crypto';
import { errorCallback, FSPIOP_ERRORS, toBinaryString } from '../../contracts/fspiop';
import type { AnsweredTransfer, ParticipantContext } from './context';
import { checkTransfer, type TransferUnderCheck } from './transfer-rules';

export function answerTransfer(ctx: ParticipantContext, body: Readonly<Record<string, unknown>>, requester: string): void {
  const transferId = typeof body.transferId === 'string' ? body.transferId : undefined;
  if (!transferId) return void ctx.outbound.send('error.put', 'PUT', '/transfers/unknown/error', errorCallback(FSPIOP_ERRORS.missingElement, 'transferId is missing'), requester);
  const bodyKey = JSON.stringify(body);
  const earlier = ctx.transfers.get(transferId);
  if (earlier) {
    if (earlier.bodyKey !== bodyKey) return void deliver(ctx, { ...refused(transferId, requester, FSPIOP_ERRORS.genericValidation, `transfer ${transferId} exists with other terms`), bodyKey }, body);
    // FAULT fulfilment-changes-on-resend
    const again = ctx.faults.has('fulfilment-changes-on-resend') && earlier.resource === 'transfers.put' ? { ...earlier, body: { ...(earlier.body as Record<string, unknown>), fulfilment: toBinaryString(randomBytes(32)) } } : earlier;
    return void deliver(ctx, again, body);
  }
  const t: TransferUnderCheck = { body, now: Date.now() };
  const refusal = checkTransfer(t, ctx);
  let answer: AnsweredTransfer;
  if (refusal) {
    answer = { ...refused(transferId, requester, refusal.code, refusal.description), bodyKey };
  } else {
    // FAULT padded-fulfilment
    const fulfilment = ctx.faults.has('padded-fulfilment') ? `${t.quote!.fulfilment}=` : t.quote!.fulfilment;
    answer = { bodyKey, resource: 'transfers.put', path: `/transfers/${transferId}`, destination: requester, body: { fulfilment, completedTimestamp: new Date().toISOString(), transferState: 'COMMITTED' } };
  }
  ctx.transfers.set(transferId, answer);
  deliver(ctx, answer, body);
}

function refused(transferId: string, requester: string, code: string, description: string): Omit<AnsweredTransfer, 'bodyKey'> {
  return { resource: 'error.put', path: `/transfers/${transferId}/error`, destination: requester, body: errorCallback(code, description) };
}

function deliver(ctx: ParticipantContext, answer: AnsweredTransfer, request: Readonly<Record<string, unknown>>): void {
  // FAULT no-transfer-callback
  if (ctx.faults.has('no-transfer-callback')) return;
  const send = () => ctx.outbound.send(answer.resource, 'PUT', answer.path, answer.body, answer.destination);
  // FAULT fulfils-late: wait until a quarter second after the transfer's expiration
  const expiration = Date.parse(String(request.expiration));
  const delay = ctx.faults.has('fulfils-late') && answer.resource === 'transfers.put' && !Number.isNaN(expiration) ? Math.max(0, expiration - Date.now() + 250) : 0;
  setTimeout(() => {
    void send().then(() => {
      // FAULT transfer-callback-twice
      if (ctx.faults.has('transfer-callback-twice')) void send();
    });
  }, delay).unref();
}
