import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from './catalog';
import { readFeatureTags } from './feature-tags';
import { checkFeatureTags, formatTagProblems } from './tag-check';

const catalog = loadCatalog();

// The build's check: every scenario under features/ names catalog requirements and carries a fitting level tag.
test('every scenario in features/ carries catalog requirement tags, one fitting level tag and an area tag', () => {
  const features = readFeatureTags();
  const problems = checkFeatureTags(features, catalog);
  assert.equal(problems.length, 0, `tag problems in features/:\n${formatTagProblems(problems)}`);
});

// ---- the checker itself, on feature trees written to a temporary directory ----

const root = mkdtempSync(join(tmpdir(), 'ilp-feature-tags-'));
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

/** Writes the given files under a fresh features/ directory and returns the formatted problems. */
function check(files: Record<string, string>): string[] {
  const dir = join(root, `case-${++count}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'features', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'features', name), text);
  }
  const problems = checkFeatureTags(readFeatureTags(join(dir, 'features'), dir), catalog);
  return formatTagProblems(problems).split('\n').filter(Boolean);
}

test('an empty or missing features directory passes', () => {
  assert.deepEqual(check({}), []);
  const features = readFeatureTags(join(root, 'does-not-exist'), root);
  assert.deepEqual(checkFeatureTags(features, catalog), []);
});

test('well-tagged scenarios pass, tags inherited from feature, rule and Examples included', () => {
  const problems = check({
    'a/good.feature': `@codec @rfc-15
Feature: good

  @ADDR-001 @must
  Scenario: a must-level requirement
    Given a step

  @EXP-006 @EXP-002 @must
  Scenario: the primary (first) requirement's level decides; a later SHOULD is judged at its own level
    Given a step

  @LEDGER-011 @should
  Scenario: the SHOULD part of a MUST / SHOULD requirement
    Given a step

  @ADDR-011 @may
  Scenario: an ambiguous item recorded
    Given a step

  @ADDR-L01
  Scenario Outline: an outline whose level sits on its Examples (<x>)
    Given <x>

    @must
    Examples:
      | x |
      | 1 |
      | 2 |

  @must
  Rule: a rule passes its tags down
    @PKT-001
    Scenario: inside the rule
      Given a step
`,
  });
  assert.deepEqual(problems, []);
});

test('a bad feature fails with file:line and the offending tag', () => {
  const problems = check({
    'x/bad.feature': `@connector
Feature: bad

  @PKT-999 @must
  Scenario: unknown ID
    Given a step

  @PKT-7 @must
  Scenario: misshapen ID
    Given a step

  @must
  Scenario: no requirement
    Given a step

  @PKT-001
  Scenario: no level
    Given a step

  @PKT-001 @must @may
  Scenario: two levels
    Given a step

  @ADDR-001 @should
  Scenario: too weak for a MUST
    Given a step

  @ADDR-006 @must
  Scenario: too strong for a lower-case must
    Given a step

  @ADDR-011 @must
  Scenario: an ambiguous item graded as MUST
    Given a step

  @ADDR-001 @ADDR-006 @should
  Scenario: the primary requirement decides
    Given a step
`,
  });
  assert.deepEqual(problems, [
    'features/x/bad.feature:5: @PKT-999 names no catalog entry',
    'features/x/bad.feature:9: @PKT-7 names no catalog entry (IDs look like @PKT-007 or @ADDR-L01)',
    'features/x/bad.feature:13: no requirement ID tag (e.g. @PKT-007)',
    'features/x/bad.feature:17: needs exactly one level tag (@must, @should or @may), found none',
    'features/x/bad.feature:21: needs exactly one level tag (@must, @should or @may), found @must @may',
    'features/x/bad.feature:25: level tag @should does not fit ADDR-001 (the primary requirement) MUST -> @must; use @must',
    'features/x/bad.feature:29: level tag @must does not fit ADDR-006 (the primary requirement) must* -> @should; use @should',
    'features/x/bad.feature:33: level tag @must does not fit ADDR-011 (the primary requirement) AMBIGUOUS -> @should or @may; use @should or @may',
    'features/x/bad.feature:37: level tag @should does not fit ADDR-001 (the primary requirement) MUST -> @must; use @must',
  ]);
});

test('a level tag on the feature clashes with one on the scenario; an outline reports once', () => {
  const problems = check({
    'y.feature': `@codec @must
Feature: inherited level

  @PKT-001 @should
  Scenario Outline: row <n>
    Given <n>

    Examples:
      | n |
      | 1 |
      | 2 |
      | 3 |
`,
  });
  assert.deepEqual(problems, ['features/y.feature:5: needs exactly one level tag (@must, @should or @may), found @must @should']);
});

test('a scenario no profile selects (no area tag) and an unparseable feature fail', () => {
  const problems = check({
    'no-area.feature': `Feature: no area

  @PKT-001 @must
  Scenario: orphan
    Given a step
`,
    'broken.feature': `Feature: broken
  Scenario: a
    Given a step
  this line is not Gherkin
`,
  });
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /^features\/broken\.feature:4: does not parse: /);
  assert.equal(problems[1], 'features/no-area.feature:4: no area tag (@codec, @connector, @http, @ledger, @receiver, @mojaloop); tag its feature');
});
