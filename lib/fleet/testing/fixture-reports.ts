import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { catalogView } from '../../report/catalog-view';
import { conformanceRun } from '../../report/conformance-run';
import { Redactor } from '../../report/redaction';
import { removeFixtureSuites, writeFixtureSuite, type FixtureScenario } from '../../report/testing/fixture-suite';

/**
 * Real conformance runs of the fixture suite (lib/report/testing), for the fleet tests: `passing` passes
 * PKT-001 and PKT-002, `failing` fails PKT-002 (a MUST, so not conformant). About a second each.
 * The run directories sit in a temporary folder under reports/ that `remove()` deletes.
 */
export interface FixtureReports {
  readonly root: string;
  readonly passing: string;
  readonly failing: string;
  remove(): void;
}

const SCENARIOS: Record<'passing' | 'failing', FixtureScenario[]> = {
  passing: [
    { name: 'a valid Prepare decodes', tags: ['@PKT-001', '@must'], kind: 'pass' },
    { name: 'an expired Prepare is rejected', tags: ['@PKT-002', '@must'], kind: 'pass' },
  ],
  failing: [
    { name: 'a valid Prepare decodes', tags: ['@PKT-001', '@must'], kind: 'pass' },
    { name: 'an expired Prepare is rejected', tags: ['@PKT-002', '@must'], kind: 'fail' },
  ],
};

export async function makeFixtureReports(): Promise<FixtureReports> {
  const root = mkdtempSync(join(resolve(__dirname, '..', '..', '..', 'reports'), '.fleet-fixture-'));
  const runDirs: Record<string, string> = {};
  try {
    for (const kind of ['passing', 'failing'] as const) {
      const suite = writeFixtureSuite(SCENARIOS[kind], 'fleet-fixture-token-7');
      const result = await conformanceRun({
        cwd: suite.dir, paths: suite.paths, require: suite.require, requireModule: [], profile: 'all', requirements: [], parallel: 1, dryRun: false,
        outRoot: join(root, kind), catalog: catalogView(), redactor: new Redactor([]), allureHtml: false,
        out: new Writable({ write: (_c, _e, done) => done() }), env: {},
      });
      runDirs[kind] = result.written!.runDir;
    }
  } finally {
    removeFixtureSuites();
  }
  return { root, passing: runDirs.passing!, failing: runDirs.failing!, remove: () => rmSync(root, { recursive: true, force: true }) };
}
