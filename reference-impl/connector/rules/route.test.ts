import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingTable } from '../routing-table';
import { aContext, aPeer, expectIlpError, recordingNext } from '../test-support';
import { createRouteRule } from './route';

const bob = aPeer({ name: 'bob', relation: 'peer' });
const carol = aPeer({ name: 'carol', relation: 'peer' });
const rule = createRouteRule({
  table: new RoutingTable([
    { prefix: 'test.lp', peer: 'bob' },
    { prefix: 'test.lp.deep', peer: 'carol' },
  ]),
  peers: new Map([
    ['bob', bob],
    ['carol', carol],
  ]),
});

test('the longest matching prefix becomes the next hop', async () => {
  const ctx = aContext({ destination: 'test.lp.deep.k1' });
  const next = recordingNext();
  await rule.handle(ctx, next);
  assert.equal(ctx.nextHop?.name, 'carol');
  assert.equal(next.calls, 1);
});

test('a prefix matches only on segment boundaries', async () => {
  const ctx = aContext({ destination: 'test.lp.deeper' });
  await rule.handle(ctx, recordingNext());
  assert.equal(ctx.nextHop?.name, 'bob');
});

test('no matching route is F02 and nothing goes on', async () => {
  const next = recordingNext();
  const ctx = aContext({ destination: 'test.lpx.k1' });
  const error = await expectIlpError(rule, ctx, next, 'F02');
  assert.match(error.message, /destination=test.lpx.k1/);
  assert.equal(next.calls, 0);
  assert.equal(ctx.nextHop, undefined);
});
