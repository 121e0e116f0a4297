import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cpuMsOfProcess, describeCpu, processCpuMs, startCpuSpan } from './cpu-meter';

test('processCpuMs reads utime + stime, even when the command name holds spaces and parentheses', () => {
  const stat = '4242 (node (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 11 0 100 0 0';
  assert.equal(processCpuMs(stat), (250 + 75) * 10);
});

test('a span counts the CPU this process burns, and the measured process and the machine where /proc exists', () => {
  // Burn 150 ms of CPU (not of wall time: a busy machine may take longer to give it).
  const end = startCpuSpan(process.pid);
  const before = process.cpuUsage();
  const bound = Date.now() + 10_000;
  while (process.cpuUsage(before).user + process.cpuUsage(before).system < 150_000 && Date.now() < bound);
  const span = end();
  assert.ok(span.clientMs >= 150, `client ${span.clientMs} ms`);
  assert.ok(span.wallMs >= span.clientMs - 20, `wall ${span.wallMs} ms for ${span.clientMs} ms of CPU on one thread`);
  if (existsSync('/proc/self/stat')) {
    // /proc counts in 10 ms ticks
    assert.ok(span.ledgerMs !== undefined && span.ledgerMs >= 120, `the measured process (this one): ${span.ledgerMs} ms`);
    assert.ok(span.machineMs !== undefined && span.machineMs >= 120, `the machine: ${span.machineMs} ms`);
  }
  assert.equal(cpuMsOfProcess(undefined), undefined);
  assert.equal(cpuMsOfProcess(2 ** 30), undefined, 'a process that does not exist');
});

test('the description gives each party its share of a core and the rest of the machine what is left', () => {
  const line = describeCpu({ wallMs: 1000, clientMs: 500, ledgerMs: 900, machineMs: 1700, cores: 2 });
  assert.equal(line, 'cpu: client 0.50 of a core, ledger 0.90, everything else on the machine 0.30 (of 2 cores)');
  assert.equal(describeCpu({ wallMs: 2000, clientMs: 500, cores: 4 }), 'cpu: client 0.25 of a core');
});
