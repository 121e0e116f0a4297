import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodecAdapterTarget } from './codec-adapter';
import { splitCommand } from './json-lines-process';
import { CodecAdapterUnusable } from './codec-target';
import { CodecInProcessTarget } from './codec-in-process';

const FAKE = join(__dirname, '..', '..', 'fixtures', 'test', 'codec-adapters', 'fake-adapter.js');
const CLI = join(__dirname, '..', '..', 'bin', 'ilp-conformance.js');
const FULFILL_HEX = `0d22${'00'.repeat(32)}00`;
const decode = { cmd: 'decode', hex: FULFILL_HEX, mode: 'strict', expect: 'any' } as const;

function fake(behaviour: string, timeoutMultiplier = 0.1): CodecAdapterTarget {
  return new CodecAdapterTarget({ command: `"${process.execPath}" "${FAKE}" ${behaviour}`, timeoutMultiplier });
}

/** Any running process left in the adapter's process group (the adapter and whatever it started). */
function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).some((d) => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; a zombie (Z) is dead, only not yet reaped.
      const fields = readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return Number(fields[2]) === pid && fields[0] !== 'Z';
    } catch {
      return false;
    }
  });
}

async function gone(pid: number | undefined): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

/** The adapter fails the way `behaviour` says, with `reason`, quickly, and leaves no process behind. */
async function assertUnusable(behaviour: string, reason: RegExp, during: 'start' | 'call'): Promise<void> {
  const target = fake(behaviour);
  const started = Date.now();
  try {
    const pending = during === 'start' ? target.start() : target.start().then(() => target.call(decode));
    const pid = target.pid;
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof CodecAdapterUnusable, `a CodecAdapterUnusable, got ${String(error)}`);
      assert.match(error.message, /^Codec adapter unusable: /);
      assert.match(error.message, reason);
      return true;
    });
    assert.ok(Date.now() - started < 3000, `bounded: ${Date.now() - started} ms`);
    // Every later call fails at once with the same reason, without asking the process.
    const again = Date.now();
    await assert.rejects(target.call(decode), reason);
    assert.ok(Date.now() - again < 50, 'a later call fails at once');
    assert.ok(target.problem, 'the target says it is unusable');
    assert.ok(await gone(pid), `adapter process ${pid} was killed`);
  } finally {
    await target.stop();
  }
}

test('a good adapter: hello, capabilities, a decode reply, and stop ends the process', async () => {
  const target = fake('good');
  await target.start();
  assert.equal(target.describe().name, 'fake-good');
  assert.deepEqual([...target.capabilities], []);
  const reply = await target.call(decode);
  assert.deepEqual(reply, { ok: true, result: { packet: { type: 'fulfill', fulfillment: '00'.repeat(32), data: '' } } });
  const refused = await target.call({ cmd: 'encode', packet: { type: 'fulfill', fulfillment: '00', data: '' } });
  assert.equal(refused.ok, false);
  const pid = target.pid;
  await target.stop();
  assert.ok(await gone(pid));
});

test('an adapter that exits at start is unusable with its exit code', () => assertUnusable('exit-at-start', /exited \(code 3\)/, 'start'));
test('an adapter that crashes on a request is unusable with its exit code', () => assertUnusable('crash', /exited \(code 7\)/, 'call'));
test('an adapter that sends no hello is unusable after the bound', () => assertUnusable('no-hello', /sent no hello within 1000 ms/, 'start'));
test('an adapter that does not answer is unusable after the request bound', () => assertUnusable('hang', /did not answer request 1 \(decode\) within 500 ms/, 'call'));
test('an adapter that prints garbage is unusable, quoting the line', () => assertUnusable('garbage', /not JSON: "this is not JSON \{"/, 'call'));
test('an adapter of another protocol version is refused by version', () => assertUnusable('wrong-version', /speaks protocol version 2; this harness speaks version 1/, 'start'));
test('an adapter whose first message is no hello is refused by the schema', () => assertUnusable('bad-hello', /first message is not a version 1 hello: .*required property 'version'/, 'start'));
test('a result the schema refuses makes the adapter unusable', () => assertUnusable('bad-result', /decode result does not match the schema: .*data/, 'call'));
test('a reply to an id nobody asked for makes the adapter unusable', () => assertUnusable('wrong-id', /answered id 101, which no waiting request has/, 'call'));
test('a command that does not exist is unusable, not a hang', async () => {
  await assert.rejects(new CodecAdapterTarget({ command: 'no-such-adapter-command-xyz --x' }).start(), /could not be started: spawn no-such-adapter-command-xyz ENOENT/);
  await assert.rejects(new CodecAdapterTarget({ command: 'no-such-adapter-command-xyz | cat' }).start(), /exited \(code \d+\).*not found/);
});

test('commands split into words like a shell; shell syntax is left to sh', () => {
  assert.deepEqual(splitCommand(`node "my adapter.js" --mode 'a b' x\\ `), ['node', 'my adapter.js', '--mode', 'a b', 'x\\']);
  assert.equal(splitCommand('cd x && node a.js'), undefined);
  assert.equal(splitCommand('FOO=$HOME node a.js'), undefined);
});

test("stop kills the adapter's own children with it (its process group)", async () => {
  const target = fake('spawns-child', 1);
  await target.start();
  const pid = target.pid;
  await target.stop();
  assert.ok(await gone(pid));
});

test('ilp-conformance codec-adapter answers exactly what the in-process codec answers', async () => {
  const adapter = new CodecAdapterTarget({ command: `"${process.execPath}" "${CLI}" codec-adapter` });
  const local = new CodecInProcessTarget();
  try {
    await adapter.start();
    assert.deepEqual([...adapter.capabilities].sort(), [...local.capabilities].sort());
    for (const request of [
      decode,
      { cmd: 'decode', hex: '0c', mode: 'strict', expect: 'prepare' },
      { cmd: 'decode', hex: `0e0a46303200${'00'.repeat(3)}`, mode: 'lenient', expect: 'reject' },
      { cmd: 'oer-read', what: 'length', hex: '8107', mode: 'strict' },
      { cmd: 'address-check', address: 'g..x', rules: 'rfc15' },
      { cmd: 'timestamp-decode', format: 'ilp', text: '20170231000000000' },
      { cmd: 'curve-amount-at', curve: '10:20 20:120 30:120 50:170', x: '43' },
      { cmd: 'curve-amount-reverse', curve: '10:20 20:120 30:120 50:170', y: '200' },
      { cmd: 'curve-amount-reverse', curve: '0:5 10:4', y: '1' },
      { cmd: 'applies-to-prefix', routes: ['g.a.', 'g.a.b.'], routePrefix: 'g.a.', destination: 'g.a.c.d' },
    ] as const) {
      assert.deepEqual(await adapter.call(request), await local.call(request), JSON.stringify(request));
    }
  } finally {
    await adapter.stop();
  }
});
