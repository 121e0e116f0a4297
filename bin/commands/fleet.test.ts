import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumSkip, findChromium } from '../../lib/report/chromium';
import type { FleetDocument } from '../../lib/fleet/fleet-document';
import { spawnCli, type CliResult } from './spawn-cli';

/**
 * `ilp-conformance fleet` on the worked example (examples/fleet/fleet.json), kept short with three
 * requirements: the two faulty references are not conformant with the requirement each fault breaks, the
 * bundled ones are conformant, ilp-connector is skipped with its reason where it is not installed; merging
 * the same reports gives the same matrix; the matrix works in Chromium. Output stays in
 * reports/fleet-check/ (matrix.png included) for a person to look at.
 */
const ROOT = resolve(__dirname, '..', '..');
const DIR = join(ROOT, 'reports', 'fleet-check');
const REQUIREMENTS = ['COND-002', 'ROUTE-001', 'LEDGER-001', 'ML-004'];
let fleet: CliResult;
let doc: FleetDocument;

before(async () => {
  rmSync(DIR, { recursive: true, force: true });
  fleet = await spawnCli(['fleet', join(ROOT, 'examples', 'fleet', 'fleet.json'), '--out', join(DIR, 'audit'), '--requirement', ...REQUIREMENTS], '', 180_000);
  doc = JSON.parse(readFileSync(join(DIR, 'audit', 'fleet.json'), 'utf8')) as FleetDocument;
});

const free = (port: number) => new Promise<boolean>((done) => {
  const server = createServer().once('error', () => done(false)).listen(port, '127.0.0.1', () => server.close(() => done(true)));
});

test('the example fleet: a participant with a fault is not conformant with the requirement it breaks', async () => {
  assert.equal(fleet.code, 1, fleet.err + fleet.out);
  const by = new Map(doc.participants.map((p) => [p.name, p]));
  assert.equal(by.get('reference')!.outcome, 'conformant');
  assert.equal(by.get('reference-ledger')!.outcome, 'conformant');
  assert.equal(by.get('reference-ledger')!.statuses['LEDGER-001'], 'passed');
  assert.equal(by.get('ref-skip-fulfillment-check')!.outcome, 'not-conformant');
  assert.equal(by.get('ref-skip-fulfillment-check')!.statuses['COND-002'], 'failed');
  assert.equal(by.get('ref-skip-fulfillment-check')!.statuses['ROUTE-001'], 'passed');
  assert.equal(by.get('ref-route-by-shortest-prefix')!.statuses['ROUTE-001'], 'failed');
  assert.equal(by.get('ref-route-by-shortest-prefix')!.statuses['COND-002'], 'passed');
  assert.equal(by.get('reference-mojaloop')!.outcome, 'conformant');
  assert.equal(by.get('reference-mojaloop')!.statuses['ML-004'], 'passed');
  assert.equal(by.get('ref-mojaloop-amount-not-scaled')!.outcome, 'not-conformant');
  assert.equal(by.get('ref-mojaloop-amount-not-scaled')!.statuses['ML-004'], 'failed');
  const installed = existsSync(join(ROOT, 'examples', 'ilp-connector', 'node_modules', 'ilp-connector'));
  if (!installed) assert.match(by.get('ilp-connector')!.reason, /ilp-connector is not installed/);
  assert.match(fleet.out, /Not conformant \(3\): ref-skip-fulfillment-check, ref-route-by-shortest-prefix, ref-mojaloop-amount-not-scaled/);
  // Each standalone reference ran on its own offset range, above the base 7770-7785, and was stopped.
  const ports = (name: string) => (readFileSync(join(DIR, 'audit', 'runs', name, 'topology.json'), 'utf8').match(/127\.0\.0\.1:(\d+)/g) ?? []).map((m) => Number(m.split(':')[1]));
  const a = ports('ref-skip-fulfillment-check');
  const b = ports('ref-route-by-shortest-prefix');
  assert.ok([...a, ...b].every((p) => p >= 7900), 'offset ports');
  assert.ok(!a.some((p) => b.includes(p)), 'no two runs share a port');
  assert.ok(await free(Math.min(...a)) && await free(Math.min(...b)), 'the launched references are closed');
});

