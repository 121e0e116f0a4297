import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import test from 'node:test';
import { FiveBellsClient, interpretFiveBells, readFiveBellsFrame } from './five-bells-client';

const JSON_TYPE = 'application/json; charset=utf-8';

test('an error identifier names the refusal class where the status does not', () => {
  const conflict = interpretFiveBells(400, JSON_TYPE, '{"id":"InvalidModificationError","message":"Transfer may not be modified in this way"}', 'transfer', 1);
  assert.deepEqual(conflict, { kind: 'refused', status: 400, error: { id: 'InvalidModificationError', message: 'Transfer may not be modified in this way' }, elapsedMs: 1, refusal: 'a conflict' });
  const plain = interpretFiveBells(400, JSON_TYPE, '{"id":"InvalidBodyError","message":"bad"}', 'transfer', 1);
  assert.equal(plain.kind === 'refused' && plain.refusal, undefined);
});

test("the authentication layer's plain-text 401 is a refusal as unauthenticated; any other plain text breaks the API", () => {
  const r = interpretFiveBells(401, 'text/plain; charset=utf-8', 'Unauthorized', 'transfer', 1);
  assert.equal(r.kind === 'refused' && r.refusal, 'unauthenticated');
  assert.equal(interpretFiveBells(403, 'text/plain', 'Forbidden', 'transfer', 1).kind, 'invalid-response');
});

test('a reply that breaks the Five Bells schema is an invalid response naming the schema and the field', () => {
  const r = interpretFiveBells(200, JSON_TYPE, '{"id":"http://l/transfers/t","ledger":"http://l","debits":[],"credits":[],"state":"prepared"}', 'transfer', 1);
  assert.equal(r.kind, 'invalid-response');
  assert.match(r.kind === 'invalid-response' ? r.problem : '', /five-bells\/transfer\.schema\.json: \/debits must NOT have fewer than 1 items/);
});

test('a fulfillment comes back as text; anything but base64url is refused', () => {
  assert.equal(interpretFiveBells(201, 'text/plain', 'oCKAIA', 'fulfillment-text', 1).kind, 'ok');
  assert.equal(interpretFiveBells(201, 'text/plain', '{"x":1}', 'fulfillment-text', 1).kind, 'invalid-response');
});

test('socket frames: the greeting, an answer, a notification and a frame that breaks the schema', () => {
  assert.deepEqual(readFiveBellsFrame({ jsonrpc: '2.0', id: null, method: 'connect' }), { kind: 'greeting' });
  assert.deepEqual(readFiveBellsFrame({ jsonrpc: '2.0', id: 3, result: 1 }), { kind: 'answer', id: 3, answer: { kind: 'result', result: 1 } });
  const transfer = { id: 'http://l/transfers/t', ledger: 'http://l', debits: [{ account: 'http://l/accounts/a', amount: '1' }], credits: [{ account: 'http://l/accounts/b', amount: '1' }], state: 'prepared' };
  const n = readFiveBellsFrame({ jsonrpc: '2.0', id: null, method: 'notify', params: { event: 'transfer.create', resource: transfer } });
  assert.equal(n.kind === 'notification' && n.notification.event, 'transfer.prepared');
  assert.equal(readFiveBellsFrame({ jsonrpc: '2.0', id: null, method: 'notify', params: { event: 'transfer.create' } }).kind, 'problem');
});

test("amountLimit reads Five Bells' precision and scale from GET / (at most that many significant digits)", async () => {
  const metadata = { currency_code: 'USD', ilp_prefix: 'test1.fivebells.', scale: 9, precision: 19, connectors: [], urls: {} };
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': JSON_TYPE }).end(JSON.stringify(metadata)));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { port } = server.address() as { port: number };
    const client = new FiveBellsClient({ baseUrl: `http://127.0.0.1:${port}`, adminToken: 'admin-password-0123' });
    const reply = await client.amountLimit();
    assert.equal(reply.kind, 'ok');
    const limit = reply.kind === 'ok' ? reply.body : undefined;
    assert.equal(limit?.firstBeyond, 10n ** 19n + 1n);
    assert.equal(limit?.beyond?.(2n ** 64n - 1n), true, '2^64 - 1 needs 20 significant digits');
    assert.equal(limit?.beyond?.(10n ** 19n - 1n), false);
    assert.match(limit?.statement ?? '', /^precision 19 at scale 9/);
  } finally {
    await new Promise((closed) => server.close(closed));
  }
});
