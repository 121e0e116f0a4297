/**
 * The receiver's requests (node:http, 127.0.0.1; the same listener answers on the HTTPS port, index.ts):
 *   GET|OPTIONS <SPSP path>  the SPSP endpoint (spsp.ts)
 *   POST /ilp                ILP over HTTP, synchronous (RFC 35 draft 2): its upstream connector posts a
 *                            Prepare with `Authorization: Bearer <token>` and gets the Fulfill or Reject in
 *                            the 200 body; a wrong token is 401, a body that is no Prepare gets an F01 Reject.
 */
import type http from 'node:http';
import { decodePrepare, encodePacket, PacketType, type IlpReply } from '../../lib/codec';
import { BodyTooLargeError, readBody } from '../connector/http/body';
import type { PrepareContext } from './context';
import type { ReceiverFaults } from './faults';

export const ILP_PATH = '/ilp';

export interface ReceiverServerOptions {
  readonly address: string;
  readonly token: string;
  readonly faults: ReceiverFaults;
  readonly assetCode: string;
  readonly assetScale: number;
  readonly spsp: (req: http.IncomingMessage, res: http.ServerResponse, path: string) => void;
  readonly answer: (ctx: PrepareContext) => IlpReply;
}

/** The request listener: the receiver's plain HTTP server runs it, and its HTTPS server for SPSP (index.ts). */
export function createReceiverListener(opts: ReceiverServerOptions): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path !== ILP_PATH) {
      if (req.method !== 'GET' && req.method !== 'OPTIONS') return void res.writeHead(405, { allow: 'GET, OPTIONS' }).end();
      return opts.spsp(req, res, path);
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
    if (req.headers.authorization !== `Bearer ${opts.token}`) return void res.writeHead(401).end();
    readBody(req).then(
      (body) => {
        let reply;
        try {
          const prepare = decodePrepare(body);
          reply = opts.answer({ prepare, faults: opts.faults, assetCode: opts.assetCode, assetScale: opts.assetScale, credits: new Map(), touched: new Set(), replyFrames: [] });
        } catch (error) {
          reply = { type: PacketType.Reject, code: 'F01', triggeredBy: opts.address, message: `Invalid Packet: ${(error as Error).message}`.slice(0, 500), data: new Uint8Array(0) } as const;
        }
        const bytes = encodePacket(reply);
        // The codec's encoders return Buffers; a view, not a copy, of anything else.
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      (error: Error) => {
        if (!res.headersSent) res.writeHead(error instanceof BodyTooLargeError ? 413 : 400).end();
      },
    );
  };
}
