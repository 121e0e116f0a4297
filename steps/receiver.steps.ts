/**
 * Steps of the receiver profile (features/receiver/): the harness as SPSP client, STREAM sender and the
 * receiver's upstream connector. When-steps store (receiver-scenario.ts); Then-steps judge (receiver-judge.ts).
 * "the sender" is the harness's STREAM client; "the receiver" is the target.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { frame, UINT64_MAX_BIG, type StreamFrame } from '../lib/codec';
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
Then('the SPSP answer came over HTTPS with a certificate the sender trusts', function (this: IlpWorld) {
  judge(this).spspOverHttps();
});
Then('the SPSP answer has content type {string}', function (this: IlpWorld, type: string) {
  judge(this).spspHeader('content-type', (v) => (v ?? '').split(';')[0]!.trim().toLowerCase() === type, `Content-Type ${type}`);
});
Then('the SPSP answer says how long to cache it', function (this: IlpWorld) {
  judge(this).spspHeader('cache-control', (v) => v !== undefined && (/\bno-cache\b/.test(v) || /\bmax-age=[1-9]\d*\b/.test(v)), 'Cache-Control with a positive max-age (or no-cache)');
});
Then('the SPSP answer allows any origin', function (this: IlpWorld) {
  judge(this).spspHeader('access-control-allow-origin', (v) => v === '*', 'Access-Control-Allow-Origin: *');
});
Then('its destination_account is a valid ILP address', function (this: IlpWorld) {
  judge(this).spspAddress();
});
Then('its shared_secret decodes to {int} bytes', function (this: IlpWorld, bytes: number) {
  judge(this).spspSecretLength(bytes);
});
Then('its shared_secret is base64 with padding', function (this: IlpWorld) {
  judge(this).spspSecretBase64();
});
Then('the two answers hold different shared secrets', function (this: IlpWorld) {
  judge(this).spspDistinctSecrets();
});

// ------------------------------------------------------------------------------------------------ STREAM: When

Given('a STREAM connection to the receiver', async function (this: IlpWorld) {
  await scenario(this).connect();
});
When('the sender pays {amount} on stream {uint}', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)] });
});
When('the sender pays {amount} on stream {uint} twice', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)] });
  await scenario(this).send({ amount, frames: [money(stream)] });
});
When('the sender pays {amount} on stream {uint} twice, announcing its address', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  // Senders such as @interledger/pay announce their address in their first packets; some receivers state their
  // asset details only in answer to it (RFC 29 §4.3.1).
  const announce = frame({ name: 'ConnectionNewAddress', sourceAccount: 'test.harness.sender' });
  await scenario(this).send({ amount, frames: [announce, money(stream)] });
  await scenario(this).send({ amount, frames: [announce, money(stream)] });
});
When('the sender pays {amount} split as {uint} shares on stream {uint} and {uint} shares on stream {uint}', async function (this: IlpWorld, amount: bigint, a: bigint, s1: bigint, b: bigint, s2: bigint) {
  await scenario(this).send({ amount, frames: [money(s1, a), money(s2, b)] });
});
When('the sender probes with {amount} on stream {uint} under an unfulfillable condition', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)], condition: 'random' });
});
When('the sender sends {amount} on stream {uint} encrypted under another shared secret', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)], wrongKey: true });
});
When('the sender sends {amount} with data that is no STREAM packet', async function (this: IlpWorld, amount: bigint) {
  await scenario(this).send({ amount, rawData: new Uint8Array(64).fill(0x5a) });
});
When('the sender sends {amount} on stream {uint} asking for at least {amount}', async function (this: IlpWorld, amount: bigint, stream: bigint, minimum: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)], minimum });
});
When('the sender sends {amount} on stream {uint} in a STREAM packet meant for a Fulfill', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  await scenario(this).send({ amount, frames: [money(stream)], claimedType: 13 });
});
When('the sender pays {amount} on stream {uint} with {int} junk bytes after the frames', async function (this: IlpWorld, amount: bigint, stream: bigint, junk: number) {
  await scenario(this).send({ amount, frames: [money(stream)], junk });
});
When('the sender pays {amount} on stream {uint} with a frame of unknown type {int}', async function (this: IlpWorld, amount: bigint, stream: bigint, type: number) {
  await scenario(this).send({ amount, frames: [frame({ name: 'Unknown', type, contents: Uint8Array.from([1, 2, 3]) }), money(stream)] });
});
When('the sender pays {amount} on stream {uint} saying it wants to send 2^64', async function (this: IlpWorld, amount: bigint, stream: bigint) {
  // StreamMoneyBlocked with sendMax = 2^64 (a 9-byte VarUInt), built byte by byte: the codec never writes one.
  const wide = Uint8Array.from([0x01, Number(stream), 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00]);
  await scenario(this).send({ amount, frames: [money(stream), frame({ name: 'Unknown', type: 0x13, contents: wide })] });
});
When('the sender sends {uint} bytes of data on stream {uint}', async function (this: IlpWorld, length: bigint, stream: bigint) {
  await scenario(this).send({ amount: 0n, frames: [data(stream, 0n, length)] });
});
When('the sender sends more than half the connection\'s data limit on stream {uint} twice at the same offset', async function (this: IlpWorld, stream: bigint) {
  const perStream = await limit(this, stream, 'streamData');
  const connection = await limit(this, stream, 'connectionData');
  const size = [perStream, 16_000n, connection / 2n + 1n].reduce((a, b) => (a < b ? a : b));
  if (size * 2n <= connection) this.judgements.fail('primary', 'a stream limit above half the connection limit, so a resend counted twice would exceed it', `StreamMaxData ${perStream}, ConnectionMaxData ${connection}`);
  await scenario(this).send({ amount: 0n, frames: [data(stream, 0n, size)] });
  await scenario(this).send({ amount: 0n, frames: [data(stream, 0n, size)] });
});
When('the sender sends as much data on stream {uint} as the receiver advertises', async function (this: IlpWorld, stream: bigint) {
  const max = await limit(this, stream, 'streamData');
  await scenario(this).send({ amount: 0n, frames: [data(stream, 0n, max)] });
});
When('the sender sends one byte more on stream {uint} than the receiver advertises', async function (this: IlpWorld, stream: bigint) {
  const max = await limit(this, stream, 'streamData');
  await scenario(this).send({ amount: 0n, frames: [data(stream, 0n, max + 1n)] });
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
    await scenario(this).send({ amount: 0n, frames: [data(id, 0n, size)] });
    sent += size;
    if (scenario(this).last.outcome.kind !== 'fulfilled') break;
  }
});
When('the sender sends {uint} bytes of data on each of streams {uint} and {uint}', async function (this: IlpWorld, length: bigint, s1: bigint, s2: bigint) {
  await scenario(this).send({ amount: 0n, frames: [data(s1, 0n, length), data(s2, 0n, length)] });
});
When('the sender states its asset as {word} with scale {int}', async function (this: IlpWorld, code: string, scale: number) {
  await scenario(this).send({ amount: 0n, frames: [frame({ name: 'ConnectionAssetDetails', sourceAssetCode: code, sourceAssetScale: scale })] });
});
When('the sender closes the connection', async function (this: IlpWorld) {
  await scenario(this).send({ amount: 0n, frames: [frame({ name: 'ConnectionClose', errorCode: 1, errorMessage: '' })] });
});

// ------------------------------------------------------------------------------------------------ STREAM: Then

Then('the receiver fulfills it', function (this: IlpWorld) {
  judge(this).fulfilled();
});
Then('the receiver does not fulfill it', function (this: IlpWorld) {
  judge(this).notFulfilled();
});
Then('the receiver rejects it with {error code}', function (this: IlpWorld, code: string) {
  judge(this).rejectedWith(code);
});
Then('the receiver rejects it with its encrypted STREAM reply', function (this: IlpWorld) {
  judge(this).rejectCarriesReply();
});
Then('the reply carries the sequence of the sender\'s packet', function (this: IlpWorld) {
  judge(this).replySequence();
});
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
Then('every reply states the same asset details', function (this: IlpWorld) {
  judge(this).sameAssetDetails();
});
Then('the reply states the receiver\'s asset details', function (this: IlpWorld) {
  judge(this).statesAssetDetails();
});
Then('the reply decrypts under the connection\'s encryption key', function (this: IlpWorld) {
  judge(this).replyDecrypts();
});
Then('every reply was encrypted under a fresh IV', function (this: IlpWorld) {
  judge(this).freshIvs();
});
