#!/usr/bin/env node
// A codec adapter for ilp-routing (npm) speaking the ilp-conformance codec adapter protocol v1
// (lib/targets/codec-adapter-protocol.md), for the capability `liquidity-curves` only: JSON lines in on
// stdin, out on stdout. The glue translates between the protocol's JSON and ilp-routing's own API
// (LiquidityCurve#amountAt, #amountReverse, RoutingTable#getAppliesToPrefix), so every result is
// ilp-routing's. Two translations: amountReverse's Infinity ("no input reaches it") is the protocol's null;
// getAppliesToPrefix runs in a worker thread bounded to 2 s, because for some tables it never returns
// (FINDINGS.md R2), and a synchronous endless loop here would stall the whole run instead of one answer.
// ilp-routing has no packet codec: the protocol's hello must name the three ILPv4 packets, so decode and
// encode are refused, and interop.js runs only the liquidity-curve requirements (QUOTE-002, QUOTE-003).
'use strict';
const { createInterface } = require('node:readline');
const { Worker } = require('node:worker_threads');
const { LiquidityCurve } = require('ilp-routing');
const { version } = require('ilp-routing/package.json');

const APPLIES_TO_PREFIX_BOUND_MS = 2000;
const ROUTING_TABLE = require.resolve('ilp-routing/src/lib/routing-table');

const points = (text) => text.split(' ').map((pair) => pair.split(':'));
const amount = (big) => (big.toString() === 'Infinity' ? null : big.toFixed(0));

const WORKER = `
const { parentPort, workerData: { module, routes, routePrefix, destination } } = require('node:worker_threads');
const RoutingTable = require(module);
const table = new RoutingTable();
for (const prefix of routes) table.addRoute(prefix, 'next-hop', {});
parentPort.postMessage(table.getAppliesToPrefix(routePrefix, destination));`;

function appliesToPrefix(args) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { module: ROUTING_TABLE, ...args } });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`getAppliesToPrefix did not return within ${APPLIES_TO_PREFIX_BOUND_MS} ms (stopped)`));
    }, APPLIES_TO_PREFIX_BOUND_MS);
    worker.once('message', (appliesToPrefix) => { clearTimeout(timer); worker.terminate(); resolve({ appliesToPrefix }); });
    worker.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
}

const ANSWERS = {
  'curve-amount-at': ({ curve, x }) => ({ amount: amount(new LiquidityCurve(points(curve)).amountAt(x)) }),
  'curve-amount-reverse': ({ curve, y }) => ({ amount: amount(new LiquidityCurve(points(curve)).amountReverse(y)) }),
  'applies-to-prefix': ({ routes, routePrefix, destination }) => appliesToPrefix({ routes, routePrefix, destination }),
};

async function answer(request) {
  const run = ANSWERS[request.cmd];
  if (!run) return { ok: false, refusal: { kind: 'other', message: `ilp-routing has no ${request.cmd} (this adapter declares liquidity-curves only)` } };
  try {
    return { ok: true, result: await run(request) };
  } catch (error) {
    return { ok: false, refusal: { kind: 'other', message: `ilp-routing: ${error && error.message ? error.message : String(error)}` } };
  }
}

const hello = {
  version: 1,
  implementation: { name: 'ilp-routing', language: 'javascript', version, homepage: 'https://github.com/interledgerjs/ilp-routing' },
  supports: { packets: ['prepare', 'fulfill', 'reject'], capabilities: ['liquidity-curves'] },
};

createInterface({ input: process.stdin, crlfDelay: Infinity }).on('line', async (line) => {
  if (!line.trim()) return;
  const { id, ...request } = JSON.parse(line);
  const reply = request.cmd === 'start' ? hello : { id, ...(await answer(request)) };
  process.stdout.write(`${JSON.stringify(reply)}\n`);
});
