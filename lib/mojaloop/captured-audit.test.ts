/**
 * lib/mojaloop/captured-audit.ts over the capture fixtures: who is judged in which role, one copy of each
 * logged message, what a log cannot show left unjudged, and a changed message failing its requirement only.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pairAuditUnits, readCaptureFile, type CapturedMessage, type CaptureReading } from './capture';
import { auditUnits, judgeRequirement, describeFailures, type CaptureAuditOptions } from './captured-audit';
import { decodeIlpV1Payment, encodeIlpV1Payment } from '../codec';

const DIR = join(__dirname, '..', '..', 'fixtures', 'captures');
const log = readCaptureFile(join(DIR, 'hub-log.jsonl'));
const lineOf = (m: CapturedMessage) => ('line' in m.source ? m.source.line : -1);

function audit(reading: Pick<CaptureReading, 'messages'>, o: CaptureAuditOptions = {}) {
  return auditUnits(pairAuditUnits(reading.messages), reading, o);
}
const failing = (e: ReturnType<typeof audit>[number]) => e.checks.filter((c) => !c.passed).map((c) => c.requirement);
/** The log with these lines' bodies changed. */
function changed(lines: number | number[], change: (body: Record<string, unknown>) => Record<string, unknown>): CapturedMessage[] {
  return log.messages.map((m) => ([lines].flat().includes(lineOf(m)) ? { ...m, body: change(m.body as Record<string, unknown>) } : m));
}

