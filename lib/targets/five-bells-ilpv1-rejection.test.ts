import assert from 'node:assert/strict';
import test from 'node:test';
import { decodeIlpV1Outcome, encodeIlpV1Outcome, type IlpV1Error } from '../codec';
import { fromIlpv1RejectionMessage, nativeIlpv1RejectionMessage, notCarried, toIlpv1RejectionMessage } from './five-bells-ilpv1-rejection';
import { toFiveBellsRejection, toNativeTransfer, type FiveBellsTransfer } from './five-bells-wire';
import { readFiveBellsFrame } from './five-bells-client';

const error = (over: Partial<IlpV1Error> = {}): IlpV1Error => ({
  type: 8,
  code: 'F99',
  name: 'Application Error',
  triggeredBy: 'test.b.bob',
  forwardedBy: [],
  triggeredAt: new Date('2026-12-04T18:47:05.282Z'),
  data: Buffer.from('0102ff', 'hex'),
  ...over,
});

/** alice's transfer on ledger A as ilp-connector 21.1.10 rejected it (examples/ilp-connector-v1/FINDINGS.md (b)). */
const rejectedAtA = (message: Record<string, unknown>): FiveBellsTransfer => ({
  id: 'http://127.0.0.1:7885/transfers/aa2b70da-0000-4000-8000-000000000000',
  ledger: 'http://127.0.0.1:7885',
  debits: [{ account: 'http://127.0.0.1:7885/accounts/alice', amount: '10' }],
  credits: [{ account: 'http://127.0.0.1:7885/accounts/connie', amount: '10', rejected: true, rejection_message: message }],
  state: 'rejected',
  rejection_reason: 'cancelled',
});

test('out: an ILPv1 Error becomes the JSON rejection with the same fields, its data as additional_info.data', () => {
  const sent = error({ forwardedBy: ['test.b.carol'] });
  assert.deepEqual(toIlpv1RejectionMessage(encodeIlpV1Outcome(sent)), {
    code: 'F99',
    name: 'Application Error',
    message: 'Application Error',
    triggered_by: 'test.b.bob',
    triggered_at: '2026-12-04T18:47:05.282Z',
    forwarded_by: 'test.b.carol',
    additional_info: { data: 'AQL/' },
  });
  const bare = toIlpv1RejectionMessage(encodeIlpV1Outcome(error({ data: Buffer.alloc(0) })));
  assert.deepEqual(bare.additional_info, {});
  assert.equal('forwarded_by' in bare, false);
});

test('out: an error forwarded by two connectors, or no ILPv1 Error at all, cannot be sent through this API', () => {
  const twice = error({ forwardedBy: ['test.c.dave', 'test.b.carol'] });
  assert.match(notCarried(twice) ?? '', /^not observable through this API: forwarded_by holds one address/);
  assert.equal(notCarried(error({ forwardedBy: ['test.b.carol'] })), undefined);
  assert.throws(() => toIlpv1RejectionMessage(encodeIlpV1Outcome(twice)), /forwarded_by holds one address/);
  assert.throws(() => toIlpv1RejectionMessage(undefined), /needs an ILPv1 Error/);
  assert.throws(() => toIlpv1RejectionMessage(Buffer.from('not a packet')));
});

test("in: the rejection ilp-connector 21.1.10 relayed reads back as the same ILPv1 Error, forwarded_by as a one-element forwardedBy", () => {
  const relayed = { code: 'F99', name: 'Application Error', message: 'Application Error', triggered_by: 'test.b.bob', triggered_at: '2026-12-04T18:47:05.282Z', additional_info: { data: 'AQL/' }, forwarded_by: 'test.a.connie' };
  const native = toNativeTransfer(rejectedAtA(relayed), 'ilpv1-error');
  const back = decodeIlpV1Outcome(Buffer.from(native.rejection_message ?? '', 'base64'));
  assert.deepEqual(back, { ...error({ forwardedBy: ['test.a.connie'] }), data: back.type === 8 ? back.data : undefined });
  assert.equal(back.type === 8 && Buffer.from(back.data).toString('hex'), '0102ff');
  // Its own R01 (no forwarded_by, empty additional_info): forwarded by nobody, no data.
  const own = fromIlpv1RejectionMessage({ triggered_by: 'test.a.connie', triggered_at: '2026-12-04T18:47:05.744Z', additional_info: {}, code: 'R01', name: 'Insufficient Source Amount', message: 'Payment rate does not match the rate currently offered' });
  assert.equal(typeof own !== 'string' && own.forwardedBy.length, 0);
  assert.equal(typeof own !== 'string' && own.data.length, 0);
});

