import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TranscriptEntry } from '../evidence/transcript';
import { exchangeOf, inlineTranscripts, LIMITS, maskHex, renderEvidence, renderMessages, renderSequence, transcriptOf } from './html-evidence';
import { renderHtml } from './html-report';
import type { ScenarioResult } from './run-model';
import { connectorExchange, FAILED_CHECK, failingConnectorReport } from './testing/evidence-fixture';

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

test('a connector exchange has sender, connector and next hop, one row per message, the decoded Fulfill folded into its HTTP 200', () => {
  const x = exchangeOf(connectorExchange());
  assert.deepEqual(x.parties, ['alice', 'connector (SUT)', 'bob']);
  assert.deepEqual(x.rows.map((r) => r.arrow && `${r.arrow.from} > ${r.arrow.to}`), ['alice > connector (SUT)', 'connector (SUT) > bob', 'bob > connector (SUT)', 'connector (SUT) > alice', undefined]);
  assert.deepEqual(x.rows.map((r) => r.summary), ['Prepare 100 to test.bob.k1.p1', 'Prepare 100 to test.bob.k1.p1', 'Fulfill (HTTP 200)', 'Fulfill (HTTP 200)', 'judged: bob received the Prepare']);
  assert.equal(x.omitted, 0);
});

test('a ledger exchange runs between the account holders and the ledger; answers say their status and what the body says', () => {
  const x = exchangeOf([
    { atMs: 10, direction: 'sent', channel: 'ledger', label: 'HTTP PUT /transfers/t1', decoded: { amount: '10' } },
    { atMs: 14, direction: 'received', channel: 'ledger', label: 'HTTP 201 for PUT /transfers/t1 (4 ms)', decoded: { id: 't1', state: 'prepared' } },
    { atMs: 15, direction: 'sent', channel: 'ledger', label: 'HTTP PUT /transfers/t1/fulfillment', decoded: { fulfillment: 'x' } },
    { atMs: 18, direction: 'received', channel: 'ledger', label: 'HTTP 422 for PUT /transfers/t1/fulfillment (3 ms)', decoded: { id: 'UnmetConditionError', message: 'no' } },
  ]);
  assert.deepEqual(x.parties, ['account holders (harness)', 'ledger (SUT)']);
  assert.deepEqual(x.rows.map((r) => `${r.arrow?.from} > ${r.summary} (${r.kind}) ${r.time}`), [
    'account holders (harness) > HTTP PUT /transfers/t1 (other) +0 ms',
    'ledger (SUT) > HTTP 201 prepared (other) +4 ms',
    'account holders (harness) > HTTP PUT /transfers/t1/fulfillment (other) +5 ms',
    'ledger (SUT) > HTTP 422 UnmetConditionError (reject) +8 ms',
  ]);
});

test('a codec scenario, notes only, gets the list and no picture', () => {
  const html = renderEvidence({ entries: [{ atMs: 0, direction: 'note', channel: 'codec', label: 'decode Prepare', hex: '0c00', decoded: { error: 'TrailingBytes count=3' } }], check: undefined });
  assert.doesNotMatch(html, /<svg/);
  assert.match(html, /<strong>note<\/strong> decode Prepare<\/p>\n<table class="ev-fields"><tr><th>error<\/th><td>TrailingBytes count=3<\/td>/);
  assert.match(html, /<details class="ev-hex"><summary>hex, 2 bytes<\/summary><pre>0000 {2}0c 00<\/pre>/);
});

test('times run from the first message and against the expiry of the Prepare each channel carries', () => {
  const times = exchangeOf(connectorExchange()).rows.map((r) => r.time);
  // bob's Fulfill carries no expiry: bob's Prepare expired at 9 + 3594 ms, so 3592 ms were left at 11 ms.
  assert.deepEqual(times, ['+0 ms, 4000 ms before expiry', '+6 ms, 3594 ms before expiry', '+8 ms, 3592 ms before expiry', '+12 ms, 3988 ms before expiry', '+13 ms']);
  const late = exchangeOf([{ atMs: 0, direction: 'received', channel: 'alice', label: 'HTTP 200 from the SUT', msBeforeExpiry: -25 }]);
  assert.equal(late.rows[0]!.time, '+0 ms, 25 ms after expiry');
});

