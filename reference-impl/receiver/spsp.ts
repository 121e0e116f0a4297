/**
 * The SPSP endpoint (RFC 9 draft 14): `GET /.well-known/pay` (the payment pointer `$host`) and
 * `GET /<name>` for each receiver name. Answers 200 with Content-Type application/spsp4+json,
 * Cache-Control, CORS headers, and `{ destination_account, shared_secret }` (a fresh connection per query,
 * the secret 32 bytes in base64 with padding); 404 with `InvalidReceiverError` for an unknown name;
 * OPTIONS gets the CORS headers. Does not: read STREAM packets (pipeline.ts).
 */
import type http from 'node:http';
import type { ReceiverFaults } from './faults';
import type { ConnectionSecrets } from './secrets';

export const SPSP_MEDIA_TYPE = 'application/spsp4+json';

export interface SpspEndpointOptions {
  readonly secrets: ConnectionSecrets;
  readonly faults: ReceiverFaults;
  /** Paths that name a receiver, e.g. /.well-known/pay. */
  readonly paths: ReadonlySet<string>;
  readonly cacheSeconds: number;
}

export function createSpspHandler(opts: SpspEndpointOptions) {
  const first = opts.secrets.issue();
  return (req: http.IncomingMessage, res: http.ServerResponse, path: string): void => {
    const f = opts.faults;
    // FAULT spsp-no-cors
    if (!f.has('spsp-no-cors')) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'web-monetization-id');
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    // FAULT spsp-refuses-spsp-accept
    if (f.has('spsp-refuses-spsp-accept') && /spsp4\+json/.test(req.headers.accept ?? '')) {
      res.writeHead(406, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not Acceptable' }));
      return;
    }
    // FAULT spsp-json-content-type
    const type = f.has('spsp-json-content-type') ? 'application/json' : SPSP_MEDIA_TYPE;
    // FAULT spsp-unknown-receiver-200
    if (!opts.paths.has(path) && !f.has('spsp-unknown-receiver-200')) {
      res.writeHead(404, { 'content-type': type }).end(JSON.stringify({ id: 'InvalidReceiverError', message: 'Invalid receiver ID' }));
      return;
    }
    // FAULT spsp-same-secret
    const ticket = f.has('spsp-same-secret') ? first : opts.secrets.issue();
    // FAULT spsp-short-secret
    // FAULT spsp-wrong-secret
    const handed = f.has('spsp-wrong-secret') ? Buffer.from(ticket.sharedSecret.map((b) => b ^ 0xff)) : ticket.sharedSecret;
    const secret = f.has('spsp-short-secret') ? handed.subarray(0, 16) : handed;
    // FAULT spsp-base64url-secret
    const encoded = f.has('spsp-base64url-secret') ? secret.toString('base64url') : secret.toString('base64');
    // FAULT spsp-invalid-address
    const destination = f.has('spsp-invalid-address') ? ticket.destinationAccount.replace('.', '..') : ticket.destinationAccount;
    const headers: Record<string, string> = { 'content-type': type };
    // FAULT spsp-no-cache-control
    if (!f.has('spsp-no-cache-control')) headers['cache-control'] = `max-age=${opts.cacheSeconds}`;
    res.writeHead(200, headers).end(JSON.stringify({ destination_account: destination, shared_secret: encoded, receiver_info: { name: 'ilp-conformance reference receiver' } }));
  };
}
