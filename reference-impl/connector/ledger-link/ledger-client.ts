import type { LedgerAccount, LedgerErrorBody, LedgerFulfillment, LedgerMetadata, LedgerTransfer, LedgerTransferRequest } from '../../../contracts/ledger-api';
import { schemaProblems, type LedgerSchemaName } from '../../../contracts/ledger-schemas';

/**
 * The ledger link's own HTTP client for a ledger API (fixtures/openapi/ledger.openapi.yaml): only the calls a
 * connector makes (metadata, its account, prepare, read, fulfill, reject). The reference connector is a
 * participant of the ledger, not its judge, so it keeps no transcript; it trusts a body only after the API's
 * schema (contracts/ledger-schemas.ts) accepts it, and anything else is an `invalid-response` it refuses to act on.
 * Does not: retry, or throw on a refusal (a 4xx with an Error body is an answer).
 */
export type LinkReply<T> =
  | { readonly kind: 'ok'; readonly status: number; readonly body: T }
  | { readonly kind: 'refused'; readonly status: number; readonly error: LedgerErrorBody }
  | { readonly kind: 'invalid-response'; readonly status: number; readonly problem: string }
  | { readonly kind: 'transport-failure'; readonly reason: string };

export function describeLinkReply(reply: LinkReply<unknown>): string {
  switch (reply.kind) {
    case 'ok':
      return `HTTP ${reply.status}`;
    case 'refused':
      return `HTTP ${reply.status} ${reply.error.id}: ${reply.error.message}`;
    case 'invalid-response':
      return `HTTP ${reply.status} outside the API: ${reply.problem}`;
    case 'transport-failure':
      return `no HTTP answer: ${reply.reason}`;
  }
}

export class LinkLedgerClient {
  private readonly baseUrl: string;

  constructor(baseUrl: string, private readonly timeoutMs: number) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  metadata(): Promise<LinkReply<LedgerMetadata>> {
    return this.call('GET', '/', undefined, undefined, 'metadata');
  }

  getAccount(token: string, name: string): Promise<LinkReply<LedgerAccount>> {
    return this.call('GET', `/accounts/${encodeURIComponent(name)}`, token, undefined, 'account');
  }

  prepareTransfer(token: string, id: string, body: LedgerTransferRequest): Promise<LinkReply<LedgerTransfer>> {
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}`, token, body, 'transfer');
  }

  getTransfer(token: string, id: string): Promise<LinkReply<LedgerTransfer>> {
    return this.call('GET', `/transfers/${encodeURIComponent(id)}`, token, undefined, 'transfer');
  }

  getFulfillment(token: string, id: string): Promise<LinkReply<LedgerFulfillment>> {
    return this.call('GET', `/transfers/${encodeURIComponent(id)}/fulfillment`, token, undefined, 'fulfillment');
  }

  fulfill(token: string, id: string, preimage: Uint8Array): Promise<LinkReply<LedgerFulfillment>> {
    const body = { fulfillment: Buffer.from(preimage).toString('base64url') };
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}/fulfillment`, token, body, 'fulfillment');
  }

  reject(token: string, id: string, message: Uint8Array): Promise<LinkReply<LedgerTransfer>> {
    return this.call('PUT', `/transfers/${encodeURIComponent(id)}/rejection`, token, { message: Buffer.from(message).toString('base64') }, 'transfer');
  }

  private async call<T>(method: string, path: string, token: string | undefined, body: unknown, schema: LedgerSchemaName): Promise<LinkReply<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const e = error as { name?: string; message?: string; cause?: { code?: string } };
      const reason = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `${e.message ?? String(error)}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
      return { kind: 'transport-failure', reason };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { kind: 'invalid-response', status, problem: 'body is not JSON' };
    }
    const success = status >= 200 && status < 300;
    const problems = schemaProblems(success ? schema : 'error', parsed);
    if (problems) return { kind: 'invalid-response', status, problem: problems };
    return success ? { kind: 'ok', status, body: parsed as T } : { kind: 'refused', status, error: parsed as LedgerErrorBody };
  }
}