test('both ways: what goes out comes back unchanged', () => {
  for (const sent of [error(), error({ forwardedBy: ['test.b.carol'], code: 'T01', name: 'Ledger Unreachable' }), error({ data: Buffer.alloc(0) })]) {
    const back = fromIlpv1RejectionMessage(toIlpv1RejectionMessage(encodeIlpV1Outcome(sent)));
    assert.notEqual(typeof back, 'string');
    assert.deepEqual(Buffer.from(encodeIlpV1Outcome(back as IlpV1Error)), Buffer.from(encodeIlpV1Outcome(sent)));
  }
});

test('in: a rejection that stands for no ILPv1 Error arrives as its JSON text, so a judge shows what came', () => {
  assert.match(fromIlpv1RejectionMessage({ code: 'F99', name: 'x', message: 'm', triggered_by: 'test.b.bob' }) as string, /no triggered_at/);
  assert.match(fromIlpv1RejectionMessage({ code: 'F99', name: 'x', triggered_by: 'test.b.bob', triggered_at: 'soon' }) as string, /is no date/);
  const odd = { code: 'F99', name: 'x', message: 'm', triggered_by: 'test.b.bob', additional_info: {} };
  assert.deepEqual(JSON.parse(Buffer.from(nativeIlpv1RejectionMessage(odd), 'base64').toString('utf8')), odd);
});

test('the default carrier (ledger profile, ILPv4 payments across ledgers) is unchanged: bytes in additional_info.data of an F99', () => {
  const bytes = Buffer.from('0c0a', 'hex');
  assert.deepEqual(toFiveBellsRejection('test.b.bob', bytes), { code: 'F99', name: 'Application Error', message: 'rejected by the receiver', triggered_by: 'test.b.bob', additional_info: { data: 'DAo=' } });
  assert.equal(toNativeTransfer(rejectedAtA({ code: 'F99', name: 'Application Error', message: 'm', triggered_by: 'test.b.bob', additional_info: { data: 'DAo=' } })).rejection_message, 'DAo=');
});

test('a notification of a rejected transfer carries the ILPv1 Error with the ilpv1-error carrier', () => {
  const relayed = { code: 'F06', name: 'Unexpected Payment', message: 'no', triggered_by: 'test.b.bob', triggered_at: '2026-12-04T18:47:05.282Z', additional_info: { from: 'smoke.js' }, forwarded_by: 'test.a.connie' };
  const frame = { jsonrpc: '2.0', id: null, method: 'notify', params: { event: 'transfer.update', resource: rejectedAtA(relayed) } };
  const n = readFiveBellsFrame(frame, 'ilpv1-error');
  assert.equal(n.kind, 'notification');
  const message = n.kind === 'notification' && 'state' in n.notification.resource ? n.notification.resource.rejection_message : undefined;
  const e = decodeIlpV1Outcome(Buffer.from(message ?? '', 'base64'));
  assert.equal(e.type === 8 && `${e.code} ${e.triggeredBy} [${e.forwardedBy.join(',')}]`, 'F06 test.b.bob [test.a.connie]');
  const plain = readFiveBellsFrame(frame);
  assert.equal(plain.kind === 'notification' && 'state' in plain.notification.resource && plain.notification.resource.rejection_message, undefined);
});
