// The SPSP endpoint the receiver examples put in front of a STREAM library that has none (RFC 9 draft 14):
// GET /.well-known/pay answers `credentials()` ({ destinationAccount, sharedSecret }) as application/spsp4+json
// with Cache-Control max-age=60 and CORS headers, the secret in base64; OPTIONS gets the CORS headers; any other
// path is 404 InvalidReceiverError. Glue, so SPSP results of an example judge this file, not the library.
'use strict';

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'web-monetization-id' };

function answerSpsp(req, res, path, credentials) {
  if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
  if (path !== '/.well-known/pay') return void res.writeHead(404, { 'content-type': 'application/spsp4+json', ...CORS }).end(JSON.stringify({ id: 'InvalidReceiverError', message: 'Invalid receiver ID' }));
  const { destinationAccount, sharedSecret } = credentials();
  res.writeHead(200, { 'content-type': 'application/spsp4+json', 'cache-control': 'max-age=60', ...CORS })
    .end(JSON.stringify({ destination_account: destinationAccount, shared_secret: sharedSecret.toString('base64') }));
}

/** Reads a POST /ilp body and answers 200 with `answer(body)` (sync or async), 401 without the bearer token. */
function answerIlp(req, res, token, answer) {
  if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const reply = await answer(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(reply);
    } catch (e) {
      res.writeHead(500).end(String(e && e.message));
    }
  });
}

module.exports = { answerSpsp, answerIlp };
