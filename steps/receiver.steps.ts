/**
 * Steps of the receiver profile (features/receiver/): the harness as SPSP client, STREAM sender and the
 * receiver's upstream connector. When-steps store (receiver-scenario.ts); Then-steps judge (receiver-judge.ts).
 * "the sender" is the harness's STREAM client; "the receiver" is the target.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { frame, UINT64_MAX_BIG, type StreamFrame } from '../lib/codec';
import type { StreamSendOptions } from '../lib/peers/stream-client';
import { ReceiverJudge } from './support/receiver-judge';
import { ReceiverScenario } from './support/receiver-scenario';
import type { IlpWorld } from './world';

const scenario = (w: IlpWorld) => ReceiverScenario.of(w);

/** A limit the receiver advertised for a stream, or a failed check of the scenario's requirement when it states none. */
async function limit(w: IlpWorld, stream: bigint, which: 'streamData' | 'receiveMax' | 'connectionData'): Promise<bigint> {
  const limits = await scenario(w).advertisedLimits(stream);
  const found = limits[which];
  const frameName = { streamData: 'StreamMaxData', receiveMax: 'StreamMaxMoney', connectionData: 'ConnectionMaxData' }[which];
  if (found === undefined) w.judgements.fail('primary', `a ${frameName} frame in the reply to a packet opening stream ${stream}`, 'none: the receiver advertised no limit to test against');
  return found!;
}
const judge = (w: IlpWorld) => new ReceiverJudge(w, scenario(w));
const money = (stream: bigint, shares = 1n): StreamFrame => frame({ name: 'StreamMoney', streamId: stream, shares });
const data = (stream: bigint, offset: bigint, length: bigint): StreamFrame => frame({ name: 'StreamData', streamId: stream, offset, data: new Uint8Array(Number(length)).fill(0x61) });

/** A Then-step without parameters that is one check of the judge. */
function check(phrase: string, run: (j: ReceiverJudge) => void): void {
  Then(phrase, function (this: IlpWorld) {
    run(judge(this));
  });
}

interface Payment {
  /** How the packet is sent (a probe, another key, ...). */
  readonly send?: Omit<StreamSendOptions, 'amount' | 'frames'>;
  /** Its frames; default a StreamMoney frame on the stream. */
  readonly frames?: (stream: bigint) => StreamFrame[];
  /** How many such packets, one after the other; default 1. */
  readonly times?: number;
}

/** A When-step `... {amount} on stream {uint} ...`: packets of that amount on that stream, as `p` says. */
function payment(phrase: string, p: Payment = {}): void {
  When(phrase, async function (this: IlpWorld, amount: bigint, stream: bigint) {
    for (let i = 0; i < (p.times ?? 1); i++) await scenario(this).send({ amount, frames: p.frames ? p.frames(stream) : [money(stream)], ...p.send });
  });
}

/** One packet moving no money, with these frames. */
const sendFrames = (w: IlpWorld, ...frames: StreamFrame[]) => scenario(w).send({ amount: 0n, frames });

// ------------------------------------------------------------------------------------------------ SPSP

When('the sender queries the receiver\'s SPSP endpoint', async function (this: IlpWorld) {
  await scenario(this).query();
});
When('the sender queries the receiver\'s SPSP endpoint twice', async function (this: IlpWorld) {
  await scenario(this).query();
  await scenario(this).query();
});
When('the sender queries the SPSP endpoint of a receiver that does not exist', async function (this: IlpWorld) {
  await scenario(this).query((await scenario(this).target()).spspUrlOf('nobody-by-this-name'));
});
When('the sender asks the receiver\'s SPSP endpoint for its options', async function (this: IlpWorld) {
  await scenario(this).query(undefined, 'OPTIONS');
});
Then('the SPSP answer has status {int}', function (this: IlpWorld, status: number) {
  judge(this).spspStatus(status);
});
Then('the SPSP answer has content type {string}', function (this: IlpWorld, type: string) {
  judge(this).spspHeader('content-type', (v) => (v ?? '').split(';')[0]!.trim().toLowerCase() === type, `Content-Type ${type}`);
});
Then('its shared_secret decodes to {int} bytes', function (this: IlpWorld, bytes: number) {
  judge(this).spspSecretLength(bytes);
});
check('the SPSP answer came over HTTPS with a certificate the sender trusts', (j) => j.spspOverHttps());
check('the SPSP answer says how long to cache it', (j) => j.spspHeader('cache-control', (v) => v !== undefined && (/\bno-cache\b/.test(v) || /\bmax-age=[1-9]\d*\b/.test(v)), 'Cache-Control with a positive max-age (or no-cache)'));
check('the SPSP answer allows any origin', (j) => j.spspHeader('access-control-allow-origin', (v) => v === '*', 'Access-Control-Allow-Origin: *'));
check('its destination_account is a valid ILP address', (j) => j.spspAddress());
check('its shared_secret is base64 with padding', (j) => j.spspSecretBase64());
check('the two answers hold different shared secrets', (j) => j.spspDistinctSecrets());

