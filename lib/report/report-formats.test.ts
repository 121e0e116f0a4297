import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FORMATS, parseFormats } from './report-formats';

test('formats parse from a comma list; default and all expand; json is always in', () => {
  assert.deepEqual([...parseFormats('junit')].sort(), ['json', 'junit']);
  assert.deepEqual([...parseFormats('default')].sort(), [...DEFAULT_FORMATS].sort());
  assert.deepEqual([...parseFormats('default, allure')].sort(), [...DEFAULT_FORMATS, 'allure'].sort());
  assert.equal(parseFormats('all').size, 8);
  assert.ok(!DEFAULT_FORMATS.includes('allure') && !DEFAULT_FORMATS.includes('cucumber'), 'the large outputs only when asked');
});

test('an unknown or empty format list is an error naming the problem', () => {
  assert.throws(() => parseFormats('json,pdf'), /unknown format "pdf" \(known: json, html, junit, summary, badge, evidence, allure, cucumber/);
  assert.throws(() => parseFormats(' , '), /--format needs at least one/);
});
