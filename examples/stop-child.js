'use strict';
// How an example stops the real implementation it started: SIGTERM, then SIGKILL after a bound.
const { once } = require('node:events');

const STOP_LIMIT_MS = 10_000;

/** Resolves true when the child stopped on SIGTERM within the bound, false when it had to be killed. */
async function stopChild(child, limitMs = STOP_LIMIT_MS) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const late = new Promise((r) => setTimeout(() => r('late'), limitMs).unref());
  if ((await Promise.race([exited.then(() => 'ok'), late])) === 'ok') return true;
  child.kill('SIGKILL');
  await exited;
  return false;
}

module.exports = { stopChild, STOP_LIMIT_MS };
