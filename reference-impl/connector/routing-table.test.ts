import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoutingTable } from './routing-table';

const table = new RoutingTable([
  { prefix: 'test.lp', peer: 'bob' },
  { prefix: 'test.lp.deep', peer: 'carol' },
  { prefix: 'test.case.x', peer: 'bob' },
  { prefix: 'test.case.X', peer: 'carol' },
]);

test('the longest matching prefix wins', () => {
  assert.equal(table.lookup('test.lp.deep.x'), 'carol');
  assert.equal(table.lookup('test.lp.deeper'), 'bob');
  assert.equal(table.lookup('test.lp.x.deep'), 'bob');
});

test('a prefix matches itself and addresses below it, only on segment boundaries', () => {
  assert.equal(table.lookup('test.lp'), 'bob');
  assert.equal(table.lookup('test.lp.deep'), 'carol');
  assert.equal(table.lookup('test.lpx.deep'), undefined);
  assert.equal(table.lookup('test.l'), undefined);
  assert.equal(table.lookup('test'), undefined);
});

test('matching is case-sensitive', () => {
  assert.equal(table.lookup('test.case.x.1'), 'bob');
  assert.equal(table.lookup('test.case.X.1'), 'carol');
  assert.equal(table.lookup('test.CASE.x.1'), undefined);
});

test('a prefix with a trailing dot is refused', () => {
  assert.throws(() => new RoutingTable([{ prefix: 'test.a.', peer: 'bob' }]), /trailing dot/);
});