// ------------------------------------------------------------------------------------------------ STREAM: When

Given('a STREAM connection to the receiver', async function (this: IlpWorld) {
  await scenario(this).connect();
});
payment('the sender pays {amount} on stream {uint}');
payment('the sender pays {amount} on stream {uint} twice', { times: 2 });
// Senders such as @interledger/pay announce their address in their first packets; some receivers state their
// asset details only in answer to it (RFC 29 §4.3.1).
payment('the sender pays {amount} on stream {uint} twice, announcing its address', { times: 2, frames: (stream) => [frame({ name: 'ConnectionNewAddress', sourceAccount: 'test.harness.sender' }), money(stream)] });
payment('the sender probes with {amount} on stream {uint} under an unfulfillable condition', { send: { condition: 'random' } });
payment('the sender sends {amount} on stream {uint} encrypted under another shared secret', { send: { wrongKey: true } });
payment('the sender sends {amount} on stream {uint} in a STREAM packet meant for a Fulfill', { send: { claimedType: 13 } });
// StreamMoneyBlocked with sendMax = 2^64 (a 9-byte VarUInt), built byte by byte: the codec never writes one.
payment('the sender pays {amount} on stream {uint} saying it wants to send 2^64', {
  frames: (stream) => [money(stream), frame({ name: 'Unknown', type: 0x13, contents: Uint8Array.from([0x01, Number(stream), 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00]) })],
});
When('the sender pays {amount} split as {uint} shares on stream {uint} and {uint} shares on stream {uint}', async function (this: IlpWorld, amount: bigint, a: bigint, s1: bigint, b: bigint, s2: bigint) {
  await scenario(this).send({ amount, frames: [money(s1, a), money(s2, b)] });
});
When('the sender sends {amount} with data that is no STREAM packet', async function (this: IlpWorld, amount: bigint) {
  await scenario(this).send({ amount, rawData: new Uint8Array(64).fill(0x5a) });
});
When('the sender sends {amount} on stream {uint} asking for at least {amount}', async function (this: IlpWorld, amount: bigint, stream: bigint, minimum: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)], minimum });
});
When('the sender pays {amount} on stream {uint} with {int} junk bytes after the frames', async function (this: IlpWorld, amount: bigint, stream: bigint, junk: number) {
  await scenario(this).send({ amount, frames: [money(stream)], junk });
});
When('the sender pays {amount} on stream {uint} with a frame of unknown type {int}', async function (this: IlpWorld, amount: bigint, stream: bigint, type: number) {
  await scenario(this).send({ amount, frames: [frame({ name: 'Unknown', type, contents: Uint8Array.from([1, 2, 3]) }), money(stream)] });
});
When('the sender sends {uint} bytes of data on stream {uint}', async function (this: IlpWorld, length: bigint, stream: bigint) {
  await sendFrames(this, data(stream, 0n, length));
});
When('the sender sends more than half the connection\'s data limit on stream {uint} twice at the same offset', async function (this: IlpWorld, stream: bigint) {
  const perStream = await limit(this, stream, 'streamData');
  const connection = await limit(this, stream, 'connectionData');
  const size = [perStream, 16_000n, connection / 2n + 1n].reduce((a, b) => (a < b ? a : b));
  if (size * 2n <= connection) this.judgements.fail('primary', 'a stream limit above half the connection limit, so a resend counted twice would exceed it', `StreamMaxData ${perStream}, ConnectionMaxData ${connection}`);
  await sendFrames(this, data(stream, 0n, size));
  await sendFrames(this, data(stream, 0n, size));
});
When('the sender sends as much data on stream {uint} as the receiver advertises', async function (this: IlpWorld, stream: bigint) {
  const max = await limit(this, stream, 'streamData');
  await sendFrames(this, data(stream, 0n, max));
});
When('the sender sends one byte more on stream {uint} than the receiver advertises', async function (this: IlpWorld, stream: bigint) {
  const max = await limit(this, stream, 'streamData');
  await sendFrames(this, data(stream, 0n, max + 1n));
});
When('the sender pays one unit more on stream {uint} than the receiver advertises', async function (this: IlpWorld, stream: bigint) {
  const max = await limit(this, stream, 'receiveMax');
  if (max >= UINT64_MAX_BIG) this.judgements.fail('primary', 'a receive maximum below the largest ILP amount, so a sender can exceed it', `receiveMax ${max}`);
  await scenario(this).send({ amount: max + 1n, frames: [money(stream)] });
});
When('the sender spreads one byte more data than the connection allows over new streams', async function (this: IlpWorld) {
  const perStream = await limit(this, 1n, 'streamData');
  const connection = await limit(this, 1n, 'connectionData');
  // Each packet carries at most CHUNK bytes (ILP data holds 32767, less the encryption and framing).
  const CHUNK = 16_000n;
  let sent = 0n;
  for (let id = 3n; sent <= connection; id += 2n) {
    const size = [perStream, CHUNK, connection + 1n - sent].reduce((a, b) => (a < b ? a : b));
    await sendFrames(this, data(id, 0n, size));
    sent += size;
    if (scenario(this).last.outcome.kind !== 'fulfilled') break;
  }
});
When('the sender sends {uint} bytes of data on each of streams {uint} and {uint}', async function (this: IlpWorld, length: bigint, s1: bigint, s2: bigint) {
  await sendFrames(this, data(s1, 0n, length), data(s2, 0n, length));
});
When('the sender states its asset as {word} with scale {int}', async function (this: IlpWorld, code: string, scale: number) {
  await sendFrames(this, frame({ name: 'ConnectionAssetDetails', sourceAssetCode: code, sourceAssetScale: scale }));
});
When('the sender closes the connection', async function (this: IlpWorld) {
  await sendFrames(this, frame({ name: 'ConnectionClose', errorCode: 1, errorMessage: '' }));
});

