/**
 * lib/mojaloop/capture.ts over the fixtures in fixtures/captures: a hub's JSON-lines log with broken lines and
 * a HAR with broken entries. Every broken line is named by number and kind; the rest are read and paired.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeSource, pairAuditUnits, readCapture, readCaptureFile, roleOf, type CapturedMessage } from './capture';

const DIR = join(__dirname, '..', '..', 'fixtures', 'captures');
const Q = '7c23e80c-d078-4077-8263-2c047876fcf6';
const Q2 = '0d3e1b8e-6b3a-4c1e-9c9e-2f7f6a0a1b2c';
const T = '85feac2f-39b2-491b-817e-4a03203d4f14';
const lineOf = (m: CapturedMessage): number => ('line' in m.source ? m.source.line : -1);

describe('captured FSPIOP messages, JSON lines', () => {
  const reading = readCaptureFile(join(DIR, 'hub-log.jsonl'));

  test('broken lines are named by line number and kind, and the reading goes on', () => {
    assert.equal(reading.format, 'jsonl');
    assert.deepEqual(reading.problems.map((p) => [describeSource(p.source), p.kind]), [
      ['line 3', 'not-json'], ['line 6', 'missing-field'], ['line 8', 'body-not-json'], ['line 12', 'bad-field'],
    ]);
    assert.match(reading.problems[1]!.message, /no "path"/);
    assert.match(reading.problems[3]!.message, /timestamp/);
    assert.deepEqual(reading.messages.map(lineOf), [1, 2, 4, 7, 9, 10, 11]);
  });

  test('a message keeps method, path, lower-case headers, parsed body, timestamp and direction', () => {
    const put = reading.messages.find((m) => lineOf(m) === 4)!;
    assert.equal(put.method, 'PUT');
    assert.equal(put.path, `/quotes/${Q}`);
    assert.equal(put.direction, 'in');
    assert.equal(put.timestamp, '2024-11-04T12:57:45.300Z');
    assert.equal(put.headers['fspiop-source'], 'payeefsp');
    assert.equal(typeof (put.body as { ilpPacket: unknown }).ilpPacket, 'string');
  });

  test('quotes and transfers pair into audit units by ID, the transfer joining its quote by ilpPacket', () => {
    const units = pairAuditUnits(reading.messages);
    assert.equal(units.length, 2);
    const [paid, refused] = units;
    assert.equal(paid!.quoteId, Q);
    assert.equal(paid!.transferId, T);
    assert.deepEqual([paid!.quoteRequests, paid!.quoteCallbacks, paid!.transferRequests, paid!.transferCallbacks].map((l) => l.map(lineOf)), [[1, 2], [4], [7], [9]]);
    assert.deepEqual(paid!.missing, []);
    assert.equal(refused!.quoteId, Q2);
    assert.equal(roleOf(refused!.quoteCallbacks[0]!)?.role, 'quote-error');
    assert.deepEqual(refused!.missing, ['transfer request', 'transfer callback']);
  });

  test('a transfer whose packet no quote gave stands alone and is incomplete', () => {
    const transfer = reading.messages.find((m) => lineOf(m) === 7)!;
    const changed = { ...transfer, body: { ...(transfer.body as object), ilpPacket: 'AQID' } };
    const units = pairAuditUnits([...reading.messages.filter((m) => m !== transfer), changed]);
    const alone = units.find((u) => u.transferId === T && u.quoteId === undefined)!;
    assert.deepEqual(alone.missing, ['quote request', 'quote callback']);
    assert.deepEqual(units.find((u) => u.quoteId === Q)!.missing, ['transfer request', 'transfer callback']);
  });

  test('other line faults: not an object, a bad direction, a body that is an array, headers that are not strings', () => {
    const r = readCapture([
      '[1,2]',
      '{"timestamp":"2024-01-01T00:00:00Z","direction":"sideways","method":"POST","path":"/quotes","headers":{},"body":{}}',
      '{"timestamp":"2024-01-01T00:00:00Z","direction":"in","method":"POST","path":"/quotes","headers":{},"body":[1]}',
      '{"timestamp":"2024-01-01T00:00:00Z","direction":"in","method":"POST","path":"/quotes","headers":{"a":1},"body":{}}',
      '{"timestamp":"2024-01-01T00:00:00Z","direction":"in","method":"FETCH","path":"/quotes","headers":{},"body":{}}',
      '{"timestamp":"2024-01-01T00:00:00+02:00","direction":"out","method":"put","path":"http://hub.example/quotes/1?x","headers":{},"body":"{}"}',
    ].join('\n'), 'jsonl');
    assert.deepEqual(r.problems.map((p) => [describeSource(p.source), p.kind]), [
      ['line 1', 'not-json'], ['line 2', 'bad-field'], ['line 3', 'body-not-json'], ['line 4', 'bad-field'], ['line 5', 'bad-field'],
    ]);
    assert.deepEqual([r.messages[0]!.method, r.messages[0]!.path, r.messages[0]!.body], ['PUT', '/quotes/1', {}]);
  });
});

describe('captured FSPIOP messages, HAR 1.2', () => {
  const reading = readCaptureFile(join(DIR, 'hub-log.har'));

  test('each entry is a message by its index; broken entries are named and skipped', () => {
    assert.equal(reading.format, 'har');
    assert.deepEqual(reading.problems.map((p) => [describeSource(p.source), p.kind]), [['HAR entry 2', 'body-not-json'], ['HAR entry 3', 'missing-field']]);
    assert.deepEqual(reading.messages.map((m) => ('entry' in m.source ? m.source.entry : -1)), [0, 1, 4]);
    const last = reading.messages[2]!;
    assert.deepEqual([last.path, last.direction, last.responseStatus, last.headers['fspiop-destination']], ['/transfers', undefined, 202, 'payeefsp']);
  });

  test('the HAR pairs like the log: one unit, its transfer callback missing', () => {
    const units = pairAuditUnits(reading.messages);
    assert.equal(units.length, 1);
    assert.deepEqual([units[0]!.quoteId, units[0]!.transferId, units[0]!.missing], [Q, T, ['transfer callback']]);
  });

  test('auto-detection and a file that is no HAR', () => {
    assert.equal(readCapture('{"log":{"entries":[]}}').format, 'har');
    assert.equal(readCapture('{"timestamp":"2024-01-01T00:00:00Z","direction":"in","method":"GET","path":"/parties/x/y","headers":{}}').format, 'jsonl');
    const notHar = readCapture('{"log":{}}', 'har');
    assert.deepEqual(notHar.problems.map((p) => [describeSource(p.source), p.kind]), [['the file', 'not-a-har']]);
  });
});
