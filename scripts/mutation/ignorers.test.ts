import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parse } from '@babel/parser';
import { traverse, type NodePath } from '@babel/core';

// The ignorers decide which mutants leave the score; a wrong one hides real gaps, so each rule is pinned here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { strykerPlugins } = require('./ignorers.cjs') as { strykerPlugins: { name: string; value: { shouldIgnore(p: NodePath): string | undefined } }[] };

const SOURCE = `
const faults = opts.faults ?? NO_FAULTS;
const relay = (opts.faults ?? NO_FAULTS).has('relay-busy-codes');
const either = faults.has('a') || faults.has('b');
const mixed = faults.has('a') || ready;
function rule(ctx, next) {
  const peer = required(ctx.nextHop, 'nextHop', 'route');
  if (either && peer) pick(peer);
  if (mixed) go();
  if (faults.has('ignore-incoming-expiry')) return next(ctx);
  const leftMs = expiresAt - now();
  if (leftMs <= 0) throw new InsufficientTimeoutError('already expired', { leftMs });
  if (amount > max && !faults.has('ignore-max-amount')) return reject(amount);
  const converted = faults.has('ignore-asset-scale') ? amount : convert(amount);
  if (relay) return reply; else keep(reply);
  if (ctx.faults.has('allow-x') && kind === 'account') grant();
  return fail({ kind: 'forbidden', reason: 'only the owner' });
}
const r = { name: 'incoming-expiry', handle() {} };
const other = { name: 'not a rule' };
`;

function reasonFor(snippet: string, type?: string): string | undefined {
  const ast = parse(SOURCE, { sourceType: 'module', plugins: ['typescript'] });
  const start = SOURCE.indexOf(snippet);
  assert.ok(start >= 0, `snippet ${snippet} not in the source`);
  let found: NodePath | undefined;
  traverse(ast, {
    enter(path) {
      const { node } = path;
      if (!found && node.start === start && node.end === start + snippet.length && (!type || node.type === type)) found = path;
    },
  });
  assert.ok(found, `no node spans ${snippet}`);
  for (let p: NodePath | null = found; p; p = p.parentPath) {
    for (const plugin of strykerPlugins) {
      const reason = plugin.value.shouldIgnore(p);
      if (reason) return `${plugin.name}: ${reason}`;
    }
  }
  return undefined;
}

test('a fault check, the code only it runs, and the fault set are ignored', () => {
  assert.match(reasonFor("faults.has('ignore-incoming-expiry')", 'CallExpression') ?? '', /fault-switches/);
  assert.match(reasonFor('next(ctx)') ?? '', /fault-switches/);
  assert.match(reasonFor('opts.faults ?? NO_FAULTS', 'LogicalExpression') ?? '', /fault-switches/);
  assert.match(reasonFor("!faults.has('ignore-max-amount')") ?? '', /fault-switches/);
  assert.match(reasonFor("kind === 'account'") ?? '', /fault-switches/);
});

test('a variable set from a fault check counts as one, and only its branch is ignored', () => {
  assert.match(reasonFor('return reply;') ?? '', /fault-switches/);
  assert.equal(reasonFor('keep(reply)'), undefined);
});

test('a disjunction counts only when every side is a fault check', () => {
  assert.match(reasonFor('pick(peer)') ?? '', /fault-switches/);
  assert.equal(reasonFor('go()'), undefined);
});

test('the real logic beside a fault check stays mutated', () => {
  assert.equal(reasonFor('ctx.nextHop', 'MemberExpression'), undefined);
  assert.equal(reasonFor('leftMs <= 0'), undefined);
  assert.equal(reasonFor('expiresAt - now()'), undefined);
  assert.equal(reasonFor('amount > max', 'BinaryExpression'), undefined);
  assert.equal(reasonFor('reject(amount)'), undefined);
  assert.equal(reasonFor('convert(amount)'), undefined);
  assert.equal(reasonFor("kind: 'forbidden'"), undefined);
  assert.equal(reasonFor("name: 'not a rule'"), undefined);
});

test('error text and details, ledger error details and rule names are diagnostics', () => {
  assert.match(reasonFor("'already expired'") ?? '', /diagnostics/);
  assert.match(reasonFor('{ leftMs }') ?? '', /diagnostics/);
  assert.match(reasonFor("reason: 'only the owner'") ?? '', /diagnostics/);
  assert.match(reasonFor("name: 'incoming-expiry'") ?? '', /diagnostics/);
  assert.match(reasonFor("'route'") ?? '', /diagnostics/);
});
