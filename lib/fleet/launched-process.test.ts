import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, RUNNING } from './launched-process';

/** The fleet's launch processes: ready on a line, bounded when they never are, and never left running. */
const node = (code: string) => [process.execPath, '-e', code];
const quiet = { cwd: __dirname, log: () => undefined };

test('a process is ready when its stdout matches, and stop() ends it', async () => {
  const p = await launch(node('console.log("warming up"); setTimeout(() => console.log("listening on 1"), 50); setInterval(() => {}, 1000)'), { ...quiet, ready: /listening on/, timeoutMs: 10_000 });
  assert.equal(p.child.exitCode, null, 'running');
  assert.ok(RUNNING.has(p.child));
  await p.stop();
  assert.ok(p.child.signalCode === 'SIGTERM' || p.child.exitCode !== null, 'stopped');
  assert.ok(!RUNNING.has(p.child));
});

test('one that never gets ready is stopped after the timeout, and the error says what it waited for', async () => {
  const started = Date.now();
  await assert.rejects(
    // 3 s: long enough for node to start and print on a loaded machine, so the last output is there to name.
    launch(node('console.error("no config"); setInterval(() => {}, 1000)'), { ...quiet, ready: /listening on/, timeoutMs: 3_000 }),
    /did not print \/listening on\/ within 3000 ms; its last output: no config/,
  );
  assert.ok(Date.now() - started < 10_000, 'bounded');
  assert.equal(RUNNING.size, 0, 'nothing left running');
});

test('one that exits first, or cannot start, is an error naming the command', async () => {
  await assert.rejects(launch(node('console.error("EADDRINUSE 127.0.0.1:7970"); process.exit(2)'), { ...quiet, ready: /listening/, timeoutMs: 10_000 }), /exited \(code 2\) before it was ready; its last output: EADDRINUSE/);
  await assert.rejects(launch(['/nonexistent/connector'], { ...quiet, ready: /listening/, timeoutMs: 10_000 }), /cannot start `\/nonexistent\/connector`: spawn \/nonexistent\/connector ENOENT/);
});
