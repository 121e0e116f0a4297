import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, aFulfill, aReject, expectIlpError, recordingNext } from '../test-support';
import { createBusyNextHopRule } from './busy-next-hop';

const rule = createBusyNextHopRule();

for (const code of ['T02', 'T05']) {
  test(`a ${code} from the next hop becomes T03 from us`, async () => {
    const next = recordingNext(aReject(code));
    const error = await expectIlpError(rule, aContext(), next, 'T03');
    assert.match(error.message, new RegExp(`nextHopCode=${code}`));
    assert.equal(next.calls, 1);
  });
}

test('other Rejects (T01, T03, T04, T99, F02) and Fulfills pass through unchanged', async () => {
  for (const reply of [aReject('T01'), aReject('T03'), aReject('T04'), aReject('T99'), aReject('F02'), aFulfill()]) {
    assert.equal(await rule.handle(aContext(), recordingNext(reply)), reply);
  }
});
