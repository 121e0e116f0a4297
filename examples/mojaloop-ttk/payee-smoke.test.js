// The Testing Toolkit as a payee DFSP, driven by hand: this test plays the switch on 127.0.0.1:7830 (plain node
// http) and the payer, sends one POST /quotes and one POST /transfers, and records what came back (callback
// headers and bodies, the decoded ILP packet and its Transaction) in reports/mojaloop-ttk/payee-smoke.json. Then it
// restarts the toolkit with its three transfer validation switches on and records what it refuses.
//   npm run interop:mojaloop-ttk:install && npm run interop:mojaloop-ttk:smoke
// The assertions state what the toolkit does today (FINDINGS.md), so a change in its behaviour turns this red.
'use strict';
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { createHash, createHmac, randomUUID } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { decodeIlpV1Payment, encodeIlpV1Payment } = require('../../lib/codec');
const { readIlpPacketField, transactionOf } = require('../../contracts/fspiop');
const { startTestingToolkit, missingInstall, DEFAULTS } = require('./launch');

const REPORT_DIR = join(__dirname, '..', '..', 'reports', 'mojaloop-ttk');
const PAYER = 'payerfsp';
const PAYEE = DEFAULTS.fspId;
const CALLBACK_LIMIT_MS = 10_000;
const evidence = { toolkit: 'ml-testing-toolkit 18.13.0', switch: DEFAULTS.callbackUrl, asShipped: {}, validationOn: { switches: {}, cases: [] } };
const skip = missingInstall();
mkdirSync(REPORT_DIR, { recursive: true });

/** The switch: takes every callback on 127.0.0.1:7830, answers 200, and lets a test wait (bounded) for the next one to a path. */
function openSwitch() {
  const seen = [];
  const waiters = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const callback = { method: req.method, path: req.url, headers: maskSignature(req.headers), body: parse(body) };
      res.writeHead(200).end();
      const waiter = waiters.findIndex((w) => w(callback));
      if (waiter === -1) seen.push(callback);
      else waiters.splice(waiter, 1);
    });
  });
  const next = (prefix) => new Promise((resolve, reject) => {
    const at = seen.findIndex((c) => c.path.startsWith(prefix));
    if (at !== -1) return resolve(seen.splice(at, 1)[0]);
    const waiter = (c) => (c.path.startsWith(prefix) ? (clearTimeout(timer), resolve(c), true) : false);
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(waiter), 1);
      reject(new Error(`no callback to ${prefix}* within ${CALLBACK_LIMIT_MS} ms`));
    }, CALLBACK_LIMIT_MS);
    waiters.push(waiter);
  });
  const port = Number(new URL(DEFAULTS.callbackUrl).port);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ next, seen, close: () => new Promise((r) => server.close(() => r())) }));
  });
}

const parse = (text) => { try { return JSON.parse(text); } catch { return text; } };
const maskSignature = (h) => ({ ...h, ...(h['fspiop-signature'] !== undefined ? { 'fspiop-signature': `<masked, ${h['fspiop-signature'].length} characters>` } : {}) });
const fspiopHeaders = (resource) => ({
  'Content-Type': `application/vnd.interoperability.${resource}+json;version=1.1`,
  Accept: `application/vnd.interoperability.${resource}+json;version=1.1`,
  Date: new Date().toUTCString(),
  'FSPIOP-Source': PAYER,
  'FSPIOP-Destination': PAYEE,
});

async function post(ttk, resource, body) {
  const response = await fetch(`${ttk.url}/${resource}`, { method: 'POST', headers: fspiopHeaders(resource), body: JSON.stringify(body), signal: AbortSignal.timeout(CALLBACK_LIMIT_MS) });
  return { status: response.status, body: parse(await response.text()) };
}

function quoteRequest(amountType = 'SEND') {
  return {
    quoteId: randomUUID(),
    transactionId: randomUUID(),
    payee: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '123456789', fspId: PAYEE } },
    payer: { partyIdInfo: { partyIdType: 'MSISDN', partyIdentifier: '987654321', fspId: PAYER } },
    amountType,
    amount: { amount: '12.34', currency: 'USD' },
    transactionType: { scenario: 'TRANSFER', initiator: 'PAYER', initiatorType: 'CONSUMER' },
  };
}

