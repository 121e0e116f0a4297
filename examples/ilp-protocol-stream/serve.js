#!/usr/bin/env node
// ilp-protocol-stream 2.7.1's createServer as a STREAM receiver the suite can reach, on 127.0.0.1 (ephemeral port).
//
// What this glue adds, and nothing more (so a finding is the library's, not the glue's):
//   1. A plugin object for createServer: its sendData answers IL-DCP (address test.stream, XRP, scale 9)
//      the way a parent connector would; POST /ilp (bearer token) hands the body to the library's data
//      handler and answers 200 with the bytes it returns (ILP over HTTP, RFC 35 draft 2).
//   2. An SPSP endpoint (examples/spsp-glue.js) on GET /.well-known/pay: server.generateAddressAndSecret(), answered as RFC 9 says
//      (application/spsp4+json, Cache-Control max-age=60, Access-Control-Allow-Origin *, secret in base64).
//      ilp-protocol-stream has no SPSP server, so SPSP results here judge this glue, not the library.
//   3. Every stream accepts up to 1,000,000 units (the library's default receive maximum is 0) and its data is read.
// Prints one JSON line {spspUrl, ilpUrl, token} on stdout when ready; SIGTERM closes everything.
'use strict';
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { createServer } = require('ilp-protocol-stream');
const ILDCP = require('ilp-protocol-ildcp');
const { answerIlp, answerSpsp } = require('../spsp-glue');

const token = randomBytes(16).toString('hex');
let handler;
const plugin = {
  connected: false,
  async connect() { this.connected = true; },
  async disconnect() { this.connected = false; },
  isConnected() { return this.connected; },
  async sendData(data) {
    // The only outgoing packet a receiver-only server sends is the IL-DCP request (peer.config).
    if (ILDCP.deserializeIldcpRequest(data)) return ILDCP.serializeIldcpResponse({ clientAddress: 'test.stream', assetCode: 'XRP', assetScale: 9 });
    throw new Error('this glue sends no packets but IL-DCP');
  },
  async sendMoney() {},
  registerDataHandler(h) { handler = h; },
  deregisterDataHandler() { handler = undefined; },
  registerMoneyHandler() {},
  deregisterMoneyHandler() {},
};

async function main() {
  const stream = await createServer({ plugin });
  stream.on('connection', (connection) => {
    connection.on('stream', (s) => {
      s.setReceiveMax(1_000_000);
      s.on('data', () => {});
      s.on('error', () => {});
    });
    connection.on('error', () => {});
  });
  const server = http.createServer((req, res) => {
    const path = (req.url || '/').split('?')[0];
    if (path === '/ilp' && req.method === 'POST') return answerIlp(req, res, token, (body) => handler(body));
    answerSpsp(req, res, path, () => stream.generateAddressAndSecret());
  });
  server.listen(0, '127.0.0.1', () => {
    const base = `http://127.0.0.1:${server.address().port}`;
    process.stdout.write(`${JSON.stringify({ spspUrl: `${base}/.well-known/pay`, ilpUrl: `${base}/ilp`, token })}\n`);
  });
  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await stream.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`serve: ${e.stack || e}\n`);
  process.exit(3);
});
