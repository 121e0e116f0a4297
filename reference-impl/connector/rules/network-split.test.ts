import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aContext, expectIlpError, recordingNext } from '../test-support';
import { createNetworkSplitRule } from './network-split';

const cases = [
  ['test', 'g.live.bob', 'F02'],
  ['test', 'test.bob', 'next'],
  ['test', 'test3.bob', 'next'],
  ['test', 'private.bob', 'next'],
  ['live', 'test.bob', 'F02'],
  ['live', 'test1.bob', 'F02'],
  ['live', 'test3.bob', 'F02'],
  ['live', 'g.bob', 'next'],
  ['live', 'private.test', 'next'],
] as const;

for (const [network, destination, expected] of cases) {
  test(`on a ${network} network, ${destination} -> ${expected}`, async () => {
    const rule = createNetworkSplitRule({ network });
    const next = recordingNext();
    if (expected === 'next') {
      await rule.handle(aContext({ destination }), next);
      assert.equal(next.calls, 1);
    } else {
      await expectIlpError(rule, aContext({ destination }), next, expected);
      assert.equal(next.calls, 0);
    }
  });
}