/** POST /quotes and its PUT /quotes/{ID} callback. */
async function quote(ttk, sw, amountType) {
  const request = quoteRequest(amountType);
  const accepted = await post(ttk, 'quotes', request);
  assert.equal(accepted.status, 202, `POST /quotes answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return { request, accepted, callback: await sw.next(`/quotes/${request.quoteId}`) };
}

/** POST /transfers paying `q` (changed by `change`) and its PUT /transfers/{ID}[/error] callback. */
async function transfer(ttk, sw, q, change = (t) => t) {
  const body = change({
    transferId: randomUUID(),
    payerFsp: PAYER,
    payeeFsp: PAYEE,
    amount: q.callback.body.transferAmount,
    ilpPacket: q.callback.body.ilpPacket,
    condition: q.callback.body.condition,
    expiration: new Date(Date.now() + 60_000).toISOString(),
  });
  const accepted = await post(ttk, 'transfers', body);
  assert.equal(accepted.status, 202, `POST /transfers answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  return { request: body, accepted, callback: await sw.next(`/transfers/${body.transferId}`) };
}

/** What the packet says, in the evidence's terms. */
function decoded(ilpPacket) {
  const view = readIlpPacketField(ilpPacket);
  const { transaction, form } = transactionOf(view.data);
  return { version: view.version, bytes: view.bytes.length, amount: String(view.amount), address: view.address, dataForm: form, transaction };
}

const sha256 = (b64url) => createHash('sha256').update(Buffer.from(b64url, 'base64url')).digest('base64url');
const flipFirst = (s) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
/** The quote's packet with another amount or address, the same Transaction in its data. */
function repacked(ilpPacket, change) {
  const p = decodeIlpV1Payment(Buffer.from(ilpPacket, 'base64url'));
  return Buffer.from(encodeIlpV1Payment({ amount: p.amount, account: p.account, data: p.data, ...change })).toString('base64url');
}

describe('the Testing Toolkit as shipped (validation switches off)', { skip }, () => {
  let ttk;
  let sw;
  let q;
  before(async () => {
    sw = await openSwitch();
    ttk = await startTestingToolkit({ logFile: join(REPORT_DIR, 'toolkit-as-shipped.log') });
  });
  after(async () => { await ttk?.stop(); await sw?.close(); });

  test('POST /quotes: 202, then PUT /quotes/{ID} at the switch with an ILPv1 packet for the quoted amount', async () => {
    q = await quote(ttk, sw);
    const { headers, body } = q.callback;
    const packet = decoded(body.ilpPacket);
    evidence.asShipped.quote = { request: q.request, status: q.accepted.status, callback: q.callback, decodedPacket: packet };
    assert.equal(headers['fspiop-source'], PAYEE);
    assert.equal(headers['fspiop-destination'], PAYER);
    assert.match(headers['content-type'], /^application\/vnd\.interoperability\.quotes\+json;version=1\.1$/);
    assert.equal(packet.version, 'ilpv1');
    assert.equal(packet.amount, '1234', '12.34 USD at scale 2');
    assert.equal(packet.address, `g.${PAYEE}.msisdn.123456789`);
    assert.equal(packet.dataForm, 'base64url-json', 'the Transaction is base64url text inside the data (sdk-standard-components)');
    assert.equal(packet.transaction.quoteId, q.request.quoteId);
    assert.equal(packet.transaction.transactionId, q.request.transactionId);
    assert.equal(packet.transaction.amount.amount, '12.34');
    assert.equal(packet.transaction.expiration, body.expiration, "the Transaction carries the quote's expiration; ILPv1 has none");
    assert.match(body.condition, /^[A-Za-z0-9_-]{43}$/);
  });

  test('POST /transfers with the quote\'s packet: PUT /transfers/{ID} COMMITTED, fulfilment hashes to the condition', async () => {
    assert.ok(q, 'needs the quote');
    const t = await transfer(ttk, sw, q);
    const { body } = t.callback;
    const secret = ttk.userConfig.ILP_SECRET;
    const specFulfilment = createHmac('sha256', secret).update(Buffer.from(t.request.ilpPacket, 'base64url')).digest('base64url');
    const sdkFulfilment = createHmac('sha256', Buffer.from(secret).toString('base64')).update(t.request.ilpPacket).digest('base64url');
    evidence.asShipped.transfer = { request: t.request, status: t.accepted.status, callback: t.callback, sha256OfFulfilment: sha256(body.fulfilment), condition: t.request.condition, fulfilmentAsSpec6523: specFulfilment, fulfilmentAsSdk: sdkFulfilment };
    assert.equal(t.callback.path, `/transfers/${t.request.transferId}`);
    assert.equal(t.callback.headers['fspiop-source'], PAYEE);
    assert.equal(body.transferState, 'COMMITTED');
    assert.equal(sha256(body.fulfilment), t.request.condition);
    assert.notEqual(body.fulfilment, specFulfilment, 'not HMAC-SHA256(secret, packet bytes) as FSPIOP 6.5.2.3 says');
    assert.equal(body.fulfilment, sdkFulfilment, 'HMAC over the base64url text under the base64 text of the secret');
  });

  test('a transfer with a wrong condition is fulfilled anyway, with a fulfilment that does not hash to it', async () => {
    assert.ok(q, 'needs the quote');
    const t = await transfer(ttk, sw, q, (b) => ({ ...b, condition: flipFirst(b.condition) }));
    evidence.asShipped.wrongCondition = { request: t.request, callback: t.callback, sha256OfFulfilment: sha256(t.callback.body.fulfilment) };
    assert.equal(t.callback.body.transferState, 'COMMITTED');
    assert.notEqual(sha256(t.callback.body.fulfilment), t.request.condition);
  });

  test('a RECEIVE quote: transferAmount adds the payee FSP commission (12.34 + 0.2 fee + 0.3 commission = 12.84), the packet says 1284', async () => {
    const r = await quote(ttk, sw, 'RECEIVE');
    const { body } = r.callback;
    const packet = decoded(body.ilpPacket);
    evidence.asShipped.receiveQuote = { request: r.request, callbackBody: body, decodedPacket: packet };
    assert.deepEqual([body.payeeReceiveAmount.amount, body.payeeFspFee.amount, body.payeeFspCommission.amount, body.transferAmount.amount], ['12.34', '0.2', '0.3', '12.84']);
    assert.equal(packet.amount, '1284', 'the packet follows transferAmount');
  });
});

describe('the Testing Toolkit with its ILP validation switched on', { skip }, () => {
  const validation = { previousQuotes: true, ilpPacket: true, condition: true };
  let ttk;
  let sw;
  before(async () => {
    sw = await openSwitch();
    ttk = await startTestingToolkit({ validation, logFile: join(REPORT_DIR, 'toolkit-validation-on.log') });
    evidence.validationOn.switches = {
      TRANSFERS_VALIDATION_WITH_PREVIOUS_QUOTES: ttk.userConfig.TRANSFERS_VALIDATION_WITH_PREVIOUS_QUOTES,
      TRANSFERS_VALIDATION_ILP_PACKET: ttk.userConfig.TRANSFERS_VALIDATION_ILP_PACKET,
      TRANSFERS_VALIDATION_CONDITION: ttk.userConfig.TRANSFERS_VALIDATION_CONDITION,
    };
  });
  after(async () => { await ttk?.stop(); await sw?.close(); });

  // [name, how the transfer departs from the quote, the callback's outcome ('COMMITTED' or its error code), and
  //  for COMMITTED whether SHA-256 of the fulfilment it sends is the quote's condition]
  const ilpAmount = (b) => decodeIlpV1Payment(Buffer.from(b.ilpPacket, 'base64url')).amount;
  const cases = [
    ['the quote\'s packet and condition, unchanged', (b) => b, 'COMMITTED', true],
    ['a wrong condition (first character changed)', (b) => ({ ...b, condition: flipFirst(b.condition) }), '3106'],
    ['a wrong amount in the body (99 instead of 12.34)', (b) => ({ ...b, amount: { ...b.amount, amount: '99' } }), '3106'],
    ['a packet whose ILP amount is ten times the quote\'s, same Transaction data', (b) => ({ ...b, ilpPacket: repacked(b.ilpPacket, { amount: ilpAmount(b) * 10n }) }), 'COMMITTED', false],
    ['a packet addressed to another FSP, same Transaction data', (b) => ({ ...b, ilpPacket: repacked(b.ilpPacket, { account: 'g.otherfsp.msisdn.123456789' }) }), 'COMMITTED', false],
    ['an expiration already past', (b) => ({ ...b, expiration: new Date(Date.now() - 60_000).toISOString() }), 'COMMITTED', true],
  ];
  for (const [name, change, expected, fulfilsCondition] of cases) {
    const says = expected === 'COMMITTED' ? `COMMITTED, with a fulfilment that ${fulfilsCondition ? 'hashes' : 'does not hash'} to the condition` : `refused with ${expected}`;
    test(`${name}: ${says}`, async () => {
      const q = await quote(ttk, sw);
      const t = await transfer(ttk, sw, q, change);
      const outcome = t.callback.body.errorInformation?.errorCode ?? t.callback.body.transferState;
      const hashes = t.callback.body.fulfilment === undefined ? undefined : sha256(t.callback.body.fulfilment) === t.request.condition;
      evidence.validationOn.cases.push({ name, path: t.callback.path, outcome, fulfilmentHashesToCondition: hashes, callbackBody: t.callback.body, request: t.request, decodedPacket: decoded(t.request.ilpPacket) });
      assert.equal(outcome, expected, `${t.callback.path}: ${JSON.stringify(t.callback.body)}`);
      if (expected === 'COMMITTED') assert.equal(hashes, fulfilsCondition);
    });
  }

  test('the amount written 12.340 is refused at once: 400 with 3100 (the FSPIOP Amount pattern), no callback', async () => {
    const q = await quote(ttk, sw);
    const request = { transferId: randomUUID(), payerFsp: PAYER, payeeFsp: PAYEE, amount: { ...q.callback.body.transferAmount, amount: '12.340' }, ilpPacket: q.callback.body.ilpPacket, condition: q.callback.body.condition, expiration: new Date(Date.now() + 60_000).toISOString() };
    const answer = await post(ttk, 'transfers', request);
    evidence.validationOn.cases.push({ name: 'amount 12.340', status: answer.status, body: answer.body });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.errorInformation?.errorCode, '3100');
  });

  test('POST /transfers sent again (same transferId, same body) is refused with 3208, not answered as the first', async () => {
    const q = await quote(ttk, sw);
    const first = await transfer(ttk, sw, q);
    const again = await transfer(ttk, sw, q, () => first.request);
    evidence.validationOn.cases.push({ name: 'the same POST /transfers sent again', first: first.callback.body, second: again.callback.body, path: again.callback.path });
    assert.equal(first.callback.body.transferState, 'COMMITTED');
    assert.equal(again.callback.body.errorInformation?.errorCode, '3208');
  });

  test('a transfer for a quote the toolkit never gave is refused with 3208', async () => {
    const q = await quote(ttk, sw);
    const foreign = { ...q, callback: { ...q.callback, body: { ...q.callback.body, ilpPacket: repacked(q.callback.body.ilpPacket, { data: Buffer.from(Buffer.from(JSON.stringify({ ...decoded(q.callback.body.ilpPacket).transaction, transactionId: randomUUID() })).toString('base64url')) }) } } };
    const t = await transfer(ttk, sw, foreign);
    evidence.validationOn.cases.push({ name: 'no matching quote', path: t.callback.path, callbackBody: t.callback.body });
    assert.equal(t.callback.body.errorInformation?.errorCode, '3208');
  });
});

after(() => {
  if (skip) return;
  writeFileSync(join(REPORT_DIR, 'payee-smoke.json'), `${JSON.stringify(evidence, null, 2)}\n`);
});
