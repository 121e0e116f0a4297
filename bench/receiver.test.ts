import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeReject } from '../lib/codec';
import { querySpsp, spspDetails } from '../lib/peers/spsp-client';
import { startReferenceReceiver } from '../reference-impl/receiver';
import { buildLoad, replyProblem } from './receiver';

test('the bench load is fulfilled by the reference receiver, and a wrong reply is named', async () => {
  const r = await startReferenceReceiver();
  try {
    const d = spspDetails(await querySpsp(r.spspUrl, { timeoutMs: 3000 }));
    assert.ok(d.ok);
    const load = buildLoad(d.destinationAccount, d.sharedSecret, 3);
    for (const body of load.bodies) {
      const res = await fetch(r.ilpUrl, { method: 'POST', headers: { authorization: `Bearer ${r.ilpToken}` }, body });
      load.replies.push(Buffer.from(await res.arrayBuffer()));
    }
    assert.deepEqual([0, 1, 2].map((i) => replyProblem(load, i)), [undefined, undefined, undefined]);
    // Replies swapped: each carries the other's fulfillment and sequence.
    [load.replies[0], load.replies[1]] = [load.replies[1]!, load.replies[0]!];
    assert.equal(replyProblem(load, 0), 'the fulfillment does not hash to the condition');
    load.replies[2] = Buffer.from(encodeReject({ code: 'F99', triggeredBy: 'test.receiver', message: 'no', data: new Uint8Array(0) }));
    assert.equal(replyProblem(load, 2), 'Reject F99 no');
    load.replies.length = 2;
    assert.equal(replyProblem(load, 2), 'no reply');
  } finally {
    await r.close();
  }
});
