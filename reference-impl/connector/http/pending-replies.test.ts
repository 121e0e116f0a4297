import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cancellation, TransportError } from '../transport';
import { PendingReplies } from './pending-replies';

const ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

test('the first delivery resolves the waiting request; a second finds nothing', async () => {
  const pending = new PendingReplies();
  const waiting = pending.expect('dave', ID, new Cancellation());
  assert.equal(pending.deliver('dave', ID.toUpperCase(), Buffer.from([1])), true);
  assert.deepEqual(await waiting, Buffer.from([1]));
  assert.equal(pending.deliver('dave', ID, Buffer.from([2])), false);
  assert.equal(pending.size, 0);
});

test('a delivery for another peer or an unknown id finds nothing', () => {
  const pending = new PendingReplies();
  void pending.expect('dave', ID, new Cancellation()).catch(() => undefined);
  assert.equal(pending.deliver('amy', ID, Buffer.alloc(0)), false);
  assert.equal(pending.deliver('dave', '6b1f2a7e-1c4d-4e8a-9b2f-3c4d5e6f7a8b', Buffer.alloc(0)), false);
  pending.failAll(new Error('done'));
});

test('cancelling forgets the request and rejects it as aborted; a late callback then finds nothing', async () => {
  const pending = new PendingReplies();
  const cancellation = new Cancellation();
  const waiting = pending.expect('dave', ID, cancellation);
  cancellation.cancel();
  await assert.rejects(waiting, (e: unknown) => e instanceof TransportError && e.kind === 'aborted');
  assert.equal(pending.deliver('dave', ID, Buffer.alloc(0)), false);
});

test('fail and failAll reject what waits', async () => {
  const pending = new PendingReplies();
  const one = pending.expect('dave', ID, new Cancellation());
  const two = pending.expect('amy', ID, new Cancellation());
  pending.fail('dave', ID, new Error('HTTP 500'));
  pending.failAll(new Error('closing'));
  await assert.rejects(one, /HTTP 500/);
  await assert.rejects(two, /closing/);
});
