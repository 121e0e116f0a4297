import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFleetFile } from './fleet-file';
import { FleetInputError } from './read-report';

const write = (participants: unknown[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-file-'));
  const path = join(dir, 'fleet.json');
  writeFileSync(path, JSON.stringify({ participants }));
  return path;
};
const launch = { command: ['{node}', '{cli}', 'reference', '--topology', '{topology}'], ready: 'listening on' };

test('participants with fixed ports get ranges of their own from +200; bundled ones need none', (t) => {
  const path = write([{ name: 'bundled', kind: 'connector' }, { name: 'a', kind: 'connector', launch }, { name: 'b', kind: 'connector', url: 'http://127.0.0.1:9000' }, { name: 'c', kind: 'connector', launch, portOffset: 1000 }, { name: 'd', kind: 'connector', launch }]);
  t.after(() => rmSync(resolve(path, '..'), { recursive: true }));
  const fleet = loadFleetFile(path);
  assert.deepEqual(fleet.participants.map((p) => p.portOffset), [null, 200, 220, 1000, 240]);
  assert.equal(fleet.participants[1]!.launch!.timeoutMs, 30_000);
});

test('overlapping ranges, a repeated name, a codec without its adapter and a bad regular expression are refused by name', (t) => {
  const cases: Array<[unknown[], RegExp]> = [
    [[{ name: 'a', kind: 'connector', launch }, { name: 'b', kind: 'connector', launch, portOffset: 210 }], /participant 1 "b": portOffset 210 puts its ports on those of "a"/],
    [[{ name: 'a', kind: 'ledger' }, { name: 'a', kind: 'connector' }], /participant 1 "a": the name appears twice/],
    [[{ name: 'c', kind: 'codec' }], /participant 0 "c": a codec participant needs "adapter"/],
    [[{ name: 'c', kind: 'connector', adapter: 'x' }], /\/participants\/0\/kind must be equal to constant/],
    [[{ name: 'r', kind: 'connector', launch: { command: ['x'], ready: '(' } }], /participant "r": launch.ready "\(" is not a regular expression/],
    [[{ name: 'n', kind: 'connector', colour: 'red' }], /\/participants\/0 must NOT have additional properties/],
  ];
  for (const [participants, message] of cases) {
    const path = write(participants);
    t.after(() => rmSync(resolve(path, '..'), { recursive: true }));
    assert.throws(() => loadFleetFile(path), (e: unknown) => e instanceof FleetInputError && message.test(e.message), String(message));
  }
  assert.throws(() => loadFleetFile('/nonexistent/fleet.json'), /cannot read fleet file \/nonexistent\/fleet\.json/);
});

test('a receiver is reached at its SPSP url and its ILP endpoint, on no fixed port; receiverIlp belongs to receivers only', (t) => {
  const path = write([{ name: 'r', kind: 'receiver', url: 'http://127.0.0.1:9100/.well-known/pay', receiverIlp: 'http://127.0.0.1:9100/ilp' }]);
  t.after(() => rmSync(resolve(path, '..'), { recursive: true }));
  const [r] = loadFleetFile(path).participants;
  assert.deepEqual([r!.kind, r!.receiverIlp, r!.portOffset], ['receiver', 'http://127.0.0.1:9100/ilp', null]);
  const wrong = write([{ name: 'c', kind: 'connector', receiverIlp: 'http://127.0.0.1:9100/ilp' }]);
  t.after(() => rmSync(resolve(wrong, '..'), { recursive: true }));
  assert.throws(() => loadFleetFile(wrong), /\/participants\/0\/kind must be equal to constant/);
});

test('an external Mojaloop participant says how to audit it and gets a switch port of its own; faults only on a bundled reference', (t) => {
  const payee = { role: 'payee', fspId: 'dfspa' };
  const path = write([
    { name: 'bundled', kind: 'mojaloop' },
    { name: 'broken', kind: 'mojaloop', referenceFaults: ['amount-not-scaled'] },
    { name: 'a', kind: 'mojaloop', url: 'http://127.0.0.1:9200', mojaloop: payee },
    { name: 'b', kind: 'mojaloop', url: 'http://127.0.0.1:9300', mojaloop: { role: 'payer', fspId: 'dfspb', payerTrigger: 'http://127.0.0.1:9300/outbound/payments', ilp: 'v4' } },
  ]);
  t.after(() => rmSync(resolve(path, '..'), { recursive: true }));
  const fleet = loadFleetFile(path);
  assert.deepEqual(fleet.participants.map((p) => p.portOffset), [null, null, 200, 220]);
  assert.deepEqual(fleet.participants[1]!.referenceFaults, ['amount-not-scaled']);
  assert.equal(fleet.participants[3]!.mojaloop!.ilp, 'v4');
  const cases: Array<[unknown[], RegExp]> = [
    [[{ name: 'm', kind: 'mojaloop', url: 'http://127.0.0.1:9200' }], /participant 0 "m": an external Mojaloop participant needs "mojaloop"/],
    [[{ name: 'm', kind: 'mojaloop', url: 'http://127.0.0.1:9200', mojaloop: { role: 'payer', fspId: 'x' } }], /the payer role needs "mojaloop.payerTrigger"/],
    [[{ name: 'm', kind: 'mojaloop', referenceFaults: ['no-such-fault'] }], /referenceFaults no-such-fault are not faults of the reference mojaloop \(known: /],
    [[{ name: 'm', kind: 'mojaloop', url: 'http://127.0.0.1:9200', mojaloop: payee, referenceFaults: ['amount-not-scaled'] }], /\/participants\/0 must NOT be valid/],
    [[{ name: 'c', kind: 'connector', mojaloop: payee }], /\/participants\/0\/kind must be equal to constant/],
  ];
  for (const [participants, message] of cases) {
    const bad = write(participants);
    assert.throws(() => loadFleetFile(bad), (e: unknown) => e instanceof FleetInputError && message.test(e.message), String(message));
    rmSync(resolve(bad, '..'), { recursive: true });
  }
});
