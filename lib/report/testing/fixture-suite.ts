import { mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A tiny feature suite in a temporary directory, for testing the reports against real Cucumber runs in
 * about a second: each scenario passes, fails an assertion, breaks the harness (TypeError), skips for a
 * missing capability, or fails with a transport failure. Every scenario attaches a wire transcript the
 * way steps/hooks.ts does (text and JSON), carrying the given secret and an Authorization header, so the
 * tests can prove that no output keeps them.
 */
/** A credential no secret list names: only the Authorization-header rule can mask it. */
export const UNKNOWN_CREDENTIAL = 'dW5rbm93bi1jcmVkZW50aWFsLTk5';

export type FixtureKind = 'pass' | 'fail' | 'error' | 'skip' | 'transport';

export interface FixtureScenario {
  readonly name: string;
  readonly tags: readonly string[];
  readonly kind: FixtureKind;
}

export interface FixtureSuite {
  readonly dir: string;
  readonly paths: string[];
  readonly require: string[];
}

const STEP_TEXT: Record<FixtureKind, string> = {
  pass: 'Then the target answers as required',
  fail: 'Then the target answers wrongly',
  error: 'Then the harness breaks',
  skip: 'Given a capability the target does not declare',
  transport: 'Then the target cannot be reached',
};

/**
 * Fixture suites live under reports/ (git-ignored) inside the project, so that Cucumber's parallel workers,
 * which preload ts-node/register relative to their working directory, find the project's node_modules.
 */
export const FIXTURE_ROOT = resolve(__dirname, '..', '..', '..', 'reports', '.test-fixtures');

const created: string[] = [];

/** Removes the suites this process wrote (test files run in parallel processes, each cleaning its own). */
export function removeFixtureSuites(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  try {
    rmdirSync(FIXTURE_ROOT);
  } catch {
    // another process still has suites there
  }
}

export function writeFixtureSuite(scenarios: readonly FixtureScenario[], secret: string, featureTags = '@codec @rfc-27'): FixtureSuite {
  mkdirSync(FIXTURE_ROOT, { recursive: true });
  const dir = mkdtempSync(join(FIXTURE_ROOT, 'suite-'));
  created.push(dir);
  mkdirSync(join(dir, 'features'));
  mkdirSync(join(dir, 'steps'));
  const feature = [
    featureTags,
    'Feature: Fixture for report tests',
    '',
    ...scenarios.flatMap((s) => [`  ${s.tags.join(' ')}`, `  Scenario: ${s.name}`, '    Given the harness sends a packet', `    ${STEP_TEXT[s.kind]}`, '']),
  ].join('\n');
  writeFileSync(join(dir, 'features', 'fixture.feature'), feature);
  const cucumber = JSON.stringify(require.resolve('@cucumber/cucumber'));
  const assert = JSON.stringify('node:assert/strict');
  writeFileSync(
    join(dir, 'steps', 'steps.js'),
    `'use strict';
const { Given, Then, After } = require(${cucumber});
const assert = require(${assert});
const SECRET = ${JSON.stringify(secret)};
Given('the harness sends a packet', function () {
  this.sent = { label: 'ILP Prepare', headers: { Authorization: 'Bearer ' + SECRET } };
});
Then('the target answers as required', function () {});
Then('the target answers wrongly', function () {
  assert.fail('Requirement: PKT-002\\nExpected: Reject F01\\nActual: Fulfill (token ' + SECRET + ')');
});
Then('the harness breaks', function () {
  const missing = undefined;
  return missing.property;
});
Given('a capability the target does not declare', function () {
  this.attach('the target does not declare capability "async-http"', { mediaType: 'text/x.ilp-skip-reason' });
  return 'skipped';
});
Then('the target cannot be reached', function () {
  throw new assert.AssertionError({ message: 'Requirement: PKT-001\\nExpected: Fulfill\\nActual: transport failure: connect ECONNREFUSED 127.0.0.1:1' });
});
After(function () {
  this.attach('+    0ms -> sut ILP Prepare\\n    headers: {"Authorization":"Bearer ' + SECRET + '"}\\n    hex: 0c1d\\n+    1ms <- sut HTTP 401\\n    headers: {"authorization":"Basic ${UNKNOWN_CREDENTIAL}"}', { mediaType: 'text/plain', fileName: 'wire-transcript.txt' });
  this.attach(JSON.stringify({ entries: [{ atMs: 0, direction: 'sent', channel: 'sut', label: 'ILP Prepare', headers: { authorization: 'Bearer ' + SECRET }, note: 'token=' + SECRET }] }), { mediaType: 'application/json', fileName: 'wire-transcript.json' });
});
`,
  );
  return { dir, paths: ['features/**/*.feature'], require: ['steps/**/*.js'] };
}
