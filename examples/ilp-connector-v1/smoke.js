#!/usr/bin/env node
// Drives ilp-connector 21.1.10 between two five-bells-ledger 21.2.5 ledgers (launch.js) and records the wire:
//   a   alice pays bob; bob fulfills; alice's transfer on A must execute
//   b   bob rejects with his own error (code F06, triggered_by bob); what does the connector put on A?
//   b2  the same with a forwarded_by already in bob's error: kept, replaced, appended?
//   c0  the packet asks for 9.989 of alice's 10 (her 10 buy 9.98 at the 0.2 % spread; 9.989 is within the
//       0.1 % slippage the connector allows itself): forwarded? (bob then rejects it)
//   c1  9.99: just beyond that
//   c   the packet asks for as much as alice sends; refused? how?
//   c2  the packet asks for twice what alice sends
// The ILPv1 Payment is written by the suite's own codec (lib/codec/ilpv1.ts); the connector reads it with
// ilp-packet 1.3.0. Prints one line per payment, writes every HTTP exchange and WebSocket frame to
// <log-dir>/evidence.json, exits 1 when (a) does not execute or a payment is left without a final state on A.
// It records; it does not judge the codes (that is the suite's job).
//   node examples/ilp-connector-v1/smoke.js [--port-a 7885] [--port-b 7886] [--log-dir DIR]
'use strict';
require('sucrase/register/ts');
const { parseArgs } = require('node:util');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { startTopology, basic } = require('./launch');
const { encodeIlpV1Payment } = require('../../lib/codec/ilpv1');
const { conditionUri, encodeFulfillment } = require('../../lib/targets/five-bells-conditions');
const WebSocket = require(require.resolve('ws', { paths: [join(__dirname, '..', '..')] }));

const WAIT_MS = 8_000;
const HOLD_MS = 10_000; // the connector's default CONNECTOR_MAX_HOLD_TIME is 10 s, its message window 1 s
const SOURCE_AMOUNT = '10'; // ledger notation, scale 9: 10 000 000 000 units

const exchanges = [];

/** fetch, recording method, URL, request and response bodies. */
async function call(method, url, { auth, body, text } = {}) {
  const headers = { authorization: basic(...auth) };
  let payload;
  if (text !== undefined) {
    headers['content-type'] = 'text/plain';
    payload = text;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(WAIT_MS) });
  const raw = await response.text();
  let parsed = raw;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // text answer
  }
  exchanges.push({ at: new Date().toISOString(), as: auth[0], method, url, request: body ?? text, status: response.status, response: parsed });
  return { status: response.status, body: parsed };
}

/** A notification socket for one account; keeps every notification, answers waits for a matching one. */
async function subscribe(ledgerUrl, user, pass) {
  const socket = new WebSocket(`${ledgerUrl.replace(/^http/, 'ws')}/websocket`, { headers: { authorization: basic(user, pass) } });
  const seen = [];
  const waiters = new Set();
  let greeted;
  const greeting = new Promise((resolve) => { greeted = resolve; });
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data));
    exchanges.push({ at: new Date().toISOString(), as: user, websocket: ledgerUrl, frame });
    if (frame.method === 'connect') greeted();
    if (frame.method !== 'notify') return;
    seen.push(frame.params);
    for (const w of waiters) if (w.match(frame.params)) w.resolve(frame.params);
  });
  await bounded(greeting, `${user}'s socket greeting`);
  socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'subscribe_account', params: { eventType: '*', accounts: [`${ledgerUrl}/accounts/${user}`] } }));
  // Only notifications from index `since` on count, so an earlier payment's cannot answer a later wait.
  const waitFor = (match, what, ms = WAIT_MS, since = 0) => {
    const earlier = seen.slice(since).find(match);
    if (earlier) return Promise.resolve(earlier);
    let waiter;
    const found = new Promise((resolve) => { waiter = { match, resolve }; waiters.add(waiter); });
    return bounded(found, what, ms).finally(() => waiters.delete(waiter));
  };
  return { waitFor, seen, close: () => socket.terminate() };
}

function bounded(promise, what, ms = WAIT_MS) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const creditTo = (account) => (n) => n.event?.startsWith('transfer.') && n.resource.credits?.some((c) => c.account === account);

