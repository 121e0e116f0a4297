import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, type CliResult } from './spawn-cli';
import { runWith } from './packet';
import { findVector, type InvalidVector, type ValidVector } from '../../lib/vectors/load';

const dir = mkdtempSync(join(tmpdir(), 'ilp-packet-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], input = ''): Promise<CliResult> => spawnCli(['packet', ...args], input);

const valid = (name: string): ValidVector => findVector(name) as ValidVector;
const invalid = (name: string): InvalidVector => findVector(name) as InvalidVector;

/** One line, no stack trace. */
function assertOneLine(err: string, pattern: RegExp): void {
  assert.match(err, pattern);
  assert.equal(err.trimEnd().split('\n').length, 1, `expected one line, got:\n${err}`);
  assert.doesNotMatch(err, /\n\s+at /);
}

// The children are independent; two at a time keeps a small machine responsive.
describe('packet CLI (each test spawns bin/ilp-conformance.js)', { concurrency: 2 }, () => {
  test('decode prints a Prepare as JSON (hex in, decimal amount, ISO time, hex bytes)', async () => {
    const v = valid('prepare-typical');
    const { code, out, err } = await cli(['decode', v.hex]);
    assert.equal(err, '');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), { type: 'prepare', ...v.fields });
  });

  test('decode reads base64 and names a Reject code with its class', async () => {
    const v = valid('reject-f08-with-error-data');
    const { code, out } = await cli(['decode', Buffer.from(v.bytes).toString('base64')]);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), { type: 'reject', codeName: 'Amount Too Large', codeClass: 'final', ...v.fields });
  });

  test('decode - reads stdin; whitespace, line breaks and a 0x prefix are tolerated', async () => {
    const v = valid('fulfill-typical');
    const spaced = `0x${v.hex.replace(/(.{8})/g, '$1 ').replace(/(.{40})/g, '$1\n')}\n`;
    const { code, out } = await cli(['decode', '-'], spaced);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(out), { type: 'fulfill', ...v.fields });
  });

  test('round trip: decode then encode (stdin and file) gives the same bytes', async () => {
    const v = valid('reject-t04-utf8-message');
    const decoded = await cli(['decode', v.hex]);
    assert.equal(decoded.code, 0);
    const fromStdin = await cli(['encode'], decoded.out);
    assert.equal(fromStdin.code, 0);
    assert.equal(fromStdin.out, `${v.hex}\n`);
    const file = join(dir, 'reject.json');
    writeFileSync(file, decoded.out);
    const fromFile = await cli(['encode', file, '--base64']);
    assert.equal(fromFile.code, 0);
    assert.equal(Buffer.from(fromFile.out.trim(), 'base64').toString('hex'), v.hex);
  });

  test('a malformed packet exits 1 with one line naming kind, field and offset', async () => {
    const { code, out, err } = await cli(['decode', invalid('prepare-envelope-truncated').hex]);
    assert.equal(code, 1);
    assert.equal(out, '');
    assertOneLine(err, /^invalid packet: Truncated .*field=contents at=2\n$/);
  });

  test('--lenient accepts a non-canonical length that strict refuses, and says so', async () => {
    const v = invalid('prepare-destination-length-non-canonical');
    const strict = await cli(['decode', v.hex]);
    assert.equal(strict.code, 1);
    assertOneLine(strict.err, /^invalid packet: NonCanonicalLength .*field=destination at=59\n$/);
    const lenient = await cli(['decode', '--lenient', v.hex]);
    assert.equal(lenient.code, 0);
    assert.equal(JSON.parse(lenient.out).destination, 'g.acme.bob');
    assert.match(lenient.err, /^note: accepted in lenient mode; strict decoding refuses it: NonCanonicalLength/);
  });

  test('trailing bytes decode with a note on stderr', async () => {
    const v = valid('prepare-trailing-bytes-after-envelope');
    const { code, out, err } = await cli(['decode', v.hex]);
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).amount, '1000');
    assert.match(err, /^note: 3 trailing byte\(s\) at offset 81 ignored/);
  });

  test('input that is neither hex nor base64 exits 1 with one line', async () => {
    const { code, err } = await cli(['decode', 'not a packet!']);
    assert.equal(code, 1);
    assertOneLine(err, /^invalid input: neither hex .* nor base64\n$/);
  });

  test('encode names the bad field in one line; bad JSON syntax too', async () => {
    const json = JSON.stringify({ type: 'prepare', ...valid('prepare-typical').fields, amount: '18446744073709551616' });
    const badField = await cli(['encode', '-'], json);
    assert.equal(badField.code, 1);
    assertOneLine(badField.err, /^invalid packet JSON: ValueOutOfRange .*field=amount\n$/);
    const badSyntax = await cli(['encode'], '{"type": "prepare",');
    assert.equal(badSyntax.code, 1);
    assertOneLine(badSyntax.err, /^invalid JSON: /);
  });

  test('usage errors exit 2 with the usage text; --help exits 0', async () => {
    const spawned = await cli(['frobnicate']);
    assert.equal(spawned.code, 2);
    assert.match(spawned.err, /^ilp-conformance packet: unknown subcommand "frobnicate" \(decode or encode\)\nusage: /);
    // The other usage errors in-process (same code path, without a process start each).
    for (const args of [[], ['decode'], ['decode', '--nope', '00'], ['decode', '--hex', '--base64', '00'], ['encode', join(dir, 'missing.json')]]) {
      let err = '';
      const code = await runWith(args, { stdout: () => undefined, stderr: (t) => { err += t; }, readStdin: async () => '' });
      assert.equal(code, 2, `${args.join(' ')}: ${err}`);
      assert.match(err, /^ilp-conformance packet: .*\nusage: /);
    }
    const help = await cli(['decode', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^usage: ilp-conformance packet decode/);
  });
});

