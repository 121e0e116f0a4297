/**
 * The participant's one HTTP server (node:http, 127.0.0.1), FSPIOP v1.1 over JSON (or the ISO 20022 mode's
 * bodies, read through ctx.dialect):
 *
 *   POST /quotes                   Payee side: 202, then PUT /quotes/{ID} to the switch     (payee-quotes.ts)
 *   POST /transfers                Payee side: 202, then PUT /transfers/{ID} to the switch  (payee-transfers.ts)
 *   PUT  /quotes/{ID}[/error]      Payer side: the switch's callbacks, 200                  (payer.ts waits)
 *   PUT  /transfers/{ID}[/error]
 *   POST /outbound/payments        the payer trigger (README.md): 200 with the outcome when done
 *
 * A body that is not JSON is 400 with an FSPIOP errorInformation; an unknown path 404; a POST without
 * FSPIOP-Source 400 (the participant would not know where the callback goes).
 */
import http from 'node:http';
import { errorCallback, FSPIOP_ERRORS, type FspiopResource } from '../../contracts/fspiop';
import { readBody } from '../connector/http/body';
import type { ParticipantContext } from './context';
import { answerQuote } from './payee-quotes';
import { answerTransfer } from './payee-transfers';
import { outboundPaymentProblem, pay, type OutboundPayment } from './payer';

export const TRIGGER_PATH = '/outbound/payments';

const CALLBACK = /^\/(quotes|transfers)\/([^/]+)(\/error)?$/;

function json(res: http.ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) return void res.writeHead(status).end();
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export function createParticipantServer(ctx: ParticipantContext): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    readBody(req).then(
      (raw) => {
        let parsed: unknown;
        try {
          parsed = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
        } catch {
          return json(res, 400, errorCallback(FSPIOP_ERRORS.malformedSyntax, 'the body is not JSON'));
        }
        route(ctx, req, res, path, parsed);
      },
      () => json(res, 413, errorCallback(FSPIOP_ERRORS.malformedSyntax, 'the body is too large')),
    );
  });
}

function route(ctx: ParticipantContext, req: http.IncomingMessage, res: http.ServerResponse, path: string, parsed: unknown): void {
  const source = req.headers['fspiop-source'];
  const resource: FspiopResource | undefined = req.method === 'POST' && path === '/quotes' ? 'quotes.post' : req.method === 'POST' && path === '/transfers' ? 'transfers.post' : undefined;
  if (resource) {
    if (typeof source !== 'string' || !source) return json(res, 400, errorCallback(FSPIOP_ERRORS.missingElement, 'FSPIOP-Source header is missing'));
    let body;
    try {
      body = ctx.dialect.decode(resource, parsed);
    } catch (e) {
      return json(res, 400, errorCallback(FSPIOP_ERRORS.malformedSyntax, (e as Error).message));
    }
    // FAULT quotes-answer-500
    if (resource === 'quotes.post' && ctx.faults.has('quotes-answer-500')) return json(res, 500, errorCallback('2001', 'internal server error'));
    json(res, 202);
    setImmediate(() => (resource === 'quotes.post' ? answerQuote(ctx, body, source) : answerTransfer(ctx, body, source)));
    return;
  }
  const callback = req.method === 'PUT' ? CALLBACK.exec(path) : null;
  if (callback) {
    const kind = callback[3] ? 'error.put' : callback[1] === 'quotes' ? 'quotes.put' : 'transfers.put';
    json(res, 200);
    let body: Readonly<Record<string, unknown>>;
    try {
      body = ctx.dialect.decode(kind, parsed);
    } catch {
      body = {}; // a callback that does not read as this body format carries nothing to pay by
    }
    ctx.waits.get(decodeURIComponent(callback[2]!))?.({ resource: kind, body });
    return;
  }
  if (req.method === 'POST' && path === TRIGGER_PATH) {
    const body = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    const problem = outboundPaymentProblem(body);
    if (problem) return json(res, 400, { reason: problem });
    void pay(ctx, body as unknown as OutboundPayment).then((outcome) => json(res, outcome.status, outcome.body));
    return;
  }
  json(res, 404, errorCallback('3002', `unknown URI ${req.method} ${path}`));
}
