import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../lib/catalog/catalog';
import { runWith } from './requirements';

// Counts come from the catalog, so a new entry does not break these tests; the fixture covers 2 of them.
const catalog = loadCatalog();
const all = catalog.requirements.length;
const ledger = catalog.requirements.filter((r) => r.profile === 'ledger').length;

const root = mkdtempSync(join(tmpdir(), 'ilp-requirements-cli-'));
after(() => rmSync(root, { recursive: true, force: true }));
const features = join(root, 'features');
mkdirSync(join(features, 'packets'), { recursive: true });
writeFileSync(join(features, 'packets', 'envelope.feature'), `@codec @rfc-27
Feature: envelope

  @PKT-001 @must
  Scenario Outline: the envelope of a <kind>
    Given <kind>

    Examples:
      | kind    |
      | Prepare |
      | Reject  |

  @LEDGER-001 @must
  Scenario: a ledger transfer
    Given a step
`);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runWith(argv, { write: (t) => { out += t; } }, { write: (t) => { err += t; } });
  return { code, out, err };
}

test('lists every requirement with level, summary and covering scenarios as file:line', async () => {
  const { code, out, err } = await cli('--features', features);
  assert.equal(code, 0);
  assert.equal(err, '');
  assert.match(out, new RegExp(`^${all} requirements, 2 covered, read from 1 feature file\\(s\\)`));
  assert.match(out, /^PKT-001 +FORMAT +codec +A packet is a one-byte type/m);
  assert.match(out, /^ {12}features\/packets\/envelope\.feature:5 {2}the envelope of a <kind> \(2 examples\)$/m);
  assert.match(out, /^PKT-002 .*\n {12}\(not covered\)$/m);
  assert.match(out, new RegExp(`^Not covered by any scenario: ${all - 2}$`, 'm'));
  assert.match(out, /^ {2}codec \(\d+\): ADDR-001, /m);
});

test('--profile and --uncovered narrow the list', async () => {
  const { code, out } = await cli('--features', features, '--profile', 'ledger', '--uncovered');
  assert.equal(code, 0);
  assert.match(out, new RegExp(`^${ledger} requirements for profile ledger, 1 covered`));
  assert.doesNotMatch(out, /^LEDGER-001 /m);
  assert.match(out, /^LEDGER-002 /m);
  assert.doesNotMatch(out, /^PKT-/m);
  assert.match(out, new RegExp(`^ {2}ledger \\(${ledger - 1}\\): COND-L01, LEDGER-002,`, 'm'));
  assert.doesNotMatch(out, /^ {2}codec/m);
});

test('--json gives the same join as data', async () => {
  const { code, out } = await cli('--features', features, '--json', '--profile', 'codec');
  assert.equal(code, 0);
  const report = JSON.parse(out);
  assert.equal(report.profile, 'codec');
  assert.equal(report.featureFiles, 1);
  const pkt001 = report.requirements.find((r: { id: string }) => r.id === 'PKT-001');
  assert.deepEqual(pkt001.scenarios, [{ uri: 'features/packets/envelope.feature', line: 5, name: 'the envelope of a <kind>', runs: 2 }]);
  assert.equal(pkt001.verdictLevel, 'must');
  assert.deepEqual(Object.keys(report.uncovered), ['codec']);
  assert.ok(!report.uncovered.codec.includes('PKT-001'));
  assert.deepEqual(report.tagProblems, []);
});

test('tag problems are reported on stderr without changing the exit code', async () => {
  const bad = join(root, 'bad', 'features');
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, 'x.feature'), 'Feature: x\n\n  @PKT-999\n  Scenario: y\n    Given z\n');
  const { code, err, out } = await cli('--features', bad, '--json');
  assert.equal(code, 0);
  assert.match(err, /warning: 3 tag problem\(s\)/);
  assert.equal(JSON.parse(out).tagProblems[0].message, '@PKT-999 names no catalog entry');
});

test('usage errors exit 2 with a sentence naming the problem', async () => {
  const unknown = await cli('--profile', 'wallet');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown profile "wallet" \(profiles: codec, connector, ledger, receiver, mojaloop, none\)/);
  const option = await cli('--colour');
  assert.equal(option.code, 2);
  assert.match(option.err, /Unknown option '--colour'/);
  const help = await cli('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: ilp-conformance requirements/);
});

test('the installed CLI runs the command', () => {
  const result = spawnSync(process.execPath, [resolve(__dirname, '..', 'ilp-conformance.js'), 'requirements', '--features', features, '--uncovered', '--profile', 'none'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^\d+ requirements for profile none, 0 covered/);
  assert.match(result.stdout, /^HTLA-001 +INFO +none /m);
});