test('the picture draws one arrow per message, a lifeline per party and a line where the check failed', () => {
  const svg = renderSequence(exchangeOf(connectorExchange()), 5, FAILED_CHECK);
  assert.equal(count(svg, /<g class="ev-msg /g), 4);
  assert.equal(count(svg, /stroke-dasharray="4 3"/g), 3, 'three lifelines');
  assert.match(svg, /<g class="ev-check-line">.*check failed here: PKT-013/);
  assert.ok(svg.indexOf('check failed here') < svg.indexOf('note: judged'), 'the check line sits before the entry recorded after it');
  assert.doesNotMatch(svg, /<script|href=|xlink|url\(/i, 'nothing in it reaches out');
});

test('the messages up to the check are listed decoded, each message\'s hex only inside a <details>', () => {
  const html = renderMessages(exchangeOf(connectorExchange()), 5);
  assert.equal(count(html, /<li>/g), 4, 'entries 0..4, the folded one inside its HTTP 200');
  assert.match(html, /1 later entry is drawn above only/);
  assert.match(html, /<th>destination<\/th><td>test\.bob\.k1\.p1<\/td>/);
  assert.deepEqual(html.match(/<tr class="ev-diff">.*?<\/tr>/g), ['<tr class="ev-diff"><th>data</th><td>02 <span class="ev-diff-note">differs from alice&#39;s Prepare</span></td></tr>'], 'only the forwarded data differs from what alice sent');
  assert.equal(count(html, /<details class="ev-hex"><summary>hex, 35 bytes<\/summary><pre>0000  0d 21 ed/g), 2);
  const outside = html.replace(/<details[\s\S]*?<\/details>/g, '');
  assert.doesNotMatch(outside, /0d 21 ed|0d21ed/, 'no hex outside <details>');
});

test('the failed check leads: requirement with its summary, expected, actual and step', () => {
  const html = renderEvidence({ entries: connectorExchange(), check: FAILED_CHECK, summaryOf: (id) => (id === 'PKT-013' ? 'Data is forwarded unchanged.' : undefined) });
  assert.match(html, /^<dl class="ev-check">\n<dt>Requirement<\/dt><dd><a href="#req-PKT-013">PKT-013<\/a> Data is forwarded unchanged\.<\/dd>\n<dt>Expected<\/dt><dd>the data forwarded byte for byte<\/dd>\n<dt>Actual<\/dt><dd>data differs/);
  assert.ok(html.indexOf('ev-check') < html.indexOf('<svg') && html.indexOf('<svg') < html.indexOf('ev-messages'));
});

test('everything taken from the transcript or the check is escaped', () => {
  const evil = '<script>alert(1)</script>';
  const entries: TranscriptEntry[] = [
    { atMs: 0, direction: 'sent', channel: `alice${evil}`, label: `ILP Prepare ${evil}`, decoded: { type: 'prepare', amount: '1', destination: evil, [evil]: evil } },
    { atMs: 1, direction: 'note', channel: 'harness', label: evil },
  ];
  const html = renderEvidence({ entries, check: { ...FAILED_CHECK, expected: evil, actual: evil, step: evil, evidence: { file: 'wire-transcript.json', upTo: 2 } } });
  assert.doesNotMatch(html, /<script|<\/script/i);
  assert.ok(count(html, /&lt;script&gt;/g) >= 8, 'shown, as text');
});

test('bounded: at most LIMITS.messages entries and LIMITS.hexBytes bytes of hex per message, and it says so', () => {
  const entries: TranscriptEntry[] = Array.from({ length: LIMITS.messages + 7 }, (_, i) => ({ atMs: i, direction: 'sent', channel: 'alice', label: `m${i}`, hex: 'ab'.repeat(1000) }));
  const x = exchangeOf(entries);
  assert.equal(x.rows.length, LIMITS.messages);
  assert.equal(x.omitted, 7);
  const svg = renderSequence(x, undefined);
  assert.equal(count(svg, /<g class="ev-msg /g), LIMITS.messages);
  assert.match(svg, /7 more are in the evidence file/);
  const list = renderMessages(x, undefined);
  assert.match(list, /hex, 1000 bytes \(the first 192 and the last 64 shown; the evidence file has all\)<\/summary><pre>0000 {2}ab/);
  assert.match(list, /\n {6}… 744 bytes not shown …\n03a8 {2}ab ab/, 'the tail keeps its offsets');
  assert.equal(count(list, /\bab\b/g), LIMITS.messages * LIMITS.hexBytes);
  assert.match(renderMessages(exchangeOf([{ atMs: 0, direction: 'sent', channel: 'a', label: 'x', decoded: { data: 'f'.repeat(5000) } }]), undefined), /<td>f{120}…f{40} \(5000 characters in all/);
});

test('a secret\'s bytes in the hex are masked per byte, at byte boundaries only', () => {
  const secret = 'tok-123456';
  const hex = `0c${Buffer.from(secret).toString('hex')}ff`;
  assert.equal(maskHex({ atMs: 0, direction: 'sent', channel: 'a', label: 'x', hex }, [secret]).hex, `0c${'*'.repeat(20)}ff`);
  const shifted = `0${Buffer.from(secret).toString('hex')}f`;
  assert.equal(maskHex({ atMs: 0, direction: 'sent', channel: 'a', label: 'x', hex: shifted }, [secret]).hex, shifted);
  const list = renderMessages(exchangeOf([maskHex({ atMs: 0, direction: 'sent', channel: 'a', label: 'x', hex }, [secret])]), undefined);
  assert.match(list, /0000 {2}0c \*\* \*\*/);
  assert.ok(!list.includes(Buffer.from(secret).toString('hex')));
});

test('transcripts are read from the wire-transcript.json attachment of the scenarios the failures section shows', () => {
  const body = (v: unknown) => Buffer.from(JSON.stringify(v));
  const good = { entries: [...connectorExchange(), { atMs: 'later', direction: 'sent' }, { atMs: 1, direction: 'sent', channel: 'a', label: 'bad hex', hex: 'xyz' }] };
  assert.equal(transcriptOf([{ name: 'wire-transcript.json', mediaType: 'application/json', body: body(good) }])!.length, 6, 'malformed entries dropped');
  assert.equal(transcriptOf([{ name: 'wire-transcript.json', mediaType: 'application/json', body: Buffer.from('{not json') }]), undefined);
  assert.equal(transcriptOf([{ name: 'other.json', mediaType: 'application/json', body: body(good) }]), undefined);
  const scenario = (key: string, status: ScenarioResult['status']) => ({ key, status, attachments: [{ name: 'wire-transcript.json', mediaType: 'application/json', body: body(good) }] }) as unknown as ScenarioResult;
  const map = inlineTranscripts([scenario('a', 'passed'), scenario('b', 'failed'), scenario('c', 'skipped'), scenario('d', 'warning'), scenario('e', 'not-implemented'), scenario('f', 'errored')]);
  assert.deepEqual([...map.keys()], ['b', 'd', 'e', 'f']);
});

test('renderHtml shows the exchange inside the failure, and the plain message where no transcript was given', () => {
  const { report, transcripts } = failingConnectorReport();
  const withEvidence = renderHtml(report, transcripts);
  const article = /<article class="failure failed"[\s\S]*?<\/article>/.exec(withEvidence)![0];
  assert.match(article, /<dl class="ev-check">/);
  assert.equal(count(article, /<g class="ev-msg /g), 4);
  assert.match(article, /<details><summary>The failure as the step reported it<\/summary><pre>Requirement: PKT-013/);
  const without = renderHtml(report);
  assert.doesNotMatch(without, /<svg/);
  assert.match(without, /<dl class="ev-check">/);
});