// ------------------------------------------------------------------------------------------------ STREAM: Then

check('the receiver fulfills it', (j) => j.fulfilled());
check('the receiver does not fulfill it', (j) => j.notFulfilled());
Then('the receiver rejects it with {error code}', function (this: IlpWorld, code: string) {
  judge(this).rejectedWith(code);
});
check('the receiver rejects it with its encrypted STREAM reply', (j) => j.rejectCarriesReply());
check('the reply carries the sequence of the sender\'s packet', (j) => j.replySequence());
Then('the reply states {amount} as the amount received', function (this: IlpWorld, amount: bigint) {
  judge(this).replyAmount(amount);
});
Then('the receiver closes the connection with {word}', function (this: IlpWorld, error: string) {
  judge(this).closedWith(error);
});
Then('the reply shows {amount} received on stream {uint}', function (this: IlpWorld, amount: bigint, stream: bigint) {
  judge(this).credited(amount, stream);
});
Then('the receive maximum advertised for stream {uint} never shrank', function (this: IlpWorld, stream: bigint) {
  judge(this).receiveMaxNeverShrank(stream);
});
check('every reply states the same asset details', (j) => j.sameAssetDetails());
check('the reply states the receiver\'s asset details', (j) => j.statesAssetDetails());
check('the reply decrypts under the connection\'s encryption key', (j) => j.replyDecrypts());
check('every reply was encrypted under a fresh IV', (j) => j.freshIvs());
