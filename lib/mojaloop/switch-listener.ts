/**
 * The harness playing the Mojaloop switch: an HTTP listener on 127.0.0.1 that takes every FSPIOP request and
 * callback a participant sends, records it (fspiop-message.ts), answers 202 to a POST and 200 to a PUT, and
 * lets a scenario wait for the message it expects within a bound. A POST can be handed to a responder (the
 * harness playing the Payee FSP in payer mode) after it was answered. Bodies are read through the run's
 * dialect: in the ISO 20022 mode `body` is the decoded v1.1 view, `wire` the ISO body, and a body that does
 * not decode keeps its reason in `decodeProblem` (the message is recorded all the same).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FSPIOP_DIALECT, type FspiopDialect } from '../../contracts/fspiop';
import { classify, type FspiopMessage } from './fspiop-message';

const MAX_BODY = 64 * 1024;

export type WaitResult = { readonly ok: true; readonly message: FspiopMessage } | { readonly ok: false; readonly reason: string };

interface Waiter {
  readonly match: (m: FspiopMessage) => boolean;
  readonly resolve: (m: FspiopMessage) => void;
}

export class SwitchListenerError extends Error {
  override readonly name = 'SwitchListenerError';
}

export class SwitchListener {
  readonly messages: FspiopMessage[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Called for each POST a participant sends, after it was answered 202. */
  onRequest: ((m: FspiopMessage) => void) | undefined;

  private constructor(private readonly server: http.Server, readonly url: string, readonly dialect: FspiopDialect) {}

  static async start(port = 0, dialect: FspiopDialect = FSPIOP_DIALECT): Promise<SwitchListener> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(new SwitchListenerError(e.code === 'EADDRINUSE' ? `the switch cannot listen on 127.0.0.1:${port}: the port is in use` : `the switch cannot listen on 127.0.0.1:${port}: ${e.message}`)));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const listener = new SwitchListener(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, dialect);
    server.on('request', (req, res) => listener.take(req, res));
    return listener;
  }

  private take(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0]!;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
      const read = this.read(method, path, body);
      const { resource, id } = classify(method, path, read.body);
      const message: FspiopMessage = { method, path, headers, rawBody, resource, id, at: Date.now(), origin: 'switch', ...read };
      this.messages.push(message);
      res.writeHead(method === 'POST' ? 202 : 200).end();
      for (const w of [...this.waiters]) {
        if (w.match(message)) {
          this.waiters.delete(w);
          w.resolve(message);
        }
      }
      if (method === 'POST' && resource) this.onRequest?.(message);
    });
  }

  /** The v1.1 view of a parsed body: itself in the v1.1 API, else decoded by the dialect (or why not). */
  private read(method: string, path: string, parsed: unknown): { body: unknown; wire?: unknown; decodeProblem?: string } {
    const { resource } = classify(method, path, undefined);
    if (this.dialect === FSPIOP_DIALECT || !resource || parsed === undefined) return { body: parsed };
    try {
      return { body: this.dialect.decode(resource, parsed), wire: parsed };
    } catch (e) {
      return { body: undefined, wire: parsed, decodeProblem: (e as Error).message };
    }
  }

  /** The first message since `since` (an index into messages) that matches, within `timeoutMs`. */
  waitFor(match: (m: FspiopMessage) => boolean, timeoutMs: number, what: string, since = 0): Promise<WaitResult> {
    const seen = this.messages.slice(since).find(match);
    if (seen) return Promise.resolve({ ok: true, message: seen });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve({ ok: true, message });
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve({ ok: false, reason: `no ${what} reached the switch within ${timeoutMs} ms` });
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Messages about one quote or transfer ID, in arrival order. */
  about(id: string): FspiopMessage[] {
    return this.messages.filter((m) => m.id === id);
  }

  async close(): Promise<void> {
    for (const w of this.waiters) this.waiters.delete(w);
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
