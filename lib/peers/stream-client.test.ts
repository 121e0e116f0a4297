/**
 * The STREAM sender against receivers that misbehave: one that never answers a Prepare, one whose Fulfill
 * carries data it cannot decrypt, one that answers HTTP 500 or bytes that are no ILP packet. Each ends in an
 * outcome with a named reason within its bound; nothing throws.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodePacket, frame, PacketType } from '../codec';
import { Transcript } from '../evidence/transcript';
import { closeServer } from './http-wire';
import { StreamClient } from './stream-client';

let server: http.Server;
let base: string;

before(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      switch (req.url) {
        case '/hang': return; // never answers
        case '/garbled': return void res.writeHead(200).end(Buffer.from(encodePacket({ type: PacketType.Fulfill, fulfillment: Buffer.alloc(32), data: randomBytes(40) })));
        case '/500': return void res.writeHead(500).end('oops');
        default: return void res.writeHead(200).end('not ilp');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => closeServer(server));

const client = (path: string, waitMs = 1000) => new StreamClient({ ilpUrl: `${base}${path}`, ilpToken: 'token-for-test', destination: 'test.r.x', sharedSecret: Buffer.alloc(32, 1), transcript: new Transcript(), waitMs });
const pay = (c: StreamClient) => c.send({ amount: 1n, frames: [frame({ name: 'StreamMoney', streamId: 1n, shares: 1n })] });

describe('StreamClient against misbehaving receivers', () => {
  it('a receiver that never answers times out within the bound', async () => {
    const started = Date.now();
    const e = await pay(client('/hang', 300));
    assert.equal(e.outcome.kind, 'timed-out');
    assert.ok(Date.now() - started < 1500);
  });

  it('a reply whose data does not decrypt is kept, with the reason', async () => {
    const e = await pay(client('/garbled'));
    assert.equal(e.outcome.kind, 'fulfilled');
    assert.equal(e.reply, undefined);
    assert.match(e.replyProblem ?? '', /no STREAM packet under this connection's key: DecryptionFailed/);
  });

  it('HTTP 500 and a body that is no ILP packet are transport failures that say so', async () => {
    const e500 = await pay(client('/500'));
    assert.ok(e500.outcome.kind === 'transport-failure' && e500.outcome.httpStatus === 500);
    const junk = await pay(client('/junk'));
    assert.ok(junk.outcome.kind === 'transport-failure' && /no ILP Fulfill or Reject/.test(junk.outcome.reason));
  });
});
