import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECTOR_FAULTS, MOJALOOP_FAULTS } from '../targets/bundled-references';

/**
 * examples/fleet/workflow.yml against what it relies on: its job matrix holds the example fleet's participants
 * that need nothing installed, each fault it switches on exists, and every input it gives the action is one
 * action.yml declares. (Read as text: the suite has no YAML parser among its dependencies.)
 */
const ROOT = join(__dirname, '..', '..');
const workflow = readFileSync(join(ROOT, 'examples', 'fleet', 'workflow.yml'), 'utf8');
const fleet = JSON.parse(readFileSync(join(ROOT, 'examples', 'fleet', 'fleet.json'), 'utf8')) as { participants: Array<{ name: string; requires?: unknown }> };

test('the workflow\'s job matrix is the example fleet (but for participants that need an install), with real fault switches', () => {
  const names = [...workflow.matchAll(/^ {10}- name: (\S+)$/gm)].map((m) => m[1]);
  assert.deepEqual(names, fleet.participants.filter((p) => !p.requires).map((p) => p.name));
  const faults = [...workflow.matchAll(/^ {12}fault: (\S+)$/gm)].map((m) => m[1]!);
  assert.equal(faults.length, 2);
  for (const f of faults) assert.ok(f in CONNECTOR_FAULTS, `fault ${f} exists`);
  const participantFaults = [...workflow.matchAll(/^ {12}reference-faults: (\S+)$/gm)].map((m) => m[1]!);
  assert.deepEqual(participantFaults, ['amount-not-scaled']);
  for (const f of participantFaults) assert.ok(f in MOJALOOP_FAULTS, `Mojaloop fault ${f} exists`);
  assert.match(workflow, /ILP_REFERENCE_MOJALOOP_FAULTS: \$\{\{ matrix\.reference-faults \}\}/);
});

test('every input the workflow gives the action is declared in action.yml, and the merge job merges with --out', () => {
  const declared = new Set([...readFileSync(join(ROOT, 'action.yml'), 'utf8').matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((m) => m[1]));
  const step = /uses: \.\/suite\n {8}with:\n((?: {10}\S.*\n)+)/.exec(workflow);
  assert.ok(step, 'the participant job uses the action');
  const given = [...step[1]!.matchAll(/^ {10}([a-z0-9-]+):/gm)].map((m) => m[1]!);
  assert.ok(given.length >= 5);
  for (const input of given) assert.ok(declared.has(input), `action.yml declares input ${input}`);
  assert.match(workflow, /ilp-conformance\.js merge "\$\{args\[@\]\}" --out audit/);
});
