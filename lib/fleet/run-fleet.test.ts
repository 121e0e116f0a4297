import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFleetFile } from './fleet-file';
import { runFleet } from './run-fleet';

/** The participants runFleet turns away before starting anything: a missing install, an unset secret, a launch that fails. */
test('a missing requirement skips with its reason; an unset secret and a launch that fails are not run, each named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'run-fleet-'));
  t.after(() => rmSync(dir, { recursive: true }));
  const file = join(dir, 'fleet.json');
  writeFileSync(file, JSON.stringify({
    participants: [
      { name: 'absent', kind: 'connector', requires: { path: 'node_modules/nothing-here', reason: 'nothing-here is not installed' } },
      { name: 'secretive', kind: 'ledger', url: 'http://127.0.0.1:8390', secretEnv: ['FLEET_TEST_UNSET_TOKEN'] },
      { name: 'crashy', kind: 'connector', launch: { command: ['{node}', '-e', 'process.exit(4)'], ready: 'listening' } },
    ],
  }));
  const lines: string[] = [];
  const results = await runFleet(loadFleetFile(file), { dir: join(dir, 'out'), jobs: 2, requirements: [], runTimeoutMs: 10_000, say: (l) => lines.push(l), env: {} });
  assert.deepEqual(results.map((r) => r.name), ['absent', 'secretive', 'crashy'], 'in fleet-file order');
  assert.deepEqual(results[0], { name: 'absent', kind: 'connector', skipped: 'nothing-here is not installed' });
  assert.deepEqual(results[1], { name: 'secretive', kind: 'ledger', notRun: 'environment variable FLEET_TEST_UNSET_TOKEN is not set (its secrets come from there)' });
  assert.match((results[2] as { notRun: string }).notRun, /^its launch process did not start: `.+ -e process.exit\(4\)` exited \(code 4\) before it was ready/);
  assert.equal(lines.length, 3, 'one line per participant');
});
