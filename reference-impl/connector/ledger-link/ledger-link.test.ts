import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { conditionOf, encodePrepare, randomFulfillment } from '../../../lib/codec';
import { LedgerHttpClient } from '../../../lib/targets/ledger-http';
import { startReferenceLedger, type RunningLedger } from '../../ledger';
import { buildLinkTopology } from './link-topology';
import { startLedgerConnector } from '.';

const closers: Array<() => Promise<void>> = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

interface Side {
  ledger: RunningLedger;
  client: LedgerHttpClient;
  admin: string;
  open(name: string, balance: string, connector?: boolean): Promise<string>;
}

async function side(prefix: string): Promise<Side> {
  const admin = randomBytes(18).toString('base64url');
  const ledger = await startReferenceLedger({ adminToken: admin, ilpPrefix: prefix });
  closers.push(() => ledger.close());
  const client = new LedgerHttpClient({ baseUrl: ledger.url });
  return {
    ledger,
    client,
    admin,
    async open(name, balance, connector = false) {
      const token = randomBytes(18).toString('base64url');
      const r = await client.createAccount(admin, name, { balance, token, ...(connector ? { connector: true } : {}) });
      assert.equal(r.kind, 'ok');
      return token;
    },
  };
}

async function settled(client: LedgerHttpClient, token: string, id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const t = await client.getTransfer(token, id);
    if (t.kind === 'ok' && t.body.state !== 'prepared') return t.body.state;
    await new Promise((r) => setTimeout(r, 30));
  }
  return 'prepared';
}

test('a payment crosses two ledgers and comes back executed with the same preimage', async () => {
  const a = await side('test1.ledger.');
  const b = await side('test2.ledger.');
  const aliceToken = await a.open('alice', '100');
  const connA = await a.open('conn', '50', true);
  const connB = await b.open('conn', '50', true);
  const bobToken = await b.open('bob', '0');
  const link = await startLedgerConnector({
    ledgers: [
      { url: a.ledger.url, account: 'conn', token: connA },
      { url: b.ledger.url, account: 'conn', token: connB },
    ],
    minMessageWindowMs: 300,
  });
  closers.push(() => link.close());
  assert.equal(link.address, 'test1.ledger.conn');

  const bobStream = await b.client.subscribe(bobToken, ['bob']);
  assert.equal(bobStream.kind, 'ok');
  if (bobStream.kind !== 'ok') return;
  closers.push(() => bobStream.body.close());
  const preimage = randomFulfillment();
  const expiresAt = new Date(Date.now() + 3000);
  const id = randomUUID();
  const prepared = await a.client.prepareTransfer(aliceToken, id, {
    debit_account: 'alice',
    credit_account: 'conn',
    amount: '10',
    execution_condition: Buffer.from(conditionOf(preimage)).toString('base64url'),
    expires_at: expiresAt.toISOString(),
    memo: Buffer.from(encodePrepare({ amount: 1000n, expiresAt, executionCondition: conditionOf(preimage), destination: 'test2.ledger.bob', data: new Uint8Array(0) })).toString('base64'),
  });
  assert.equal(prepared.kind, 'ok');
  const offered = await bobStream.body.waitFor((n) => n.event === 'transfer.prepared', 3000);
  assert.ok(offered && 'state' in offered.resource, 'bob is offered a transfer on ledger B');
  const outgoing = offered.resource as { id: string; amount: string; expires_at?: string };
  assert.equal(outgoing.amount, '10');
  assert.equal(Date.parse(outgoing.expires_at!), expiresAt.getTime() - 300);
  assert.equal((await b.client.fulfill(bobToken, outgoing.id, preimage)).kind, 'ok');
  assert.equal(await settled(a.client, a.admin, id), 'executed');
  const f = await a.client.getFulfillment(a.admin, id);
  assert.ok(f.kind === 'ok' && Buffer.from(f.body.fulfillment, 'base64url').equals(Buffer.from(preimage)));
});

test('ledgers joined by one connector need distinct prefixes (ADDR-L07)', () => {
  const ledger = (name: string, prefix: string) => ({ name, prefix, asset: { code: 'USD', scale: 2 } });
  assert.throws(
    () => buildLinkTopology({ address: 'test1.ledger.c', ledgers: [ledger('a', 'test1.ledger.'), ledger('b', 'test1.ledger.')], minMessageWindowMs: 400, maxHoldTimeMs: 1000 }),
    /share the prefix test1\.ledger\..*ADDR-L07/,
  );
  const t = buildLinkTopology({ address: 'test1.ledger.c', ledgers: [ledger('a', 'test1.ledger.'), ledger('b', 'test2.ledger.')], minMessageWindowMs: 400, maxHoldTimeMs: 1000 });
  assert.deepEqual(t.routes, [{ prefix: 'test1.ledger', peer: 'a' }, { prefix: 'test2.ledger', peer: 'b' }]);
});

test('different currencies without rates are refused, naming them', () => {
  assert.throws(
    () => buildLinkTopology({ address: 'test1.ledger.c', ledgers: [{ name: 'a', prefix: 'test1.l.', asset: { code: 'USD', scale: 2 } }, { name: 'b', prefix: 'test2.l.', asset: { code: 'EUR', scale: 2 } }], minMessageWindowMs: 400, maxHoldTimeMs: 1000 }),
    /different currencies \(USD, EUR\)/,
  );
});
