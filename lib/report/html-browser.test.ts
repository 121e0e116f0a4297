import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { chromium } from 'playwright-core';
import { catalogView } from './catalog-view';
import { CHROMIUM_FLAGS, chromiumSkip, findChromium } from './chromium';
import { conformanceRun } from './conformance-run';
import { Redactor } from './redaction';
import { removeFixtureSuites, writeFixtureSuite } from './testing/fixture-suite';

/**
 * conformance.html in a real browser (Debian's Chromium, driven by playwright-core): the verdict banner and
 * a failing requirement's evidence link are visible, the evidence opens, and the page asks the network for
 * nothing. The report and a screenshot stay in reports/browser-check/latest/ for a person to look at.
 * Without Chromium the test is skipped outside CI and fails under CI=true (lib/report/chromium.ts).
 */
const lookup = findChromium();
const skip = chromiumSkip(lookup);

test('conformance.html shows the verdict and a failing requirement\'s evidence in Chromium', { skip, timeout: 60_000 }, async () => {
  if (lookup.kind !== 'found') assert.fail(lookup.reason);
  const CHROMIUM = lookup.path;
  const suite = writeFixtureSuite(
    [
      { name: 'a valid Prepare decodes', tags: ['@PKT-001', '@must'], kind: 'pass' },
      { name: 'an expired Prepare is forwarded', tags: ['@PKT-002', '@must'], kind: 'fail' },
    ],
    'browser-check-token-31',
  );
  const outRoot = resolve(__dirname, '..', '..', 'reports', 'browser-check');
  let result;
  try {
    result = await conformanceRun({
      cwd: suite.dir, paths: suite.paths, require: suite.require, requireModule: [], profile: 'all', requirements: [], parallel: 1, dryRun: false,
      outRoot, catalog: catalogView(), redactor: new Redactor([{ name: 'test token', value: 'browser-check-token-31' }]), allureHtml: false,
      out: new Writable({ write: (_c, _e, done) => done() }), env: { CI: 'true' },
    });
  } finally {
    removeFixtureSuites();
  }
  const runDir = result.written!.runDir;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS], timeout: 30_000 });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(runDir, 'conformance.html')).href);

    const banner = page.locator('#verdict');
    assert.ok(await banner.isVisible(), 'the verdict banner is visible');
    assert.match(await banner.locator('h1').innerText(), /Not conformant/);
    // Runs in the page; this project compiles without the DOM library, hence the narrow cast.
    const colour = await banner.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.equal(colour, 'rgb(198, 40, 40)', 'the inline CSS applies (red banner)');

    const link = page.locator('#req-PKT-002 a.evidence').first();
    assert.ok(await link.isVisible(), 'the failing requirement\'s evidence link is visible');
    const href = (await link.getAttribute('href'))!;
    assert.match(href, /^evidence\/.+\.txt$/);

    await page.screenshot({ path: join(runDir, 'conformance.png'), fullPage: true });
    assert.ok(statSync(join(runDir, 'conformance.png')).size > 1000);

    await link.click();
    await page.waitForURL(/evidence\//, { timeout: 10_000 });
    assert.match(await page.locator('body').innerText(), /ILP Prepare/);
    assert.ok(!(await page.content()).includes('browser-check-token-31'), 'the evidence holds no secret');

    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'the report asks the network for nothing');
  } finally {
    await browser.close();
  }
});
