import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { conditionOf, encodePrepare } from '../codec';
import { buildQuoteCallback, FSPIOP_DIALECT, fspiopHeaders, ISO20022_DIALECT } from '../../contracts/fspiop';
import { sendFspiop } from './fspiop-client';
import type { FspiopMessage } from './fspiop-message';
import { messageChecks, payerChecks, quoteCallbackChecks, transferCallbackChecks, undecoded, type ObservedPayment } from './observed-payment';
import { SwitchListener } from './switch-listener';

async function server(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }) };
}

const send = (baseUrl: string, timeoutMs = 500) =>
  sendFspiop({ baseUrl, resource: 'quotes.post', path: '/quotes', body: { quoteId: 'q' }, source: 'a', destination: 'b', dialect: FSPIOP_DIALECT, timeoutMs });

test('the switch records a callback, answers 200, and a wait for one that never comes ends in a named reason within its bound', async () => {
  const sw = await SwitchListener.start(0);
  try {
    const res = await fetch(`${sw.url}/quotes/abc`, { method: 'PUT', headers: fspiopHeaders({ noun: 'quotes', source: 'p', destination: 'h', request: false }), body: '{"a":1}' });
    assert.equal(res.status, 200);
    const got = await sw.waitFor((m) => m.id === 'abc', 100, 'PUT /quotes/abc');
    assert.ok(got.ok && got.message.resource === 'quotes.put' && got.message.headers['fspiop-source'] === 'p');
    const started = Date.now();
    const none = await sw.waitFor((m) => m.id === 'nothing', 150, 'PUT /quotes/nothing callback');
    assert.deepEqual(none, { ok: false, reason: 'no PUT /quotes/nothing callback reached the switch within 150 ms' });
    assert.ok(Date.now() - started < 1000);
  } finally {
    await sw.close();
  }
});

test('an unreachable participant, a non-2xx answer and one that never answers each come back as a named reason', async () => {
  const gone = await server(() => undefined);
  await gone.close();
  const refused = await send(gone.url);
  assert.ok(!refused.ok && /cannot be reached \(ECONNREFUSED\)/.test(refused.reason), refused.ok ? '' : refused.reason);
  const bad = await server((_q, r) => void r.writeHead(500).end('boom'));
  const hang = await server(() => undefined);
  try {
    const five = await send(bad.url);
    assert.ok(!five.ok && five.status === 500 && /answered HTTP 500 \(boom\), not 202/.test(five.reason));
    const started = Date.now();
    const slow = await send(hang.url, 200);
    assert.ok(!slow.ok && /no HTTP answer within 200 ms/.test(slow.reason));
    assert.ok(Date.now() - started < 1500);
  } finally {
    await bad.close();
    await hang.close();
  }
});

// ----------------------------------------------------------------------------- judging what was observed

const msg = (method: string, path: string, body: unknown, resource: FspiopMessage['resource'], id: string, at = Date.now(), source = 'payee'): FspiopMessage => ({
  method, path, body, rawBody: JSON.stringify(body), resource, id, at, origin: 'switch',
  headers: fspiopHeaders({ noun: path.startsWith('/quotes') ? 'quotes' : 'transfers', source, destination: 'payer', request: method === 'POST' }),
});

function payment(change: { quote?: (q: Record<string, unknown>) => unknown; callbacks?: (t: FspiopMessage[]) => FspiopMessage[]; transferAt?: number } = {}): ObservedPayment {
  const request = { quoteId: '11111111-1111-4111-8111-111111111111', transactionId: '22222222-2222-4222-8222-222222222222', payee: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '123', fspId: 'payee' } }, payer: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '456' } }, amountType: 'RECEIVE', amount: { amount: '99', currency: 'USD' }, transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' } };
  const { quoteId, transactionId, payee, payer, amount, transactionType } = request;
  const built = buildQuoteCallback({ secret: new Uint8Array(32), transferAmount: amount, scale: 2, payee: { ...payee.partyIdInfo }, transaction: { transactionId, quoteId, payee, payer, amount, transactionType }, version: 'ilpv1' });
  const quote = { transferAmount: amount, expiration: new Date(Date.now() + 60_000).toISOString(), ilpPacket: built.ilpPacket, condition: built.condition };
  const transfer = { transferId: '33333333-3333-4333-8333-333333333333', payeeFsp: 'payee', payerFsp: 'payer', amount, ilpPacket: built.ilpPacket, condition: built.condition, expiration: new Date(Date.now() + 1000).toISOString() };
  const fulfilled = msg('PUT', `/transfers/${transfer.transferId}`, { fulfilment: built.fulfilment, completedTimestamp: new Date().toISOString(), transferState: 'COMMITTED' }, 'transfers.put', transfer.transferId, change.transferAt);
  return {
    audited: 'payee', payerFsp: 'payer', payeeFsp: 'payee', scale: 2, version: 'ilpv1',
    quoteRequest: msg('POST', '/quotes', request, 'quotes.post', quoteId, Date.now(), 'payer'),
    quoteCallbacks: [msg('PUT', `/quotes/${quoteId}`, change.quote ? change.quote(quote) : quote, 'quotes.put', quoteId)],
    transferRequests: [msg('POST', '/transfers', transfer, 'transfers.post', transfer.transferId, Date.now(), 'payer')],
    transferCallbacks: change.callbacks ? change.callbacks([fulfilled]) : [fulfilled],
  };
}

