import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Envelope } from '@cucumber/messages';
import { createRunRedactor, MASK, Redactor } from './redaction';

const TOKEN = 'tok-9f8e7d6c';

test('masks a named value wherever it appears and counts it by name', () => {
  const r = new Redactor([{ name: 'env ILP_TOKEN', value: TOKEN }]);
  assert.equal(r.text(`a ${TOKEN} b ${TOKEN}`), `a ${MASK} b ${MASK}`);
  const entry = r.manifest().find((m) => m.name === 'env ILP_TOKEN');
  assert.deepEqual(entry, { name: 'env ILP_TOKEN', occurrences: 2 });
  assert.ok(!JSON.stringify(r.manifest()).includes(TOKEN), 'the manifest never holds a value');
});

test('masks the longer of two overlapping secrets whole', () => {
  const r = new Redactor([{ name: 'short', value: 'abcd' }, { name: 'long', value: 'abcd-efgh' }]);
  assert.equal(r.text('x abcd-efgh y abcd'), `x ${MASK} y ${MASK}`);
});

test('masks Authorization header values in header, JSON and escaped-JSON forms, keeping the scheme word', () => {
  const r = new Redactor([]);
  assert.equal(r.text('Authorization: Bearer xyz123'), `Authorization: Bearer ${MASK}`);
  assert.equal(r.text('{"authorization":"Basic dXNlcjpwYXNz"}'), `{"authorization":"Basic ${MASK}"}`);
  assert.equal(r.text('{\\"Authorization\\":\\"Bearer abc\\"}'), `{\\"Authorization\\":\\"Bearer ${MASK}\\"}`);
  assert.equal(r.text('authorization=opaque'), `authorization=${MASK}`);
  assert.equal(r.text(`Authorization: Bearer ${MASK}`), `Authorization: Bearer ${MASK}`, 'already masked stays as it is');
  assert.equal(r.text('authorization failed for peer'), 'authorization failed for peer', 'prose is left alone');
  assert.equal(r.manifest().find((m) => m.name === 'Authorization header')?.occurrences, 4);
});

test('masks the password of a URL and nothing else of it', () => {
  const r = new Redactor([]);
  assert.equal(r.text('see http://user:hunter22@127.0.0.1:7770/ilp'), `see http://user:${MASK}@127.0.0.1:7770/ilp`);
});

test('masks base64 attachments of text and keeps binary ones the same length', () => {
  const r = new Redactor([{ name: 't', value: TOKEN }]);
  const text: Envelope = { attachment: { body: Buffer.from(`x ${TOKEN}`).toString('base64'), contentEncoding: 'BASE64' as never, mediaType: 'text/plain' } };
  assert.equal(Buffer.from(r.envelope(text).attachment!.body, 'base64').toString(), `x ${MASK}`);
  const bin = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(TOKEN), Buffer.from([255])]);
  const out = Buffer.from(r.envelope({ attachment: { body: bin.toString('base64'), contentEncoding: 'BASE64' as never, mediaType: 'image/png' } }).attachment!.body, 'base64');
  assert.equal(out.length, bin.length);
  assert.ok(!out.includes(Buffer.from(TOKEN)));
});

test('masks every string field of an envelope, including exception messages', () => {
  const r = new Redactor([{ name: 't', value: TOKEN }]);
  const e = { testStepFinished: { testCaseStartedId: '1', testStepId: '2', timestamp: { seconds: 0, nanos: 0 },
    testStepResult: { status: 'FAILED', duration: { seconds: 0, nanos: 0 }, message: `Actual: ${TOKEN}`, exception: { type: 'Error', message: `got "${TOKEN}"` } } } } as unknown as Envelope;
  assert.ok(!JSON.stringify(r.envelope(e)).includes(TOKEN));
});

test('values too short to mask safely are listed with a note, not masked', () => {
  const r = new Redactor([{ name: 'tiny', value: 'ab' }]);
  assert.equal(r.text('ab cd'), 'ab cd');
  assert.match(r.manifest().find((m) => m.name === 'tiny')?.note ?? '', /not masked/);
});

test('the run redactor takes the topology tokens (env overrides included) and named environment variables', () => {
  const env = { ILP_ALICE_TOKEN: 'alice-from-env-77', MY_SECRET: 'my-secret-value' };
  const r = createRunRedactor({ secretEnv: ['MY_SECRET', 'UNSET_ONE'], env });
  assert.equal(r.text('alice-from-env-77 sut-to-bob-5e61 my-secret-value'), `${MASK} ${MASK} ${MASK}`);
  const names = r.manifest().map((m) => m.name);
  assert.ok(names.includes('topology: peer alice incoming token'));
  assert.ok(names.includes('env MY_SECRET'));
  assert.match(r.manifest().find((m) => m.name === 'env UNSET_ONE')?.note ?? '', /not set/);
});
