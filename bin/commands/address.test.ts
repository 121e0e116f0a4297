import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnCli, type CliResult } from './spawn-cli';
import { runWith } from './address';

const cli = (...args: string[]): Promise<CliResult> => spawnCli(['address', ...args]);

// The children are independent; two at a time keeps a small machine responsive.
describe('address CLI (each test spawns bin/ilp-conformance.js)', { concurrency: 2 }, () => {
  test('a valid address prints "valid" and exits 0', async () => {
    assert.deepEqual(await cli('check', 'g.us-fed.ach.0.acmebank.swx0a0.acmecorp.sales.199.~ipr.cdfa5e16-e759-4ba3-88f6-8b9dc83c1868.2'), { code: 0, out: 'valid\n', err: '' });
  });

  test('an invalid address prints the broken rule and exits 1', async () => {
    assert.deepEqual(await cli('check', 'what.alice'), { code: 1, out: 'invalid: scheme "what" is not one of g, private, example, peer, self, test, test1, test2, test3, local\n', err: '' });
    assert.deepEqual(await cli('check', `g.${'a'.repeat(1022)}`), { code: 1, out: 'invalid: length 1024 > 1023\n', err: '' });
    const trailing = await cli('check', 'g.acme.bob.');
    assert.equal(trailing.code, 1);
    assert.match(trailing.out, /^invalid: trailing dot at index 10\n$/);
  });

  test('--legacy says destination or prefix under the 2017 rules', async () => {
    assert.deepEqual(await cli('check', '--legacy', 'g.crypto.bitcoin.'), { code: 0, out: 'valid prefix\n', err: '' });
    assert.deepEqual(await cli('check', 'test1.bob.alice', '--legacy'), { code: 0, out: 'valid destination\n', err: '' });
    const neither = await cli('check', '--legacy', 'g.alice');
    assert.equal(neither.code, 0);
    assert.match(neither.out, /^valid, but neither a destination .* nor a prefix/);
    const local = await cli('check', '--legacy', 'local.alice.bob');
    assert.equal(local.code, 1);
    assert.match(local.out, /^invalid: scheme "local" is not one of/);
  });

  test('usage errors exit 2 with the usage text; --help exits 0', async () => {
    const spawned = await cli('check');
    assert.equal(spawned.code, 2);
    assert.equal(spawned.out, '');
    assert.match(spawned.err, /^ilp-conformance address: check needs an address\nusage: ilp-conformance address check/);
    // The other usage errors in-process (same code path, without a process start each).
    for (const args of [[], ['verify', 'g.a'], ['check', 'g.a', 'g.b'], ['check', '--strict', 'g.a']]) {
      let out = '';
      let err = '';
      const code = await runWith(args, { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '');
      assert.match(err, /^ilp-conformance address: .*\nusage: ilp-conformance address check/);
    }
    const help = await cli('check', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /^usage: ilp-conformance address check <address> \[--legacy\]/);
  });
});
