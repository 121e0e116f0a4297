import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCatalog } from './catalog';
import { coverage, uncoveredByProfile } from './coverage';
import { parseFeature } from './feature-tags';

const catalog = loadCatalog();

const { scenarios } = parseFeature(`@codec
Feature: f

  @PKT-001 @PKT-002 @must
  Scenario Outline: decode <kind>
    Given <kind>

    Examples:
      | kind    |
      | Prepare |
      | Fulfill |

  @PKT-001 @must
  Scenario: truncated envelope
    Given a step

  @NOPE-001 @must
  Scenario: an ID outside the catalog covers nothing
    Given a step
`, 'features/f.feature');

test('each requirement lists the scenarios that cover it; an outline counts once with its rows', () => {
  const entries = coverage(catalog, scenarios);
  assert.equal(entries.length, catalog.requirements.length);
  const pkt001 = entries.find((e) => e.requirement.id === 'PKT-001')!;
  assert.deepEqual(pkt001.scenarios, [
    { uri: 'features/f.feature', line: 5, name: 'decode <kind>', runs: 2 },
    { uri: 'features/f.feature', line: 14, name: 'truncated envelope', runs: 1 },
  ]);
  assert.deepEqual(entries.find((e) => e.requirement.id === 'PKT-002')!.scenarios.map((s) => s.line), [5]);
  assert.deepEqual(entries.find((e) => e.requirement.id === 'PKT-003')!.scenarios, []);
});

test('uncovered requirements are grouped by profile, and covered ones are left out', () => {
  const uncovered = uncoveredByProfile(coverage(catalog, scenarios));
  assert.deepEqual(Object.keys(uncovered), ['codec', 'connector', 'ledger', 'receiver', 'mojaloop', 'none']);
  const codec = uncovered.codec.map((r) => r.id);
  assert.ok(!codec.includes('PKT-001') && !codec.includes('PKT-002'));
  assert.ok(codec.includes('PKT-004'));
  const total = Object.values(uncovered).reduce((n, list) => n + list.length, 0);
  assert.equal(total, catalog.requirements.length - 2);
  assert.ok(uncovered.ledger.every((r) => r.profile === 'ledger'));
  assert.equal(uncoveredByProfile(coverage(catalog, [])).ledger.length, catalog.requirements.filter((r) => r.profile === 'ledger').length);
});
