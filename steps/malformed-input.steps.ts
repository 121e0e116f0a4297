/**
 * Malformed input to a connector (RFC 27 "Packet Format", F01; RFC 30 "Extensibility"; RFC 35 "Error
 * Handling"): a harness peer posts bytes that are no valid Prepare, or a Prepare in a form a receiver may
 * accept or refuse, and the Then-steps judge the refusal or the acceptance. The words are parsed by
 * steps/support/malformed-words.ts:
 *
 *   {prepare flaw}   how the forge (lib/codec/forge.ts) spoils an otherwise valid Prepare:
 *                      `cut short by 10 bytes`, `with type byte 99`, `with 3 extra bytes inside its envelope`,
 *                      `followed by 3 extra bytes`, `with its envelope length in long form`,
 *                      `with its destination length in long form`, `with its data length in long form`
 *   {unreadable body}  `an empty body`, `64 bytes of garbage`
 */
import { randomBytes } from 'node:crypto';
import { defineParameterType, Then, When } from '@cucumber/cucumber';
import { decodePrepare, errorCodeClass, forgePrepare, type PrepareFlaw } from '../lib/codec';
import { FLAWED_DATA_LENGTH, parsePrepareFlaw, unreadableBody } from './support/malformed-words';
import type { IlpWorld } from './world';
import { connectorScenario, type ConnectorScenario } from './support/connector-scenario';
import { check, describeForwarded, describeSent, hex, sameBytes } from './support/connector-judge';
import type { SentPrepare } from '../lib/peers/sender';

defineParameterType({
  name: 'prepare flaw',
  regexp: /cut short by \d+ bytes?|with type byte \d+|with \d+ extra bytes? inside its envelope|followed by \d+ extra bytes?|with its (?:envelope|destination|data) length in long form/,
  transformer: (text: string) => ({ text, flaw: parsePrepareFlaw(text) }),
});

defineParameterType({
  name: 'unreadable body',
  regexp: /an empty body|\d+ bytes of garbage/,
  transformer: (text: string) => ({ text, bytes: unreadableBody(text) }),
});

// ------------------------------------------------------------------------------------ When

When(
  '{peer} sends a Prepare for {amount} to a destination behind {peer} {prepare flaw}',
  async function (this: IlpWorld, from: string, amount: bigint, to: string, spoiled: { text: string; flaw: PrepareFlaw }) {
    const s = await connectorScenario(this);
    const { prepare } = s.buildPrepare({ amount, destination: s.destinationBehind(to), data: new Uint8Array(randomBytes(FLAWED_DATA_LENGTH)) });
    const bytes = forgePrepare(prepare, spoiled.flaw);
    s.script.transcript.note(`${from} sends the Prepare below ${spoiled.text}: ${bytes.length} bytes on the wire`);
    await s.sendBytes(from, bytes, { prepare });
  },
);

When('{peer} sends the connector {unreadable body}', async function (this: IlpWorld, from: string, body: { text: string; bytes: Uint8Array }) {
  const s = await connectorScenario(this);
  s.script.transcript.note(`${from} sends ${body.text} (${body.bytes.length} bytes)`);
  await s.sendBytes(from, body.bytes);
});

// ------------------------------------------------------------------------------------ Then

async function answerOf(s: ConnectorScenario, peer: string): Promise<SentPrepare> {
  const exchange = s.exchangeOf(peer);
  const sent = await s.resultOf(exchange);
  s.inspect(exchange);
  return sent;
}

/** An HTTP 4xx, or a final Reject the connector triggered: the refusals RFC 35 and RFC 27 allow. */
function refusal(s: ConnectorScenario, sent: SentPrepare): 'http' | 'ilp' | undefined {
  const status = sent.response?.status;
  if (status !== undefined && status >= 400 && status < 500) return 'http';
  const o = sent.outcome;
  if (o.kind === 'rejected' && errorCodeClass(o.reject.code) === 'final' && o.reject.triggeredBy === s.topology.sut.address) return 'ilp';
  return undefined;
}

Then(
  "the connector answers {peer}'s request with HTTP 4xx or a Reject with code {error code}",
  async function (this: IlpWorld, peer: string, code: string) {
    const s = await connectorScenario(this);
    const sent = await answerOf(s, peer);
    const status = sent.response?.status;
    const o = sent.outcome;
    const passed = (status !== undefined && status >= 400 && status < 500) || (o.kind === 'rejected' && o.reject.code === code);
    check(s, 'primary', passed, `HTTP 4xx, or a Reject with code ${code}`, () => describeSent(sent));
  },
);

/**
 * For a Prepare in a form RFC 27 or RFC 30 lets a receiver either accept or refuse. Refused: the refusal is
 * an HTTP 4xx or a final Reject the connector triggered, and nothing went on (ERR-015). Accepted: `to`
 * received one Prepare in canonical OER and nothing else (OER-001) carrying the condition, destination and
 * data `from` meant, and `from` got the Fulfill `to` sent (the scenario's primary requirement).
 */
Then(
  "the connector refuses {peer}'s request, or forwards {peer} the Prepare it encodes and passes back the Fulfill",
  async function (this: IlpWorld, from: string, to: string) {
    const s = await connectorScenario(this);
    const sent = await answerOf(s, from);
    const meant = sent.prepare!;
    const arrived = s.script.forwarded;
    const refused = refusal(s, sent);
    if (refused || arrived.length === 0) {
      check(
        s,
        ['ERR-015'],
        refused !== undefined && arrived.length === 0,
        `a refusal (HTTP 4xx, or a final Reject with triggeredBy = ${s.topology.sut.address}) and nothing forwarded, or the Prepare forwarded to ${to}`,
        () => `${describeSent(sent)}; ${arrived.length ? arrived.map((f) => `${f.peer} received ${describeForwarded(f)}`).join(' | ') : 'no peer received anything'}`,
      );
      this.log(`The connector refused the Prepare (${refused === 'http' ? `HTTP ${sent.response?.status}` : `Reject ${sent.outcome.kind === 'rejected' ? sent.outcome.reject.code : ''}`})`);
      return;
    }
    this.log('The connector accepted the Prepare and forwarded it');
    const f = arrived[0]!;
    let canonical = '';
    try {
      decodePrepare(f.raw, { mode: 'strict', rejectTrailingBytes: true });
    } catch (error) {
      canonical = (error as Error).message;
    }
    check(s, ['OER-001'], canonical === '', `the connector forwards one Prepare in canonical OER, nothing after it`, () =>
      `${arrived.map((a) => `${a.peer} received ${a.raw.length} bytes: ${describeForwarded(a)}`).join(' | ')}${canonical ? `; not canonical: ${canonical}` : ''}`,
    );
    const p = f.prepare;
    const intact = p !== undefined && arrived.length === 1 && f.peer === to && sameBytes(p.executionCondition, meant.executionCondition) && p.destination === meant.destination && sameBytes(p.data, meant.data);
    const o = sent.outcome;
    const preimage = s.script.preimageOf(meant.executionCondition);
    const fulfilled = o.kind === 'fulfilled' && preimage !== undefined && sameBytes(o.fulfill.fulfillment, preimage);
    check(
      s,
      'primary',
      intact && fulfilled,
      `${to} alone receives the condition ${hex(meant.executionCondition)}, destination ${meant.destination} and the ${meant.data.length} bytes of data ${from} sent, and ${from} receives ${to}'s Fulfill`,
      () => `${arrived.map((a) => `${a.peer} received ${describeForwarded(a)}`).join(' | ')}; ${from} got ${describeSent(sent)}`,
    );
  },
);