test('merging the same reports from their run directories gives the same matrix', async () => {
  const runDir = (name: string) => join(DIR, 'audit', doc.participants.find((p) => p.name === name)!.runDir!);
  const judged = doc.participants.filter((p) => p.runDir);
  const merged = await spawnCli(['merge', ...judged.map((p) => `${p.name}=${runDir(p.name)}`), '--out', join(DIR, 'merged')]);
  assert.equal(merged.code, 1, merged.err);
  const again = JSON.parse(readFileSync(join(DIR, 'merged', 'fleet.json'), 'utf8')) as FleetDocument;
  const cells = (d: FleetDocument) => d.participants.filter((p) => p.runDir).map((p) => [p.name, p.outcome, p.statuses, p.evidence, p.html]);
  assert.deepEqual(cells(again), cells(doc));
  // The matrix rows: the same cells, but for the last column of a skipped ilp-connector, which has no report to merge.
  const tbody = (file: string) => /<tbody>[\s\S]*<\/tbody>/.exec(readFileSync(file, 'utf8'))![0];
  const skipped = doc.participants.at(-1)!.outcome === 'skipped';
  const fromFleet = tbody(join(DIR, 'audit', 'matrix.html'));
  assert.equal(tbody(join(DIR, 'merged', 'matrix.html')), skipped ? fromFleet.replace(/<td class="none"><\/td><\/tr>/g, '</tr>') : fromFleet);
});

test('a wrong fleet file is a usage error naming the field; an unreachable participant is named as not judged (exit 3)', async () => {
  const dir = join(DIR, 'bad');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ participants: [{ name: 'x', kind: 'router' }] }));
  const wrong = await spawnCli(['fleet', join(dir, 'wrong.json'), '--out', join(dir, 'out')]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /wrong\.json does not match fleet\.schema\.json: \/participants\/0\/kind must be equal to one of the allowed values \(connector, ledger, codec, receiver, mojaloop\)/);
  writeFileSync(join(dir, 'gone.json'), JSON.stringify({ participants: [{ name: 'gone', kind: 'connector', url: 'http://127.0.0.1:8179', portOffset: 400 }] }));
  const gone = await spawnCli(['fleet', join(dir, 'gone.json'), '--out', join(dir, 'out'), '--requirement', 'COND-002']);
  assert.equal(gone.code, 3, gone.err + gone.out);
  assert.match(gone.out, /Could not be judged \(1\): gone/);
  assert.match(gone.out, /gone: incomplete: The target could not be reached/);
});

const lookup = findChromium();

test('matrix.html in Chromium: verdicts, a failing cell linking to its report, filters by area and level, no network', { skip: chromiumSkip(lookup), timeout: 60_000 }, async () => {
  if (lookup.kind !== 'found') assert.fail(lookup.reason);
  const browser = await chromium.launch({ executablePath: lookup.path, args: [...CHROMIUM_FLAGS], timeout: 30_000 });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(join(DIR, 'audit', 'matrix.html')).href);
    const head = page.locator('th[data-participant="ref-skip-fulfillment-check"]');
    assert.match(await head.innerText(), /Not conformant/);
    assert.ok(await head.locator('img.badge').isVisible(), 'the badge shows');
    assert.ok(await head.locator('svg.trend').isVisible(), 'the trend shows');
    const colour = await page.locator('#fleet-summary').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    assert.equal(colour, 'rgb(198, 40, 40)', 'the inline CSS applies (a fleet with a failure is red)');
    const row = (id: string) => page.locator(`#row-${id}`);
    assert.ok(await row('COND-002').isVisible() && await row('LEDGER-001').isVisible());
    await page.locator('label', { hasText: 'ROUTE' }).click();
    assert.ok(!(await row('COND-002').isVisible()), 'the area filter hides other areas');
    assert.ok(await row('ROUTE-001').isVisible());
    await page.locator('label[for="f-all-areas"]').click();
    await page.locator('label[for="f-should"]').click();
    assert.ok(!(await row('ROUTE-001').isVisible()), 'the level filter hides MUST rows when SHOULD is chosen');
    await page.locator('label[for="f-all-levels"]').click();
    await page.screenshot({ path: join(DIR, 'audit', 'matrix.png'), fullPage: true });
    assert.ok(statSync(join(DIR, 'audit', 'matrix.png')).size > 1000);
    const cell = row('COND-002').locator('td.failed a.st');
    assert.equal(await cell.innerText(), 'FAIL');
    await cell.click();
    await page.waitForURL(/conformance\.html#req-COND-002$/, { timeout: 10_000 });
    assert.ok(await page.locator('#req-COND-002').isVisible(), 'the link opens the participant\'s report at the requirement');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'the matrix asks the network for nothing');
  } finally {
    await browser.close();
  }
});
