/**
 * The connector's outgoing ILP-over-HTTP client (implements SendPrepare). Per peer mode:
 *   sync:  POST the Prepare; the 200 response body is the Fulfill or Reject (RFC 35 draft 1).
 *   async: POST with Request-Id (UUIDv4) and Callback-Url; expect 2xx (normally 202); the reply arrives
 *          later at our callback endpoint and is handed over through PendingReplies (RFC 35 draft 3).
 * Headers: Content-Type and Accept application/octet-stream (HTTP-004), Authorization Bearer <outgoing token>.
 * Replies are decoded leniently (RFC 27 lets a receiver accept non-canonical OER, and a Reject relayed
 * from further away may carry an empty triggeredBy); one that does not decode is an 'invalid-reply'.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { decodeReply, encodePrepare, isCodecError } from '../../../lib/codec';
import type { IlpReply } from '../../../lib/codec/types';
import type { PeerConfig } from '../../../contracts/topology';
import { type SendPrepare, TransportError } from '../transport';
import { NO_FAULTS, type WithFaults } from '../faults';
import { bearer } from './headers';
import type { PendingReplies } from './pending-replies';
import { postBytes, type PostOptions, type PostTarget, postTarget } from './post';

export interface HttpTransportOptions extends WithFaults {
  readonly agents: PostOptions['agents'];
  readonly pending: PendingReplies;
  /** Where an async peer must POST its reply for this connector: our callback endpoint for that peer. */
  readonly callbackUrl: (peer: PeerConfig) => string;
}

export function createHttpTransport(opts: HttpTransportOptions): SendPrepare {
  const faults = opts.faults ?? NO_FAULTS;
  // Per peer, worked out once: where to POST and the headers every request to it carries.
  const targets = new Map<string, { target: PostTarget; headers: http.OutgoingHttpHeaders }>();
  const targetOf = (peer: PeerConfig) => {
    let entry = targets.get(peer.name);
    if (!entry) {
      const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/octet-stream', Accept: 'application/octet-stream', Authorization: bearer(peer.http.outgoing.token) };
      // FAULT forward-without-token / wrong-content-type.
      if (faults.has('forward-without-token')) delete headers.Authorization;
      if (faults.has('wrong-content-type')) {
        headers['Content-Type'] = 'application/ilp+octet-stream';
        delete headers.Accept;
      }
      targets.set(peer.name, (entry = { target: postTarget(peer.http.outgoing.url), headers }));
    }
    return entry;
  };

  return async (peer, prepare, cancellation) => {
    let body = encodePrepare(prepare);
    // FAULT trailing-byte-in-request: one byte after the Prepare.
    if (faults.has('trailing-byte-in-request')) body = Buffer.concat([body, Buffer.from([0])]);
    const post = { agents: opts.agents, cancellation };
    const { target, headers } = targetOf(peer);
    if (peer.http.mode === 'sync') {
      const response = await postBytes(target, headers, body, post);
      if (response.status !== 200) throw new TransportError('status', `HTTP ${response.status}`, response.status);
      return toReply(response.body);
    }
    // FAULT request-id-not-uuid: a version-1-looking id (the 13th hex digit is 1, not 4).
    const requestId = faults.has('request-id-not-uuid') ? randomUUID().replace(/^(.{14})4/, (_, head: string) => `${head}1`) : randomUUID();
    const callback = opts.pending.expect(peer.name, requestId, cancellation);
    callback.catch(() => undefined); // observed below; failures before that point are reported by postBytes
    try {
      const asyncHeaders: http.OutgoingHttpHeaders = { ...headers, 'Request-Id': requestId, 'Callback-Url': opts.callbackUrl(peer) };
      // FAULT no-callback-url.
      if (faults.has('no-callback-url')) delete asyncHeaders['Callback-Url'];
      const response = await postBytes(target, asyncHeaders, body, post);
      if (response.status < 200 || response.status > 299) {
        throw new TransportError('status', `HTTP ${response.status} (async mode expects 202)`, response.status);
      }
    } catch (error) {
      opts.pending.fail(peer.name, requestId, error as Error);
      throw error;
    }
    return toReply(await callback);
  };
}

function toReply(bytes: Uint8Array): IlpReply {
  try {
    return decodeReply(bytes, { mode: 'lenient' });
  } catch (error) {
    if (!isCodecError(error)) throw error;
    throw new TransportError('invalid-reply', `${bytes.length}-byte body is not an ILP reply: ${error.message}`);
  }
}
