import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeIldcpResponse, decodeReply, encodePrepare, PEER_PROTOCOL_CONDITION } from '../../lib/codec';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, peerByName } from '../../contracts/topology';
import { CLI_ENTRY, spawnCli } from './spawn-cli';

test('a bad topology exits 2 with the TopologyError message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ilp-ref-'));
  try {
    const file = join(dir, 'topology.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT_TOPOLOGY_PATH, 'utf8')), network: 'moon' }));
    const result = await spawnCli(['reference', '--topology', file]);
    assert.equal(result.code, 2);
    assert.match(result.err, /^ilp-conformance reference: .*topology.json does not match topology.schema.json: \/network/);
    const missing = await spawnCli(['reference', '--topology', join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read topology .*nope.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2: a bad port, an unknown fault, an unknown option', async () => {
  for (const [args, message] of [
    [['--port', 'x'], /--port must be a whole number/],
    [['--port', '0', '--fault', 'nope'], /unknown fault "nope"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ] as const) {
    const result = await spawnCli(['reference', ...args]);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.err, message);
  }
});

test('it serves until SIGTERM, logs one line per packet without tokens, and exits 0', async () => {
  const child = spawn(process.execPath, [CLI_ENTRY, 'reference', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (t: string) => {
        out += t;
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.on('close', () => reject(new Error(`exited before listening: ${err}`)));
    });
    assert.match(out, /^reference connector test\.sut listening on http:\/\/127\.0\.0\.1:\d+\n/);

    const alice = peerByName(loadTopology(), 'alice');
    const ildcp = encodePrepare({ amount: 0n, expiresAt: new Date(Date.now() + 30_000), executionCondition: PEER_PROTOCOL_CONDITION, destination: 'peer.config', data: new Uint8Array(0) });
    const body = await post(`${url}${alice.http.incoming.path}`, alice.http.incoming.token, ildcp);
    const reply = decodeReply(body);
    assert.equal(reply.type, 13);
    if (reply.type === 13) assert.equal(decodeIldcpResponse(reply.data).clientAddress, 'test.sut.alice');

    await waitUntil(() => /alice -> - 0>- peer\.config fulfilled/.test(out));
    assert.ok(!out.includes(alice.http.incoming.token), 'the log must not carry tokens');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(out, /SIGTERM: closing\n$/);
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});

function post(url: string, token: string, body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Length': body.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve(Buffer.concat(chunks)));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(condition(), 'condition not met within 5 s');
}
