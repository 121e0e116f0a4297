/**
 * A receiver for bench/receiver.ts in a process of its own, so the sender and the receiver do not share one
 * event loop (the bench runs ilp-protocol-stream the same way, examples/ilp-protocol-stream/serve.js).
 *
 *   node -r sucrase/register/ts bench/receiver-serve.ts [--echo]
 *
 * Default: the bundled reference receiver, no faults, on 127.0.0.1 (ephemeral port). `--echo`: no receiver
 * at all, POST /ilp answers every request with one fixed Fulfill, so the bench can measure what its sender
 * and plain node:http can carry without any STREAM work. Prints one JSON line {spspUrl, ilpUrl, token} when
 * ready; SIGTERM closes it.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeFulfill } from '../lib/codec';
import { startReferenceReceiver } from '../reference-impl/receiver';

async function echo(): Promise<{ line: object; close: () => Promise<void> }> {
  const token = randomBytes(16).toString('hex');
  const fulfill = Buffer.from(encodeFulfill({ fulfillment: new Uint8Array(32), data: new Uint8Array(0) }));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fulfill);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    line: { spspUrl: `${base}/.well-known/pay`, ilpUrl: `${base}/ilp`, token },
    close: () => new Promise<void>((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

async function reference(): Promise<{ line: object; close: () => Promise<void> }> {
  const r = await startReferenceReceiver();
  return { line: { spspUrl: r.spspUrl, ilpUrl: r.ilpUrl, token: r.ilpToken }, close: () => r.close() };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.some((a) => a !== '--echo')) throw new Error(`unknown option ${args.find((a) => a !== '--echo')} (only --echo)`);
  const running = args.includes('--echo') ? await echo() : await reference();
  process.stdout.write(`${JSON.stringify(running.line)}\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`bench/receiver-serve: ${error.message}\n`);
  process.exit(1);
});
