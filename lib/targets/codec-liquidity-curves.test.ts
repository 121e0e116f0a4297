import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Transcript } from '../evidence/transcript';
import { CodecAdapterTarget } from './codec-adapter';
import { CodecClient } from './codec-client';
import { CodecInProcessTarget } from './codec-in-process';
import { checkHello, checkRequest, checkResult } from './codec-protocol-schema';
import { COMMAND_CAPABILITY } from './codec-protocol';

const CURVE = [{ x: 10n, y: 20n }, { x: 20n, y: 120n }, { x: 30n, y: 120n }, { x: 50n, y: 170n }];
const FAKE = join(__dirname, '..', '..', 'fixtures', 'test', 'codec-adapters', 'fake-adapter.js');

test('the liquidity-curve requests belong to the capability liquidity-curves', () => {
  for (const cmd of ['curve-amount-at', 'curve-amount-reverse', 'applies-to-prefix'] as const) assert.equal(COMMAND_CAPABILITY[cmd], 'liquidity-curves');
  const hello = { version: 1, implementation: { name: 'x', language: 'js', version: '1' }, supports: { packets: ['prepare', 'fulfill', 'reject'], capabilities: ['liquidity-curves'] } };
  assert.equal(checkHello(hello), undefined);
});

test('the schema takes a curve as x:y points in decimal and an amount as decimal text', () => {
  assert.equal(checkRequest({ id: 1, cmd: 'curve-amount-at', curve: '10:20 20:120', x: '15' }), undefined);
  assert.equal(checkRequest({ id: 2, cmd: 'curve-amount-reverse', curve: '0:0', y: '18446744073709551615' }), undefined);
  assert.equal(checkRequest({ id: 3, cmd: 'applies-to-prefix', routes: ['g.a.', 'g.b.'], routePrefix: 'g.a.', destination: 'g.a.c' }), undefined);
  for (const bad of [
    { id: 4, cmd: 'curve-amount-at', curve: '10:20,20:120', x: '15' },
    { id: 5, cmd: 'curve-amount-at', curve: '10:20  20:120', x: '15' },
    { id: 6, cmd: 'curve-amount-at', curve: '', x: '15' },
    { id: 7, cmd: 'curve-amount-at', curve: '10:20', x: '-1' },
    { id: 8, cmd: 'curve-amount-reverse', curve: '10:20' },
    { id: 9, cmd: 'applies-to-prefix', routes: 'g.a.', routePrefix: 'g.a.', destination: 'g.a.c' },
  ]) assert.notEqual(checkRequest(bad), undefined, JSON.stringify(bad));
  assert.equal(checkResult('curve-amount-at', { amount: '70' }), undefined);
  assert.equal(checkResult('curve-amount-reverse', { amount: null }), undefined);
  assert.equal(checkResult('applies-to-prefix', { appliesToPrefix: 'g.a.' }), undefined);
  for (const [cmd, bad] of [['curve-amount-at', { amount: 70 }], ['curve-amount-at', { amount: '07' }], ['curve-amount-reverse', {}], ['applies-to-prefix', { appliesToPrefix: '' }], ['applies-to-prefix', { appliesToPrefix: 'g.a.', extra: 1 }]] as const) {
    assert.notEqual(checkResult(cmd, bad), undefined, `${cmd} ${JSON.stringify(bad)}`);
  }
});

test('the client sends the curve as text, reads null as no amount, and writes each exchange to the transcript', async () => {
  const transcript = new Transcript();
  const client = new CodecClient(new CodecInProcessTarget(), transcript, new Set(['liquidity-curves']));
  assert.deepEqual(await client.curveAmountAt(CURVE, 15n), { ok: true, value: 70n });
  assert.deepEqual(await client.curveAmountAt(CURVE, 60n), { ok: true, value: undefined });
  assert.deepEqual(await client.curveAmountReverse(CURVE, 152n), { ok: true, value: 43n });
  assert.deepEqual(await client.appliesToPrefix({ routes: ['g.a.', 'g.a.b.'], routePrefix: 'g.a.', destination: 'g.a.b' }), { ok: true, value: 'g.a.b' });
  const refused = await client.curveAmountAt([{ x: 10n, y: 5n }, { x: 10n, y: 6n }], 10n);
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.refusal.message : '', /QUOTE-001 order/);
  const entries = JSON.stringify(transcript);
  assert.match(entries, /"curve":"10:20 20:120 30:120 50:170","x":"15"/);
  assert.match(entries, /"amount":null/);
});

test('the in-process target takes the quoting faults and names them; an unknown one is refused', async () => {
  const faulty = new CodecInProcessTarget({ quotingFaults: 'curve-reverse-floor' });
  assert.deepEqual(await faulty.call({ cmd: 'curve-amount-reverse', curve: '10:20 20:120 30:120 50:170', y: '152' }), { ok: true, result: { amount: '42' } });
  assert.equal(faulty.describe().details?.faults, 'curve-reverse-floor');
  assert.throws(() => new CodecInProcessTarget({ quotingFaults: 'curve-nope' }), /unknown fault "curve-nope"/);
});

test('a scenario not tagged @needs-liquidity-curves may not ask for a curve, whatever the target supports', async () => {
  const client = new CodecClient(new CodecInProcessTarget(), new Transcript(), new Set());
  await assert.rejects(client.curveAmountAt(CURVE, 15n), /needs the capability "liquidity-curves".*tag it so a target without "liquidity-curves" skips it/);
  await assert.rejects(client.appliesToPrefix({ routes: ['g.a.'], routePrefix: 'g.a.', destination: 'g.a.b' }), /@needs-liquidity-curves/);
});

test('an adapter that does not declare liquidity-curves lacks the capability, and what it answers to a curve request is its refusal', async () => {
  const target = new CodecAdapterTarget({ command: `"${process.execPath}" "${FAKE}" good`, timeoutMultiplier: 0.5 });
  try {
    await target.start();
    assert.equal(target.capabilities.has('liquidity-curves'), false);
    const reply = await target.call({ cmd: 'curve-amount-at', curve: '10:20', x: '10' });
    assert.equal(reply.ok, false);
  } finally {
    await target.stop();
  }
});
