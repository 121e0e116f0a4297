import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFulfill, encodePrepare, encodeReject, forgeReject } from '../../../lib/codec';
import type { IlpPrepare } from '../../../lib/codec/types';
import { answerProblem, codecVerdict } from './answer-check';
import { CONDITION, FULFILLMENT } from './packet-seeds';

const SUT = 'test.sut';
const prepare: IlpPrepare = { type: 12, amount: 5n, expiresAt: new Date('2030-01-01T00:00:00Z'), executionCondition: CONDITION, destination: 'test.bob.x', data: new Uint8Array(0) };
const garbage = Uint8Array.of(0x0c, 0x05, 1, 2);
const reject = (code: string, triggeredBy = SUT, message = 'invalid Prepare') => encodeReject({ code, triggeredBy, message, data: new Uint8Array(0) });

test('codecVerdict: a Prepare decodes and survives the round trip; garbage is no packet and no problem', () => {
  const verdict = codecVerdict(encodePrepare(prepare));
  assert.equal(verdict.problem, undefined);
  assert.equal(verdict.packet?.type, 12);
  const none = codecVerdict(garbage);
  assert.equal(none.packet, undefined);
  assert.equal(none.problem, undefined);
});

test('answerProblem accepts F01 by the connector for garbage, and any well-formed reply for a Prepare', () => {
  assert.equal(answerProblem(undefined, reject('F01'), SUT).problem, undefined);
  assert.equal(answerProblem(prepare, reject('F02'), SUT).problem, undefined);
  assert.equal(answerProblem(prepare, encodeFulfill({ fulfillment: FULFILLMENT, data: new Uint8Array(0) }), SUT).problem, undefined);
});

test('answerProblem names each wrong answer', () => {
  const cases: [string, ReturnType<typeof answerProblem>, RegExp][] = [
    ['not F01 for garbage', answerProblem(undefined, reject('F02'), SUT), /no Prepare got Reject F02.*expected F01/],
    ['F01 by someone else', answerProblem(undefined, reject('F01', 'test.bob'), SUT), /expected F01 by test.sut/],
    ['internal error', answerProblem(prepare, reject('T00', SUT, 'internal error'), SUT), /internal error/],
    ['Fulfill for garbage', answerProblem(undefined, encodeFulfill({ fulfillment: FULFILLMENT, data: new Uint8Array(0) }), SUT), /Fulfill answered a body that is no Prepare/],
    ['wrong fulfillment', answerProblem(prepare, encodeFulfill({ fulfillment: new Uint8Array(32), data: new Uint8Array(0) }), SUT), /does not match/],
    ['not a reply', answerProblem(prepare, encodePrepare(prepare), SUT), /no strictly decodable/],
    ['empty', answerProblem(prepare, new Uint8Array(0), SUT), /no strictly decodable/],
    ['trailing bytes', answerProblem(prepare, Buffer.concat([reject('F02'), Buffer.of(0)]), SUT), /no strictly decodable/],
    ['non-canonical', answerProblem(prepare, forgeReject({ code: 'F02', triggeredBy: SUT, message: '', data: new Uint8Array(0) }, { kind: 'non-canonical-length', where: 'data' }), SUT), /no strictly decodable/],
    ['empty triggeredBy', answerProblem(prepare, encodeReject({ code: 'F02', triggeredBy: '', message: '', data: new Uint8Array(0) }, { mode: 'lenient' }), SUT), /no strictly decodable/],
    ['malformed code', answerProblem(prepare, reject('X99'), SUT), /not a class letter/],
  ];
  for (const [name, verdict, pattern] of cases) assert.match(verdict.problem ?? '(no problem found)', pattern, name);
});
