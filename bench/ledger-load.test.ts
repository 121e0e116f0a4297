import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startReferenceLedger } from '../reference-impl/ledger';
import { NativeBenchClient } from './native-bench-client';
import { describeLoad, runTransferLoad } from './ledger-load';

test('the load through the lean client counts only transfers the ledger executed, and every unit arrives', async () => {
  const adminToken = randomBytes(24).toString('base64url');
  const ledger = await startReferenceLedger({ adminToken });
  const client = new NativeBenchClient(ledger.url, 2);
  try {
    const r = await runTransferLoad(client, adminToken, { clients: 2, seconds: 1 });
    assert.equal(r.failures, 0, r.firstFailure);
    assert.ok(r.transfers > 0);
    assert.equal(r.latency.prepare.length, r.transfers);
    assert.equal(r.latency.execute.length, r.transfers);
    // Every executed transfer moved 1 (100 units at scale 2) from an -a account to its -b account, none is still held.
    const received = ledger.ledger.ctx.db.prepare("SELECT SUM(balance) AS units FROM accounts WHERE name LIKE 'bench-%-b'").get() as { units: bigint };
    assert.equal(received.units, 100n * BigInt(r.transfers));
    const held = ledger.ledger.ctx.db.prepare('SELECT SUM(held) AS units FROM accounts').get() as { units: bigint };
    assert.equal(held.units, 0n);
    const lines = describeLoad('test', 2, r);
    assert.match(lines.join('\n'), /2 concurrent clients/);
    assert.match(lines.join('\n'), /cpu: client \d\.\d\d of a core/);
  } finally {
    client.close();
    await ledger.close();
  }
});

test('the lean client reports a refusal and a transport failure as such', async () => {
  const adminToken = randomBytes(24).toString('base64url');
  const ledger = await startReferenceLedger({ adminToken });
  const client = new NativeBenchClient(ledger.url, 1);
  try {
    const refused = await client.createAccount('not-the-admin-token-at-all', 'x1', { token: randomBytes(18).toString('base64url') });
    assert.equal(refused.kind, 'refused');
    assert.equal(refused.kind === 'refused' && refused.status, 401);
    await assert.rejects(runTransferLoad(client, 'not-the-admin-token-at-all', { clients: 1, seconds: 1 }), /opening bench-.*HTTP 401/);
  } finally {
    client.close();
    await ledger.close();
  }
  const gone = new NativeBenchClient(ledger.url, 1);
  const reply = await gone.fulfill('t', randomBytes(16).toString('hex'), new Uint8Array(32));
  assert.equal(reply.kind, 'transport-failure');
  gone.close();
});
