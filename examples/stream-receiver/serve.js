#!/usr/bin/env node
// @interledger/stream-receiver 0.2.2's StreamServer as a STREAM receiver the suite can reach, on 127.0.0.1
// (ephemeral port).
//
// What this glue adds, and nothing more (so a finding is the library's, not the glue's):
//   1. POST /ilp (bearer token): deserialize the Prepare, call server.createReply(prepare); a reply is sent as
//      it is; incoming money is credited the way the library's README and Rafiki do it (keep a total per
//      connectionId, setTotalReceived(total + amount), accept()). ILP over HTTP, RFC 35 draft 2, synchronous.
//   2. An SPSP endpoint (examples/spsp-glue.js) on GET /.well-known/pay: server.generateCredentials({ asset: XRP, scale 9 }), answered as
//      RFC 9 says (application/spsp4+json, Cache-Control max-age=60, Access-Control-Allow-Origin *, base64
//      secret). The library has no SPSP server, so SPSP results here judge this glue, not the library.
// Prints one JSON line {spspUrl, ilpUrl, token} on stdout when ready; SIGTERM closes everything.
'use strict';
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { StreamServer } = require('@interledger/stream-receiver');
const IlpPacket = require('ilp-packet');
const { answerIlp, answerSpsp } = require('../spsp-glue');

const token = randomBytes(16).toString('hex');
const receiver = new StreamServer({ serverSecret: randomBytes(32), serverAddress: 'test.sr' });
const totals = new Map();

function answer(body) {
  const prepare = IlpPacket.deserializeIlpPrepare(body);
  const moneyOrReply = receiver.createReply(prepare);
  if (typeof moneyOrReply.accept !== 'function') return IlpPacket.serializeIlpReply(moneyOrReply);
  const total = (totals.get(moneyOrReply.connectionId) || 0n) + BigInt(prepare.amount);
  moneyOrReply.setTotalReceived(total.toString());
  totals.set(moneyOrReply.connectionId, total);
  return IlpPacket.serializeIlpReply(moneyOrReply.accept());
}

const server = http.createServer((req, res) => {
  const path = (req.url || '/').split('?')[0];
  if (path === '/ilp' && req.method === 'POST') return answerIlp(req, res, token, answer);
  answerSpsp(req, res, path, () => {
    const { ilpAddress, sharedSecret } = receiver.generateCredentials({ asset: { code: 'XRP', scale: 9 } });
    return { destinationAccount: ilpAddress, sharedSecret };
  });
});
server.listen(0, '127.0.0.1', () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${JSON.stringify({ spspUrl: `${base}/.well-known/pay`, ilpUrl: `${base}/ilp`, token })}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
