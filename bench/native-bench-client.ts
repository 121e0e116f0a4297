/**
 * A lean client of the native ledger API for the benchmarks only: node:http over kept-alive connections, and
 * the checks a load needs (the status, the transfer's state, the fulfillment echoed back) instead of the
 * harness client's JSON Schema check of every reply (lib/targets/ledger-http.ts), which cost the client more
 * CPU than the reference ledger spent answering (measured: 4.3 s of client CPU in a 5 s run). The figures it
 * gives are the ledger's; conformance is the features' business.
 */
import { Agent, request } from 'node:http';
import type { LedgerAccount, LedgerAccountRequest, LedgerFulfillment, LedgerTransfer, LedgerTransferRequest } from '../contracts/ledger-api';
import type { LedgerReply } from '../lib/targets/ledger-http';
import type { BenchLedgerClient } from './ledger-load';

export class NativeBenchClient implements BenchLedgerClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, connections: number, private readonly timeoutMs = 10_000) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  createAccount(adminToken: string, name: string, body: LedgerAccountRequest): Promise<LedgerReply<LedgerAccount>> {
    return this.call(`/accounts/${encodeURIComponent(name)}`, adminToken, body, (b: LedgerAccount) => b.name === name);
  }

  prepareTransfer(token: string, id: string, body: LedgerTransferRequest): Promise<LedgerReply<LedgerTransfer>> {
    return this.call(`/transfers/${id}`, token, body, (b: LedgerTransfer) => b.id === id && b.state === 'prepared');
  }

  fulfill(token: string, id: string, preimage: Uint8Array): Promise<LedgerReply<LedgerFulfillment>> {
    const fulfillment = Buffer.from(preimage).toString('base64url');
    return this.call(`/transfers/${id}/fulfillment`, token, { fulfillment }, (b: LedgerFulfillment) => b.transfer_id === id && b.fulfillment === fulfillment);
  }

  close(): void {
    this.agent.destroy();
  }

  private call<T>(path: string, token: string, body: unknown, expected: (body: T) => boolean): Promise<LedgerReply<T>> {
    const started = performance.now();
    const elapsedMs = () => performance.now() - started;
    const text = JSON.stringify(body);
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method: 'PUT',
          path,
          timeout: this.timeoutMs,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), accept: 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => resolve({ kind: 'transport-failure', reason: e.message, elapsedMs: elapsedMs() }));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const raw = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = JSON.parse(raw);
            } catch {
              return resolve({ kind: 'invalid-response', status, problem: 'body is not JSON', body: raw, elapsedMs: elapsedMs() });
            }
            if (status >= 400 && status <= 599) {
              return resolve({ kind: 'refused', status, error: parsed as { id: string; message: string }, elapsedMs: elapsedMs() });
            }
            if (status < 200 || status > 299 || !expected(parsed as T)) {
              return resolve({ kind: 'invalid-response', status, problem: 'not the expected answer', body: raw, elapsedMs: elapsedMs() });
            }
            resolve({ kind: 'ok', status, body: parsed as T, elapsedMs: elapsedMs() });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e) => resolve({ kind: 'transport-failure', reason: e.message, elapsedMs: elapsedMs() }));
      req.end(text);
    });
  }
}
