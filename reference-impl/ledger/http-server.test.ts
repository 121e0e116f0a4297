import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { LedgerHttpClient } from '../../lib/targets/ledger-http';
import { startReferenceLedger } from './index';

const ADMIN = 'http-test-admin-token-0001';

async function ledgerWith(accounts: Record<string, string>) {
  const running = await startReferenceLedger({ adminToken: ADMIN });
  const client = new LedgerHttpClient({ baseUrl: running.url });
  for (const [name, balance] of Object.entries(accounts)) {
    const r = await client.createAccount(ADMIN, name, { balance, token: `${name}-token-0123456789` });
    assert.equal(r.kind, 'ok');
  }
  return { running, client, token: (name: string) => `${name}-token-0123456789` };
}

function conditional(from: string, to: string, amount: string) {
  const preimage = randomBytes(32);
  return {
    preimage,
    body: {
      debit_account: from,
      credit_account: to,
      amount,
      execution_condition: createHash('sha256').update(preimage).digest('base64url'),
      expires_at: new Date(Date.now() + 30_000).toISOString(),
    },
  };
}

test('concurrent holds never take a balance below its minimum: 40 requests of 5 against 100, exactly 20 held', async (t) => {
  const { running, client, token } = await ledgerWith({ alice: '100', bob: '0' });
  t.after(() => running.close());
  const replies = await Promise.all(Array.from({ length: 40 }, () => client.prepareTransfer(token('alice'), randomUUID(), conditional('alice', 'bob', '5').body)));
  const accepted = replies.filter((r) => r.kind === 'ok').length;
  const refused = replies.filter((r) => r.kind === 'refused' && r.error.id === 'InsufficientFundsError').length;
  assert.deepEqual({ accepted, refused }, { accepted: 20, refused: 20 });
  const alice = await client.getAccount(ADMIN, 'alice');
  assert.ok(alice.kind === 'ok');
  assert.deepEqual({ balance: alice.body.balance, held: alice.body.held }, { balance: '0', held: '100' });
});

test('the same fulfillment presented ten times at once credits the receiver once', async (t) => {
  const { running, client, token } = await ledgerWith({ alice: '100', bob: '0' });
  t.after(() => running.close());
  const { preimage, body } = conditional('alice', 'bob', '7');
  const id = randomUUID();
  assert.equal((await client.prepareTransfer(token('alice'), id, body)).kind, 'ok');
  const replies = await Promise.all(Array.from({ length: 10 }, () => client.fulfill(token('bob'), id, preimage)));
  assert.deepEqual(replies.map((r) => r.kind === 'ok' && r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
  const bob = await client.getAccount(ADMIN, 'bob');
  assert.ok(bob.kind === 'ok');
  assert.equal(bob.body.balance, '7');
});

test('bad requests are refused with the right status and a schema-valid Error body, and change nothing', async (t) => {
  const { running, client, token } = await ledgerWith({ alice: '100', bob: '0' });
  t.after(() => running.close());
  const { body } = conditional('alice', 'bob', '1');
  const cases: Array<[string, Promise<{ kind: string; status?: number; error?: { id: string } }>, number, string]> = [
    ['no token', client.prepareTransfer(undefined, randomUUID(), body), 401, 'UnauthorizedError'],
    ['unknown token', client.prepareTransfer('not-a-real-token-at-all', randomUUID(), body), 401, 'UnauthorizedError'],
    ['wrong owner', client.prepareTransfer(token('bob'), randomUUID(), body), 403, 'ForbiddenError'],
    ['bad id', client.prepareTransfer(token('alice'), 'not-a-uuid', body), 400, 'InvalidUriParameterError'],
    ['schema', client.prepareTransfer(token('alice'), randomUUID(), { ...body, amount: '-1' }), 400, 'InvalidBodyError'],
    ['too fine', client.prepareTransfer(token('alice'), randomUUID(), { ...body, amount: '0.001' }), 422, 'InvalidAmountError'],
    ['past expiry', client.prepareTransfer(token('alice'), randomUUID(), { ...body, expires_at: new Date(Date.now() - 1).toISOString() }), 422, 'ExpiredTransferError'],
    ['unknown account', client.prepareTransfer(token('alice'), randomUUID(), { ...body, credit_account: 'nobody' }), 422, 'UnknownAccountError'],
    ['no such transfer', client.getTransfer(ADMIN, randomUUID()), 404, 'NotFoundError'],
  ];
  for (const [name, pending, status, id] of cases) {
    const reply = await pending;
    assert.equal(reply.kind, 'refused', name);
    assert.equal(reply.status, status, name);
    assert.equal(reply.error?.id, id, name);
  }
  const raw = await fetch(`${running.url}/transfers/${randomUUID()}`, { method: 'PUT', headers: { authorization: `Bearer ${token('alice')}`, 'content-type': 'text/plain' }, body: 'x' });
  assert.equal(raw.status, 415);
  const big = await fetch(`${running.url}/transfers/${randomUUID()}`, { method: 'PUT', headers: { authorization: `Bearer ${token('alice')}`, 'content-type': 'application/json' }, body: 'x'.repeat(300_000) });
  assert.equal(big.status, 413);
  const alice = await client.getAccount(ADMIN, 'alice');
  assert.ok(alice.kind === 'ok');
  assert.deepEqual({ balance: alice.body.balance, held: alice.body.held }, { balance: '100', held: '0' });
});

test('a socket without a token is refused, and a holder cannot follow another holder\'s account', async (t) => {
  const { running, client, token } = await ledgerWith({ alice: '100', bob: '0' });
  t.after(() => running.close());
  const anonymous = await client.subscribe(undefined, ['alice']);
  assert.equal(anonymous.kind, 'refused');
  assert.equal(anonymous.kind === 'refused' && anonymous.error.id, 'UnauthorizedError');
  const nosy = await client.subscribe(token('bob'), ['alice']);
  assert.equal(nosy.kind, 'refused');
  const own = await client.subscribe(token('alice'), ['alice']);
  assert.equal(own.kind, 'ok');
  if (own.kind === 'ok') await own.body.close();
});
