/**
 * The connector's notification socket on one ledger: opens `<ledger>/websocket` with its account's token,
 * follows its account (`subscribe_account`) and hands every schema-valid `notify` frame to `onNotification`.
 * Frames that break notification.schema.json are reported through `onProblem` and never acted on.
 * Does not: reconnect (a dropped socket is reported; the link's expiry reconciliation still reads the ledger).
 */
import WebSocket from 'ws';
import { schemaProblems } from '../../../contracts/ledger-schemas';
import { type LedgerNotification } from '../../../contracts/ledger-api';

export interface LedgerSocketOptions {
  readonly url: string;
  readonly token: string;
  readonly account: string;
  readonly timeoutMs: number;
  readonly onNotification: (notification: LedgerNotification) => void;
  readonly onProblem: (problem: string) => void;
}

export interface LedgerSocket {
  close(): Promise<void>;
}

/** Resolves once the ledger has confirmed the subscription; rejects naming the ledger and the cause. */
export function openLedgerSocket(opts: LedgerSocketOptions): Promise<LedgerSocket> {
  const socket = new WebSocket(opts.url, { headers: { authorization: `Bearer ${opts.token}` }, handshakeTimeout: opts.timeoutMs });
  let closing = false;
  const close = () =>
    new Promise<void>((done) => {
      closing = true;
      if (socket.readyState === WebSocket.CLOSED) return done();
      const timer = setTimeout(() => socket.terminate(), 500);
      socket.once('close', () => {
        clearTimeout(timer);
        done();
      });
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close();
    });

  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void close();
      reject(new Error(`cannot follow account ${opts.account} at ${opts.url}: ${why}`));
    };
    const timer = setTimeout(() => fail(`no subscription confirmed within ${opts.timeoutMs} ms`), opts.timeoutMs);
    socket.on('unexpected-response', (_request, response) => fail(`upgrade answered with HTTP ${response.statusCode}`));
    socket.on('error', (error) => fail(error.message));
    socket.on('open', () => {
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'subscribe_account', params: { accounts: [opts.account] } }));
    });
    socket.on('close', (code) => {
      if (!closing) opts.onProblem(`notification socket for ${opts.account} closed (code ${code})`);
    });
    socket.on('message', (data) => {
      let frame: { id?: unknown; method?: string; params?: unknown; result?: unknown; error?: { message?: string } };
      try {
        frame = JSON.parse(String(data));
      } catch {
        return opts.onProblem('a notification frame is not JSON');
      }
      if (frame.id === 1 && frame.method === undefined) {
        clearTimeout(timer);
        if (frame.error) return fail(`subscribe_account refused: ${frame.error.message ?? 'no message'}`);
        return resolve({ close });
      }
      if (frame.method !== 'notify') return;
      const problems = schemaProblems('notification', frame);
      if (problems) return opts.onProblem(`notification breaks notification.schema.json: ${problems}`);
      opts.onNotification(frame.params as LedgerNotification);
    });
  });
}