describe('packet decode reads the 2017 family by its type byte', () => {
  const SHARED = join(__dirname, '..', '..', '..', 'shared', 'vectors');
  const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  const files = (): string[] => readdirSync(SHARED).filter((f) => /^(ilpv1|ilqp)-.*\.json$/.test(f)).sort();
  const decode = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runWith(['decode', ...args], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, readStdin: async () => '' });
    return { code, out, err };
  };
  /** A shared vector's `decoded` in the printed field form: lists space-separated, an Error's text data as hex. */
  const expectedFields = (type: number, decoded: Record<string, unknown>): Record<string, string> => Object.fromEntries(
    Object.entries(decoded).filter(([k]) => k !== 'liquidityCurve').map(([k, v]) => [k,
      Array.isArray(v) ? v.join(' ') : k === 'data' && type === 8 ? Buffer.from(String(v), 'utf8').toString('hex') : String(v)]),
  );

  test('every ILPv1 (types 1, 8-11) and ILQP (2-7) vector of ../shared/vectors, detected by its type byte', async () => {
    const seen = new Set<number>();
    for (const file of files()) {
      const { vectors } = JSON.parse(readFileSync(join(SHARED, file), 'utf8')) as { vectors: { id: string; valid: boolean; hex: string; decoded: Record<string, unknown> | null }[] };
      for (const v of vectors) {
        const r = await decode([v.hex]);
        if (!v.valid) {
          assert.equal(r.code, 1, v.id);
          assertOneLine(r.err, /^invalid packet: /);
          continue;
        }
        assert.equal(r.code, 0, `${v.id}: ${r.err}`);
        const printed = JSON.parse(r.out) as { type: number; name: string; fields: Record<string, string> };
        assert.equal(printed.type, Number.parseInt(v.hex.slice(0, 2), 16), v.id);
        seen.add(printed.type);
        const expected = expectedFields(printed.type, v.decoded ?? {});
        for (const [key, value] of Object.entries(expected)) assert.equal(printed.fields[key], value, `${v.id} ${key}`);
      }
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  test('a Mojaloop ilpPacket in base64url decodes, and the Aug 2017 layout is refused with its field', async () => {
    const ok = await decode(['ARIAAAAAAAAAZAdnLmEuYm9iAAA']);
    assert.equal(ok.code, 0, ok.err);
    assert.deepEqual(JSON.parse(ok.out), { type: 1, name: 'ILPv1 Payment', fields: { amount: '100', account: 'g.a.bob', data: '' } });
    const old = await decode(['01 00000000000026ac 07 672e612e626f62 00']);
    assert.equal(old.code, 1);
    assert.match(old.err, /^invalid packet: Truncated .*field=amount/);
  });
});