describe('the captured audit', () => {
  test('each FSP is judged in the role it played: Payee FSP where it sent the quote callback, Payer FSP where it sent the requests', () => {
    const exchanges = audit(log);
    assert.deepEqual(exchanges.map((e) => [e.role, e.fsp, e.where]), [
      ['payee', 'payeefsp', 'lines 2, 4, 7, 9'], ['payer', 'payerfsp', 'lines 1, 4, 7, 9'],
      ['payee', 'payeefsp', 'lines 10, 11'], ['payer', 'payerfsp', 'lines 10, 11'],
    ]);
    assert.deepEqual(exchanges.flatMap(failing), []);
    // The Payer FSP's POST /quotes as the hub received it (line 1, "in"), the Payee FSP's as forwarded (line 2, "out").
    assert.equal(exchanges[0]!.observed.scale, 2);
    assert.deepEqual(exchanges[0]!.messages.map((m) => [m.source, m.fromAudited]), [['line 2', false], ['line 4', true], ['line 7', false], ['line 9', true]]);
  });

  test('--fsp-id and --mojaloop-role narrow the audit', () => {
    assert.deepEqual(audit(log, { fspId: 'payerfsp' }).map((e) => e.role), ['payer', 'payer']);
    assert.deepEqual(audit(log, { role: 'payee' }).map((e) => e.fsp), ['payeefsp', 'payeefsp']);
    assert.deepEqual(audit(log, { fspId: 'nobody' }), []);
  });

  test('a forwarded copy of a callback is not a second callback (ML-019)', () => {
    const callback = log.messages.find((m) => lineOf(m) === 9)!;
    const copy = { ...callback, direction: 'out' as const, source: { line: 99 } };
    const [payee] = audit({ messages: [...log.messages, copy] });
    assert.deepEqual(failing(payee!), []);
    assert.equal(payee!.observed.transferCallbacks.length, 1);
  });

  test('a transfer whose condition is not its quote\'s fails ML-008 for the Payer FSP, and ML-007 for the Payee FSP that fulfilled it', () => {
    const messages = changed(7, (b) => ({ ...b, condition: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    const [payee, payer] = audit({ messages });
    assert.deepEqual(failing(payer!), ['ML-008']);
    assert.deepEqual(failing(payee!), ['ML-007']);
    const j = judgeRequirement(audit({ messages }), 'payer', 'ML-008');
    assert.match(describeFailures('ML-008', j), /^ML-008 payerfsp as Payer FSP, quote 7c23e80c-d078-4077-8263-2c047876fcf6 \/ transfer 85feac2f-39b2-491b-817e-4a03203d4f14 \(lines 1, 4, 7, 9\): expected the quote's condition S7Bv\S+, got condition AAAA/);
  });

  test('a currency with no known exponent leaves the packet amounts unjudged, with the reason', () => {
    const messages = changed([1, 2], (b) => ({ ...b, amount: { currency: 'XYZ', amount: '99' } }));
    const [payee] = audit({ messages });
    assert.ok(!payee!.checks.some((c) => c.requirement === 'ML-004'));
    assert.match(payee!.notes.join(), /ML-004, ML-010\) are not judged: currency "XYZ" has no known exponent/);
  });

  test('a request without its callback fails ML-017 only once the capture runs past its expiration', () => {
    const har = readCaptureFile(join(DIR, 'hub-log.har'));
    const [payee] = audit(har);
    assert.ok(!payee!.checks.some((c) => c.requirement === 'ML-017' && !c.passed));
    assert.match(payee!.notes.join(), /POST \/transfers \(HAR entry 4\) has no callback in the capture, which ends before the request expires/);
    const later = { ...har.messages[0]!, timestamp: '2030-01-01T00:00:00Z', path: '/parties/MSISDN/1', method: 'GET', body: undefined, source: { entry: 9 } };
    const [late] = audit({ messages: [...har.messages, later] });
    const c = late!.checks.find((x) => x.requirement === 'ML-017' && !x.passed)!;
    assert.match(c.expected, /a callback answering POST \/transfers \(HAR entry 4\) before its expiration/);
    assert.equal(c.actual, 'none in the capture, which runs until 2030-01-01T00:00:00.000Z');
  });

  test('a quote callback without its request: the Transaction and address are not judged', () => {
    const messages = log.messages.filter((m) => lineOf(m) !== 1 && lineOf(m) !== 2);
    const [payee] = audit({ messages });
    assert.ok(!payee!.checks.some((c) => c.requirement === 'ML-005' || c.requirement === 'ML-011'));
    assert.ok(payee!.checks.some((c) => c.requirement === 'ML-004' && c.passed));
  });

  test('a transfer whose packet was re-encoded still joins its quote by the Transaction\'s quoteId, and fails ML-008', () => {
    const messages = changed(7, (b) => {
      const p = decodeIlpV1Payment(Buffer.from(String(b.ilpPacket), 'base64url'));
      const transaction = JSON.parse(Buffer.from(p.data).toString('utf8')) as unknown;
      const data = Buffer.from(JSON.stringify(transaction, null, 1));
      return { ...b, ilpPacket: Buffer.from(encodeIlpV1Payment({ amount: p.amount, account: p.account, data })).toString('base64url') };
    });
    const [payee, payer] = audit({ messages });
    assert.equal(payer!.where, 'lines 1, 4, 7, 9');
    assert.deepEqual(failing(payer!), ['ML-008']);
    assert.ok(payee!.checks.some((c) => c.requirement === 'ML-007'));
  });

  test('a callback naming the requester as its FSPIOP-Source is judged for the FSP the request was addressed to, and fails ML-018', () => {
    const messages = log.messages.map((m) => (lineOf(m) === 4 ? { ...m, headers: { ...m.headers, 'fspiop-source': 'payerfsp' } } : m));
    const [payee] = audit({ messages }).filter((e) => e.role === 'payee');
    assert.equal(payee!.fsp, 'payeefsp');
    assert.deepEqual(failing(payee!), ['ML-018']);
  });

  test('a Payee FSP that fulfilled a transfer whose packet amount is not its amount at scale fails ML-010; the fixture\'s passes it', () => {
    const [good] = audit(log);
    assert.ok(good!.checks.some((c) => c.requirement === 'ML-010' && c.passed));
    const messages = changed([7, 8], (b) => ({ ...b, amount: { ...(b.amount as object), amount: '100' } }));
    const [payee] = audit({ messages });
    const c = payee!.checks.find((x) => x.requirement === 'ML-010')!;
    assert.equal(c.passed, false);
    assert.match(c.expected, /^the transfer \(line 7\) fulfilled only if its packet amount is 10000 \(100 at scale 2\)$/);
    assert.match(c.actual, /^fulfilled \(line 9\) with packet amount \d+$/);
  });
});
