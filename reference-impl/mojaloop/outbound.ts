/**
 * How the reference sends an FSPIOP message to the switch: the v1.1 headers (contracts/fspiop/headers.ts),
 * the body through the dialect, a bounded wait for the switch's answer. A failure to deliver is swallowed
 * (the participant has nobody to tell; the switch sees the missing callback). Header faults sit here.
 */
import { FSPIOP_DIALECT, fspiopHeaders, nounOf, type FspiopNoun, type FspiopResource } from '../../contracts/fspiop';
import type { MojaloopFaults } from './faults';

const SEND_TIMEOUT_MS = 3_000;

export interface Outbound {
  /** A request (POST) or callback (PUT) to the switch at `path`; resolves when the switch answered or gave up. */
  send(resource: FspiopResource, method: 'POST' | 'PUT', path: string, body: object, destination: string, errorOf?: FspiopNoun): Promise<void>;
}

export function createOutbound(switchUrl: () => string, fspId: string, faults: MojaloopFaults): Outbound {
  return {
    async send(resource, method, path, body, destination, errorOf) {
      const request = method === 'POST';
      const headers = fspiopHeaders({
        noun: nounOf(resource, errorOf), request, destination,
        // FAULT callback-wrong-source
        source: !request && faults.has('callback-wrong-source') ? destination : fspId,
        // FAULT callback-content-type / payer-content-type
        ...((!request && faults.has('callback-content-type')) || (resource === 'transfers.post' && faults.has('payer-content-type')) ? { contentType: 'application/json' } : {}),
      });
      // FAULT error-code-not-fspiop
      const sent = resource === 'error.put' && faults.has('error-code-not-fspiop') ? { ...body, errorInformation: { ...(body as { errorInformation?: object }).errorInformation, errorCode: 'E3100' } } : body;
      try {
        const res = await fetch(new URL(path, switchUrl()), { method, headers, body: JSON.stringify(FSPIOP_DIALECT.encode(resource, sent)), signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
        await res.arrayBuffer();
      } catch {
        // Unreachable switch or no answer in time: nothing more to do.
      }
    },
  };
}
