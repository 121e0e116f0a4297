import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumSkip, findChromium } from './chromium';
import { renderHtml } from './html-report';
import { failingConnectorReport } from './testing/evidence-fixture';

/**
 * A failing connector check's exchange in a real browser (Debian's Chromium, driven by playwright-core):
 * the sequence picture is drawn with one arrow per message, the hex opens on a click, the page's CSP
 * reports nothing and the page asks the network for nothing. The page and a screenshot of the failure stay
 * in reports/evidence-check/ for a person to look at.
 */
// Outside CI a machine without Chromium skips with one line; under CI=true Chromium is required (chromium.ts).
const lookup = findChromium();
const skip = chromiumSkip(lookup);

test('a failed check\'s exchange is drawn and its hex opens on a click, in Chromium', { skip, timeout: 60_000 }, async () => {
  if (lookup.kind !== 'found') assert.fail(lookup.reason);
  const CHROMIUM = lookup.path;
  const { report, transcripts } = failingConnectorReport();
  const outDir = resolve(__dirname, '..', '..', 'reports', 'evidence-check');
  mkdirSync(outDir, { recursive: true });
  const page = join(outDir, 'conformance.html');
  writeFileSync(page, renderHtml(report, transcripts));

  const profile = mkdtempSync(join(tmpdir(), 'ilp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS], headless: true, timeout: 30_000, viewport: { width: 1280, height: 900 } });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    tab.setDefaultTimeout(10_000);
    const requests: string[] = [];
    const problems: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    await tab.goto(pathToFileURL(page).href);

    const failure = tab.locator('article.failure').first();
    const picture = failure.locator('figure.ev-sequence svg');
    assert.ok(await picture.isVisible(), 'the sequence picture is visible');
    const box = await picture.boundingBox();
    assert.ok(box && box.width > 600 && box.height > 150, `the picture has room to read (${JSON.stringify(box)})`);
    assert.equal(await picture.locator('g.ev-msg').count(), 4, 'one arrow per message: Prepare, forwarded Prepare, Fulfill, Fulfill back');
    assert.match(await picture.locator('g.ev-msg').first().innerHTML(), /Prepare 100 to test\.bob\.k1\.p1/);
    assert.match(await failure.locator('dl.ev-check').innerText(), /Requirement\s+PKT-013[\s\S]*Expected\s+the data forwarded byte for byte[\s\S]*Actual\s+data differs/);

    const hex = failure.locator('details.ev-hex').first();
    assert.equal(await hex.locator('pre').isVisible(), false, 'the hex is folded until asked for');
    await hex.locator('summary').click();
    assert.ok(await hex.locator('pre').isVisible(), 'one click shows the hex');
    assert.match(await hex.locator('pre').innerText(), /^0000 {2}0c 4a 00 00/);

    const shot = join(outDir, 'failure.png');
    await failure.screenshot({ path: shot });
    assert.ok(statSync(shot).size > 5000, 'the screenshot has content');
    assert.deepEqual(problems, [], 'no CSP violation or other console complaint');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'the page asks the network for nothing');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
