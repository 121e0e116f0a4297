import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { describeLedgerReply, LedgerHttpClient, NotificationStream } from './ledger-http';
import { LEDGER_SCHEMA_DIR, ledgerSchema, schemaProblems, type LedgerSchemaName } from '../../contracts/ledger-schemas';

/** A server that answers every request with the given status, content type and body. */
async function serve(status: number, contentType: string, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType }).end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', () => listening()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('every ledger schema compiles and every $ref in the OpenAPI file names an existing schema', () => {
  const names: LedgerSchemaName[] = [
    'metadata', 'account', 'account-request', 'transfer', 'transfer-request', 'fulfillment',
    'fulfillment-request', 'rejection-request', 'message', 'error', 'notification', 'subscribe-request',
  ];
  for (const name of names) assert.equal(typeof ledgerSchema(name), 'function', name);
  const openapi = resolve(LEDGER_SCHEMA_DIR, '..', '..', 'openapi', 'ledger.openapi.yaml');
  const refs = [...readFileSync(openapi, 'utf8').matchAll(/\$ref: '(\.\.\/schemas\/ledger\/[^'#]+)/g)].map((m) => m[1]!);
  assert.ok(refs.length > 10);
  for (const ref of refs) assert.ok(existsSync(resolve(dirname(openapi), ref)), `${ref} exists`);
});

test('the schemas hold the API to its word: conditions, transfer states and rejection fields', () => {
  const transfer = {
    id: '3a2a1d9e-8640-4d2d-b06c-84f2cd613204',
    debit_account: 'alice',
    credit_account: 'bob',
    amount: '10.25',
    execution_condition: 'cntTp6HmiLHdytws6B3a9HbnR6bHKSTVR0AkFqFUkl0',
    expires_at: '2030-01-01T00:00:01.000Z',
    state: 'prepared',
    timeline: { proposed_at: '2030-01-01T00:00:00.000Z', prepared_at: '2030-01-01T00:00:00.000Z' },
  };
  assert.equal(schemaProblems('transfer', transfer), undefined);
  assert.match(schemaProblems('transfer', { ...transfer, execution_condition: 'cntTp6HmiLHdytws6B3a9HbnR6bHKSTVR0AkFqFUkl1' }) ?? '', /execution_condition/, 'non-canonical last character');
  assert.match(schemaProblems('transfer', { ...transfer, rejection_reason: 'expired' }) ?? '', /rejection_reason/, 'a reason on a prepared transfer');
  assert.match(schemaProblems('transfer', { ...transfer, state: 'rejected' }) ?? '', /rejection_reason/, 'a rejected transfer without its reason');
  assert.match(schemaProblems('account', { name: 'a', owner: 'a', ilp_address: 'test1.l.a', balance: '1', held: '0', minimum_allowed_balance: '0', connector: false, token: 'x' }) ?? '', /token/, 'tokens are never returned');
});

test('answers that break the API are invalid-response, refusals are refused, unreachable is transport-failure', async (t) => {
  const cases: Array<[number, string, string, string]> = [
    [200, 'application/json', '{"currency_code":"USD"}', 'invalid-response'],
    [200, 'text/plain', 'hello', 'invalid-response'],
    [200, 'application/json', 'not json', 'invalid-response'],
    [404, 'application/json', '{"id":"NotFoundError","message":"no"}', 'refused'],
    [422, 'application/json', '{"error":"free-form"}', 'invalid-response'],
    [302, 'application/json', '{}', 'invalid-response'],
  ];
  for (const [status, type, body, kind] of cases) {
    const { url, server } = await serve(status, type, body);
    t.after(() => server.close());
    const reply = await new LedgerHttpClient({ baseUrl: url, timeoutMs: 2000 }).metadata();
    assert.equal(reply.kind, kind, `${status} ${type} ${body}`);
  }
  const { url, server } = await serve(200, 'application/json', '{}');
  await new Promise<void>((closed) => server.close(() => closed()));
  assert.equal((await new LedgerHttpClient({ baseUrl: url, timeoutMs: 2000 }).metadata()).kind, 'transport-failure');
});

test('a reply carrying a notification socket prints in words, without the socket or its token', () => {
  const stream = new NotificationStream('ws://127.0.0.1:1/websocket', { authorization: 'Bearer secret-token-0123456789' }, undefined);
  const text = describeLedgerReply({ kind: 'ok', status: 101, body: stream, elapsedMs: 1 });
  assert.match(text, /^HTTP 101 "notification socket ws:\/\/127\.0\.0\.1:1\/websocket, subscription confirmed, 0 notification\(s\) so far"$/);
  assert.doesNotMatch(text, /secret-token/);
});

test('amountLimit reads the native max_amount; one that is no amount at the scale is an invalid response naming it', async () => {
  let maxAmount = '184467440737095516.15';
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ currency_code: 'USD', scale: 2, ilp_prefix: 'test1.x.', connectors: [], max_amount: maxAmount })),
  );
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as { port: number };
    const client = new LedgerHttpClient({ baseUrl: `http://127.0.0.1:${port}` });
    const reply = await client.amountLimit();
    assert.equal(reply.kind === 'ok' && reply.body.firstBeyond, 2n ** 64n);
    maxAmount = '0.001';
    const bad = await client.amountLimit();
    assert.equal(bad.kind, 'invalid-response');
    assert.match(bad.kind === 'invalid-response' ? bad.problem : '', /max_amount "0.001" is no positive amount at its scale 2/);
  } finally {
    await new Promise((closed) => server.close(closed));
  }
});