/** One payment from alice to bob; `outcome(destTransfer)` is what bob does with what reached him. */
async function pay(topology, sockets, label, destinationUnits, outcome) {
  const [a, b] = topology.ledgers;
  const { alice, bob, connector } = topology.accounts;
  const preimage = randomBytes(32);
  const condition = conditionUri(createHash('sha256').update(preimage).digest('base64url'));
  const ilp = Buffer.from(encodeIlpV1Payment({ amount: BigInt(destinationUnits), account: bob.address, data: new Uint8Array() })).toString('base64');
  const id = randomUUID();
  const since = { alice: sockets.alice.seen.length, bob: sockets.bob.seen.length };
  const sourceUrl = `${a.url}/transfers/${id}`;
  const prepared = await call('PUT', sourceUrl, {
    auth: [alice.name, alice.password],
    body: {
      id: sourceUrl,
      ledger: a.url,
      debits: [{ account: `${a.url}/accounts/${alice.name}`, amount: SOURCE_AMOUNT, authorized: true }],
      credits: [{ account: `${a.url}/accounts/${connector.name}`, amount: SOURCE_AMOUNT, memo: { ilp } }],
      execution_condition: condition,
      expires_at: new Date(Date.now() + HOLD_MS).toISOString(),
    },
  });
  const result = { label, destinationUnits, sourceId: id, ilp, prepareStatus: prepared.status };
  const toBob = creditTo(`${b.url}/accounts/${bob.name}`);
  const finalOnA = (n) => n.event === 'transfer.update' && n.resource.id === sourceUrl && ['executed', 'rejected'].includes(n.resource.state);
  const settling = sockets.alice.waitFor(finalOnA, `final state of ${label} on A`, 2 * WAIT_MS, since.alice).catch((e) => e);
  // Whichever comes first: the connector's transfer to bob, or alice's transfer ending (refused at the connector).
  const dest = await Promise.race([
    sockets.bob.waitFor((n) => toBob(n) && n.resource.state === 'prepared', `transfer to bob (${label})`, WAIT_MS, since.bob).catch((e) => e),
    settling.then(() => new Error(`no transfer to bob (${label}): the transfer on A ended first`)),
  ]);
  result.destination = dest instanceof Error ? { none: dest.message } : { id: dest.resource.id, amount: dest.resource.credits[0].amount, memo: dest.resource.credits[0].memo, expires_at: dest.resource.expires_at };
  if (!(dest instanceof Error)) await outcome(dest.resource, preimage);
  const settled = await settling;
  const final = await call('GET', sourceUrl, { auth: [alice.name, alice.password] });
  result.sourceState = final.body.state;
  result.sourceRejectionReason = final.body.rejection_reason;
  result.sourceRejectionMessage = final.body.credits?.[0]?.rejection_message;
  if (settled instanceof Error) result.notification = settled.message;
  return result;
}

function fulfill(topology) {
  const { bob } = topology.accounts;
  return async (dest, preimage) => {
    await call('PUT', `${dest.id}/fulfillment`, { auth: [bob.name, bob.password], text: encodeFulfillment(preimage) });
  };
}

function reject(topology, extra = {}) {
  const { bob } = topology.accounts;
  return async (dest) => {
    await call('PUT', `${dest.id}/rejection`, {
      auth: [bob.name, bob.password],
      body: {
        code: 'F06',
        name: 'Unexpected Payment',
        message: 'bob does not expect this payment',
        triggered_by: bob.address,
        triggered_at: new Date().toISOString(),
        additional_info: { from: 'smoke.js' },
        ...extra,
      },
    });
  };
}

async function balances(topology) {
  const [a, b] = topology.ledgers;
  const { alice, bob, connector } = topology.accounts;
  const read = async (ledger, name, pass) => (await call('GET', `${ledger.url}/accounts/${name}`, { auth: [name, pass] })).body.balance;
  return {
    'A alice': await read(a, alice.name, alice.password),
    'A connie': await read(a, connector.name, connector.password),
    'B connie': await read(b, connector.name, connector.password),
    'B bob': await read(b, bob.name, bob.password),
  };
}

async function main() {
  const { values } = parseArgs({
    options: { 'port-a': { type: 'string', default: '7885' }, 'port-b': { type: 'string', default: '7886' }, 'log-dir': { type: 'string' } },
  });
  const logDir = values['log-dir'] ?? mkdtempSync(join(tmpdir(), 'ilp-connector-v1-smoke-'));
  const { description: topology, stop } = await startTopology({ ports: [Number(values['port-a']), Number(values['port-b'])], logDir });
  const sockets = {};
  const results = [];
  try {
    const [a, b] = topology.ledgers;
    sockets.alice = await subscribe(a.url, topology.accounts.alice.name, topology.accounts.alice.password);
    sockets.bob = await subscribe(b.url, topology.accounts.bob.name, topology.accounts.bob.password);
    results.push(await pay(topology, sockets, 'a fulfill', '9000000000', fulfill(topology)));
    results.push(await pay(topology, sockets, 'b reject', '9000000000', reject(topology)));
    results.push(await pay(topology, sockets, 'b2 reject with forwarded_by', '9000000000', reject(topology, { forwarded_by: 'test.b.carol' })));
    results.push(await pay(topology, sockets, 'c0 destination = 0.9989 x source', '9989000000', reject(topology)));
    results.push(await pay(topology, sockets, 'c1 destination = 0.999 x source', '9990000000', reject(topology)));
    results.push(await pay(topology, sockets, 'c destination = source', '10000000000', reject(topology)));
    results.push(await pay(topology, sockets, 'c2 destination = 2 x source', '20000000000', reject(topology)));
    const after = await balances(topology);
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stdout.write(`${JSON.stringify({ balances: after })}\n`);
    writeFileSync(join(logDir, 'evidence.json'), `${JSON.stringify({ topology, results, balances: after, exchanges }, null, 2)}\n`);
    process.stdout.write(`evidence: ${join(logDir, 'evidence.json')}; logs: ${logDir}\n`);
    if (results[0].sourceState !== 'executed' || results.some((r) => r.notification !== undefined)) process.exitCode = 1;
  } finally {
    for (const s of Object.values(sockets)) s.close();
    await stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
