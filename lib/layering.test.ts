/**
 * The layering DESIGN draws, held against every import in the repository (TypeScript's own import scanner,
 * so a comment or a string that looks like an import is not one). Data flows one way: features, steps, the
 * harness (lib/), contracts and codec, the SUT. A rule broken here fails the build, naming file and import.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..');
/** The one module through which the harness reaches the bundled references. */
const ASSEMBLY = 'lib/targets/bundled-references.ts';

interface Edge {
  readonly from: string;
  /** Repository-relative path of the imported file or folder, or undefined for a package or node builtin. */
  readonly to: string | undefined;
  readonly spec: string;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function edges(dirs: readonly string[]): Edge[] {
  return dirs.flatMap((dir) =>
    sources(dir).flatMap((file) =>
      ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true).importedFiles.map(({ fileName: spec }) => ({
        from: file,
        spec,
        to: spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)) : undefined,
      })),
    ),
  );
}

const under = (path: string | undefined, ...folders: string[]) => path !== undefined && folders.some((f) => path === f || path.startsWith(`${f}/`));

function broken(found: readonly Edge[], rule: (e: Edge) => boolean): string[] {
  return found.filter((e) => !rule(e)).map((e) => `${e.from} imports ${e.spec}`);
}

test('the reference imports only the codec, the contracts and fixtures (never the harness)', () => {
  const bad = broken(edges(['reference-impl']), (e) => e.to === undefined || under(e.to, 'reference-impl', 'lib/codec', 'contracts', 'fixtures'));
  assert.deepEqual(bad, []);
});

test('contracts import only the codec, each other and fixtures', () => {
  const bad = broken(edges(['contracts']), (e) => e.to === undefined || under(e.to, 'contracts', 'lib/codec', 'fixtures'));
  assert.deepEqual(bad, []);
});

test('the codec is pure: it imports nothing of the project outside lib/codec', () => {
  const bad = broken(edges(['lib/codec']), (e) => e.to === undefined || under(e.to, 'lib/codec'));
  assert.deepEqual(bad, []);
});

test(`the harness reaches a bundled reference only through ${ASSEMBLY}`, () => {
  const bad = broken(edges(['lib', 'steps', 'bin']), (e) => !under(e.to, 'reference-impl') || e.from === ASSEMBLY);
  assert.deepEqual(bad, []);
});

test('lib/ never imports the step definitions', () => {
  const bad = broken(edges(['lib']), (e) => !under(e.to, 'steps'));
  assert.deepEqual(bad, []);
});

test('the rules see a violation when there is one', () => {
  const probe: Edge = { from: 'reference-impl/x.ts', spec: '../lib/targets/connector-http', to: 'lib/targets/connector-http' };
  assert.deepEqual(broken([probe], (e) => e.to === undefined || under(e.to, 'reference-impl', 'lib/codec', 'contracts')), ['reference-impl/x.ts imports ../lib/targets/connector-http']);
  assert.equal(under('lib/codecs/x', 'lib/codec'), false, 'a folder name is matched whole');
});
