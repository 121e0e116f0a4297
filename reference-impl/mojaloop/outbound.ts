/**
 * How the reference sends an FSPIOP message to the switch: the FSPIOP headers (contracts/fspiop/headers.ts)
 * with the dialect's media types, the body through the dialect (in the ISO 20022 mode with what the ISO body
 * needs beside the v1.1 one: the path's ID, the payment's quote), a bounded wait for the switch's answer. A
 * failure to deliver, or a body the dialect cannot write, is swallowed (the participant has nobody to tell; the
 * switch sees the missing callback). Header faults and the ISO 20022 body faults sit here.
 */
import { FSPIOP_DIALECT, fspiopHeaders, nounOf, type EncodeContext, type FspiopDialect, type FspiopNoun, type FspiopResource } from '../../contracts/fspiop';
import type { MojaloopFaults } from './faults';

const SEND_TIMEOUT_MS = 3_000;

export interface Outbound {
  /** A request (POST) or callback (PUT) to the switch at `path`; resolves when the switch answered or gave up. */
  send(resource: FspiopResource, method: 'POST' | 'PUT', path: string, body: object, destination: string, errorOf?: FspiopNoun, context?: EncodeContext): Promise<void>;
}

export function createOutbound(switchUrl: () => string, fspId: string, faults: MojaloopFaults, dialect: FspiopDialect = FSPIOP_DIALECT): Outbound {
  const iso = dialect !== FSPIOP_DIALECT;
  return {
    async send(resource, method, path, body, destination, errorOf, context = {}) {
      const request = method === 'POST';
      const noun = nounOf(resource, errorOf);
      const headers = fspiopHeaders({
        noun, request, destination, accept: dialect.accept(noun),
        // FAULT callback-wrong-source
        source: !request && faults.has('callback-wrong-source') ? destination : fspId,
        // FAULT callback-content-type / payer-content-type
        // FAULT iso-v11-content-type: an ISO body under the v1.1 media type
        contentType: (!request && faults.has('callback-content-type')) || (resource === 'transfers.post' && faults.has('payer-content-type')) ? 'application/json'
          : !request && iso && faults.has('iso-v11-content-type') ? FSPIOP_DIALECT.contentType(resource, errorOf) : dialect.contentType(resource, errorOf),
      });
      // FAULT error-code-not-fspiop
      const sent = resource === 'error.put' && faults.has('error-code-not-fspiop') ? { ...body, errorInformation: { ...(body as { errorInformation?: object }).errorInformation, errorCode: 'E3100' } } : body;
      let wire: unknown;
      try {
        // FAULT iso-v11-body: the v1.1 body itself under the ISO 20022 media type
        wire = iso && resource === 'quotes.put' && faults.has('iso-v11-body') ? sent : dialect.encode(resource, sent, { id: path.split('/')[2], source: fspId, destination, ...context });
      } catch {
        return; // not writable in this body format (e.g. a condition the ISO 20022 mode has no field for)
      }
      // FAULT iso-amount-differs: the ISO PUT /quotes names one major unit more than the packet carries
      if (iso && resource === 'quotes.put' && faults.has('iso-amount-differs')) {
        const amount = (wire as { CdtTrfTxInf?: { IntrBkSttlmAmt?: { ActiveCurrencyAndAmount?: string } } }).CdtTrfTxInf?.IntrBkSttlmAmt;
        if (amount?.ActiveCurrencyAndAmount) amount.ActiveCurrencyAndAmount = String(Number(amount.ActiveCurrencyAndAmount) + 1);
      }
      try {
        const res = await fetch(new URL(path, switchUrl()), { method, headers, body: JSON.stringify(wire), signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
        await res.arrayBuffer();
      } catch {
        // Unreachable switch or no answer in time: nothing more to do.
      }
    },
  };
}