const failed = (checks: { requirement: string; passed: boolean; actual: string }[]) => checks.filter((c) => !c.passed).map((c) => `${c.requirement}: ${c.actual}`);

test('a payment built by the rules passes every check; bad input fails its own requirement with a named reason', () => {
  assert.deepEqual(failed([...quoteCallbackChecks(payment()), ...transferCallbackChecks(payment())]), []);
  // an ilpPacket that is not base64url
  assert.ok(failed(quoteCallbackChecks(payment({ quote: (q) => ({ ...q, ilpPacket: `${String(q.ilpPacket).slice(0, 10)}+/${String(q.ilpPacket).slice(10)}` }) }))).some((f) => /^ML-001: character "\+" at index 10 is not base64url/.test(f)));
  // a body that fails the schema
  assert.ok(failed(quoteCallbackChecks(payment({ quote: (q) => ({ ...q, transferAmount: { amount: 99, currency: 'USD' } }) }))).some((f) => /^ML-020: \/transferAmount\/amount must be string/.test(f)));
  // a fulfilment that comes after the transfer expired
  assert.ok(failed(transferCallbackChecks(payment({ transferAt: Date.now() + 5000 }))).some((f) => /^ML-015: it arrived at/.test(f)));
  // a callback sent twice
  assert.ok(failed(transferCallbackChecks(payment({ callbacks: (c) => [c[0]!, c[0]!] }))).some((f) => /^ML-019: 2 callbacks/.test(f)));
  // the Payer FSP's view: the quote's packet repeated passes
  const asPayer = { ...payment(), audited: 'payer' as const, quoteCallbacks: payment().quoteCallbacks };
  assert.deepEqual(failed(payerChecks(asPayer)).filter((f) => !f.startsWith('ML-018')), []);
});

test('ISO 20022 mode: the switch decodes what it takes, a v1.1 body is recorded with a named reason, and ML-020/ML-018 say so', async () => {
  const sw = await SwitchListener.start(0, ISO20022_DIALECT);
  try {
    const fulfilment = new Uint8Array(32).fill(7);
    const prepare = Buffer.from(encodePrepare({ amount: 9900n, expiresAt: new Date(Date.now() + 60_000), executionCondition: conditionOf(fulfilment), destination: 'g.payee.msisdn.123', data: Buffer.from('{}') })).toString('base64url');
    const v11 = { transferAmount: { amount: '99', currency: 'USD' }, expiration: new Date(Date.now() + 60_000).toISOString(), ilpPacket: prepare, condition: Buffer.from(conditionOf(fulfilment)).toString('base64url') };
    const id = ISO20022_DIALECT.newId();
    const iso = ISO20022_DIALECT.encode('quotes.put', v11, { id, source: 'payee', destination: 'payer' });
    const headers = fspiopHeaders({ noun: 'quotes', source: 'payee', destination: 'payer', request: false, contentType: ISO20022_DIALECT.contentType('quotes.put') });
    await fetch(`${sw.url}/quotes/${id}`, { method: 'PUT', headers, body: JSON.stringify(iso) });
    await fetch(`${sw.url}/quotes/${id}x`, { method: 'PUT', headers: { ...headers, 'content-type': FSPIOP_DIALECT.contentType('quotes.put') }, body: JSON.stringify(v11) });
    const good = await sw.waitFor((m) => m.id === id, 500, 'the ISO callback');
    const bad = await sw.waitFor((m) => m.id === `${id}x`, 500, 'the v1.1 callback');
    assert.ok(good.ok && bad.ok);
    assert.deepEqual(good.message.body, v11, 'decoded: the v1.1 view, condition from the Prepare');
    assert.deepEqual(good.message.wire, iso);
    assert.deepEqual(messageChecks(good.message, 'quotes.put', 'payee', 'payer', 'iso20022').filter((c) => !c.passed), []);
    assert.equal(bad.message.body, undefined);
    assert.match(bad.message.decodeProblem ?? '', /an FSPIOP v1\.1 body \(ilpPacket, condition, transferAmount\) where the ISO 20022 mode was expected/);
    assert.deepEqual(failed(messageChecks(bad.message, 'quotes.put', 'payee', 'payer', 'iso20022')).map((f) => f.slice(0, 40)), [
      'ML-020: quotes.put: an FSPIOP v1.1 body ', 'ML-018: Content-Type application/vnd.int',
    ]);
    const observed = { ...payment(), api: 'iso20022' as const, quoteCallbacks: [bad.message] };
    assert.equal(undecoded(observed), bad.message);
    // What the ISO mode cannot carry (a condition that is not the Prepare's) is refused before anything is sent.
    const unwritable = await sendFspiop({ baseUrl: sw.url, resource: 'transfers.post', path: '/transfers', body: { transferId: id, payeeFsp: 'payee', payerFsp: 'payer', amount: v11.transferAmount, ilpPacket: prepare, condition: 'A'.repeat(43), expiration: v11.expiration }, source: 'payer', destination: 'payee', dialect: ISO20022_DIALECT, timeoutMs: 500 });
    assert.ok(!unwritable.ok && unwritable.unwritable && /cannot write this message in the iso20022 body format: .*condition-mismatch/.test(unwritable.reason));
    assert.equal(sw.messages.length, 2);
  } finally {
    await sw.close();
  }
});
