import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium';

const empty = mkdtempSync(join(tmpdir(), 'no-chromium-'));
const withOne = mkdtempSync(join(tmpdir(), 'chromium-'));
writeFileSync(join(withOne, 'chromium-browser'), '#!/bin/sh\n');
chmodSync(join(withOne, 'chromium-browser'), 0o755);
writeFileSync(join(withOne, 'chromium'), 'not executable');

test('a Chromium on PATH is found by name; a file that is not executable is passed over', () => {
  assert.deepEqual(findChromium({ PATH: `${empty}:${withOne}` }), { kind: 'found', path: join(withOne, 'chromium-browser') });
});

test('none outside CI: skipped, in one line that says how to enable the check', () => {
  const r = findChromium({ PATH: empty });
  assert.equal(r.kind, 'skip');
  assert.ok(r.kind === 'skip' && !r.reason.includes('\n'));
  assert.match(r.kind === 'skip' ? r.reason : '', /apt-get install chromium.*ILP_CHROMIUM_PATH/);
});

test('none under CI=true: required, so missing; a wrong ILP_CHROMIUM_PATH is missing everywhere', () => {
  assert.equal(findChromium({ PATH: empty, CI: 'true' }).kind, 'missing');
  const wrong = findChromium({ PATH: withOne, ILP_CHROMIUM_PATH: join(empty, 'chrome') });
  assert.equal(wrong.kind, 'missing');
  assert.match(wrong.kind === 'missing' ? wrong.reason : '', /ILP_CHROMIUM_PATH=.* is not an executable file/);
});
