/**
 * Connector steps (routing, errors, conditions, timeouts, amounts, IL-DCP): the harness peers send Prepares
 * to the connector and answer what it forwards. Given-steps script peers or state what the topology must say;
 * When-steps send and store; Then-steps judge. HTTP words live in http-binding.steps.ts.
 */
import { randomBytes } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import {
  buildIldcpRequest,
  decodeAmountTooLargeData,
  decodeIldcpResponse,
  decodePacket,
  encodePacket,
  errorCodeClass,
  forgePrepare,
  fulfillmentMatches,
  ildcpFulfillProblem,
} from '../lib/codec';
import type { PeerBehaviour } from '../lib/peers/behaviour';
import { peerAddress } from '../lib/peers/addresses';
import { peerByName } from '../contracts/topology';
import type { IlpWorld } from './world';
import { connectorScenario, type ConnectorScenario, type Exchange } from './support/connector-scenario';
import {
  describeForwarded,
  describeSent,
  expectFulfill,
  expectReject,
  check,
  fail,
  hex,
  sameBytes,
} from './support/connector-judge';

type ErrorClass = 'final' | 'temporary' | 'relative';

// ------------------------------------------------------------------------------------ Given: the topology

/** These Givens state what the scenario relies on; a topology that says otherwise is a harness error. */
function topologyMismatch(what: string, found: string): Error {
  return new Error(`Harness configuration: the scenario assumes ${what}, but the topology says ${found}`);
}

Given('{peer} may send packets of at most {amount}', async function (this: IlpWorld, peer: string, max: bigint) {
  const s = await connectorScenario(this);
  const actual = peerByName(s.topology, peer).maxPacketAmount;
  if (actual !== max) throw topologyMismatch(`${peer}'s maximum packet amount is ${max}`, String(actual));
});

Given('{peer} may owe the connector at most {amount}', async function (this: IlpWorld, peer: string, max: bigint) {
  const s = await connectorScenario(this);
  const actual = peerByName(s.topology, peer).balance.maximum;
  if (actual !== max) throw topologyMismatch(`${peer}'s maximum balance is ${max}`, String(actual));
});

/** The connector's side of the account: a minimum balance of -N lets the connector owe the peer at most N. */
Given('the connector may owe {peer} at most {amount}', async function (this: IlpWorld, peer: string, max: bigint) {
  const s = await connectorScenario(this);
  const minimum = peerByName(s.topology, peer).balance.minimum;
  if (-minimum !== max) throw topologyMismatch(`${peer}'s minimum balance is ${-max}`, String(minimum));
});

Given('{peer} settles in {word} at scale {int}', async function (this: IlpWorld, peer: string, code: string, scale: number) {
  const s = await connectorScenario(this);
  const asset = peerByName(s.topology, peer).asset;
  if (asset.code !== code || asset.scale !== scale) throw topologyMismatch(`${peer} settles in ${code} at scale ${scale}`, `${asset.code} at scale ${asset.scale}`);
});

Given('one {word} is worth {int} {word} at the connector', async function (this: IlpWorld, from: string, count: number, to: string) {
  const s = await connectorScenario(this);
  const a = Number(s.topology.rates[from]);
  const b = Number(s.topology.rates[to]);
  if (!(a > 0 && b > 0) || a / b !== count) {
    throw topologyMismatch(`one ${from} is worth ${count} ${to}`, `rates ${from}=${s.topology.rates[from] ?? 'none'}, ${to}=${s.topology.rates[to] ?? 'none'}`);
  }
});

Given('the connector routes {address} to {peer}', async function (this: IlpWorld, prefix: string, peer: string) {
  const s = await connectorScenario(this);
  const route = s.topology.routes.find((r) => r.prefix === prefix);
  if (route?.peer !== peer) throw topologyMismatch(`a route ${prefix} -> ${peer}`, route ? `${prefix} -> ${route.peer}` : `no route ${prefix}`);
});

Given('the connector is on the {word} network', async function (this: IlpWorld, network: string) {
  const s = await connectorScenario(this);
  if (s.topology.network !== network) throw topologyMismatch(`the ${network} network`, `the ${s.topology.network} network`);
});

/** The topology's link relation of `peer`, which the connector was configured from. */
async function expectRelation(world: IlpWorld, peer: string, relation: 'child' | 'peer' | 'parent', words: string): Promise<void> {
  const s = await connectorScenario(world);
  const actual = peerByName(s.topology, peer).relation;
  if (actual !== relation) throw topologyMismatch(words, `${peer} is a ${actual}`);
}

Given('{peer} is a child of the connector', function (this: IlpWorld, peer: string) {
  return expectRelation(this, peer, 'child', `${peer} is a child`);
});

Given('{peer} is a peer of the connector', function (this: IlpWorld, peer: string) {
  return expectRelation(this, peer, 'peer', `${peer} is a peer (neither child nor parent)`);
});

Given('the connector has a parent, {peer}', function (this: IlpWorld, peer: string) {
  return expectRelation(this, peer, 'parent', `${peer} is the connector's parent`);
});

// ------------------------------------------------------------------------------ Given: peer behaviour

Given('{peer} {behaviour}', async function (this: IlpWorld, peer: string, behaviour: PeerBehaviour) {
  (await connectorScenario(this)).script.script(peer, behaviour);
});

Given('for the next Prepare, {peer} {behaviour}', async function (this: IlpWorld, peer: string, behaviour: PeerBehaviour) {
  (await connectorScenario(this)).script.scriptNext(peer, behaviour);
});

// ------------------------------------------------------------------------------------- When: sending

async function sendTo(world: IlpWorld, from: string, amount: bigint, destination: (s: ConnectorScenario) => string, extra: { expiresInMs?: number; data?: Uint8Array } = {}) {
  const s = await connectorScenario(world);
  await s.send(from, s.buildPrepare({ amount, destination: destination(s), ...extra }));
}

When('{peer} sends a/another Prepare for {amount} to a destination behind {peer}', async function (this: IlpWorld, from: string, amount: bigint, to: string) {
  await sendTo(this, from, amount, (s) => s.destinationBehind(to));
});

When(
  '{peer} sends a/another Prepare for {amount} to a destination behind {peer} expiring in {duration}',
  async function (this: IlpWorld, from: string, amount: bigint, to: string, ms: number) {
    await sendTo(this, from, amount, (s) => s.destinationBehind(to), { expiresInMs: ms });
  },
);

When(
  '{peer} sends a Prepare for {amount} to a destination behind {peer} that expired {duration} ago',
  async function (this: IlpWorld, from: string, amount: bigint, to: string, ms: number) {
    await sendTo(this, from, amount, (s) => s.destinationBehind(to), { expiresInMs: -ms });
  },
);

When(
  '{peer} sends a Prepare for {amount} with {int} bytes of data to a destination behind {peer}',
  async function (this: IlpWorld, from: string, amount: bigint, size: number, to: string) {
    const data = new Uint8Array(randomBytes(size));
    await sendTo(this, from, amount, (s) => s.destinationBehind(to), { data });
  },
);

When(
  '{peer} sends a Prepare for {amount} to a destination behind {peer} forged to carry {int} bytes of data',
  async function (this: IlpWorld, from: string, amount: bigint, to: string, size: number) {
    const s = await connectorScenario(this);
    // The codec refuses to write data above 32767 bytes; the forge writes it with a correct length prefix.
    const { prepare } = s.buildPrepare({ amount, destination: s.destinationBehind(to) });
    const forged = { ...prepare, data: new Uint8Array(size) };
    await s.sendBytes(from, forgePrepare(forged, { kind: 'data-length', length: size }), { prepare: forged });
  },
);

When('{peer} sends a Prepare for {amount} to an address under {address}', async function (this: IlpWorld, from: string, amount: bigint, prefix: string) {
  await sendTo(this, from, amount, (s) => s.destinationUnder(prefix));
});

When(
  '{peer} and {peer} each send {int} Prepares to destinations behind {peer} at the same time',
  async function (this: IlpWorld, a: string, b: string, count: number, to: string) {
    const s = await connectorScenario(this);
    const sends: Promise<Exchange>[] = [];
    for (let i = 0; i < count; i++) {
      for (const from of [a, b]) sends.push(s.send(from, s.buildPrepare({ amount: BigInt(100 + i), destination: s.destinationBehind(to) })));
    }
    await Promise.all(sends);
  },
);

When('{peer} asks the connector for its address', async function (this: IlpWorld, from: string) {
  const s = await connectorScenario(this);
  const prepare = buildIldcpRequest(new Date(Date.now() + 4000 * s.multiplier));
  await s.send(from, { prepare });
});

When('{peer} sends an IL-DCP request whose condition is not the peer-protocol condition', async function (this: IlpWorld, from: string) {
  const s = await connectorScenario(this);
  // A fresh random condition: no 32 zero bytes hash to it, so the connector cannot answer with a Fulfill.
  await s.send(from, s.buildPrepare({ amount: 0n, destination: 'peer.config' }));
});

When('{peer} rejects the held Prepare with code {error code}', async function (this: IlpWorld, peer: string, code: string) {
  await release(this, peer, { kind: 'reject', code });
});

When('{peer} fulfills the held Prepare', async function (this: IlpWorld, peer: string) {
  await release(this, peer, { kind: 'fulfill' });
});

When('{peer} has sent its answer', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = s.script.forwardedTo(peer).at(-1);
  if (!f) fail(s, `${peer} received a Prepare to answer`, `${peer} received nothing`);
  const lateMs = f.behaviour.kind === 'fulfill-after-expiry' ? f.behaviour.lateMs : 0;
  const deadline = (f.prepare?.expiresAt.getTime() ?? Date.now()) + lateMs;
  if (!(await s.script.waitUntil(() => f.reply !== undefined, s.boundUntil(deadline)))) {
    throw new Error(`Harness: ${peer} did not get its answer out within ${s.boundUntil(deadline)} ms`);
  }
});

async function release(world: IlpWorld, peer: string, behaviour: PeerBehaviour): Promise<void> {
  const s = await connectorScenario(world);
  if (!s.script.release(peer, behaviour)) {
    fail(s, `${peer} holds a Prepare of this scenario`, `${peer} holds none (${describeForwarded(s.script.forwardedTo(peer).at(-1))})`);
  }
}

// ---------------------------------------------------------------------------- Then: what senders get

Then('{peer} receives a Fulfill', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  await expectFulfill(s, s.exchangeOf(peer));
});

Then('{peer} receives a Reject with code {error code}', async function (this: IlpWorld, peer: string, code: string) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer), { codes: [code] });
});

Then('{peer} receives a Reject with code {error code} or {error code}', async function (this: IlpWorld, peer: string, a: string, b: string) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer), { codes: [a, b] });
});

Then('{peer} receives a {error class} Reject', async function (this: IlpWorld, peer: string, cls: ErrorClass) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer), { classes: [cls] });
});

Then('{peer} receives a {error class} or {error class} Reject', async function (this: IlpWorld, peer: string, a: ErrorClass, b: ErrorClass) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer), { classes: [a, b] });
});

Then('{peer} receives a Reject', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const sent = await expectReject(s, s.exchangeOf(peer), { any: true });
  if (sent.outcome.kind === 'rejected') this.log(`The connector chose code ${sent.outcome.reject.code} (${errorCodeClass(sent.outcome.reject.code) ?? 'unassigned'})`);
});

Then('the answer to {peer}\'s {ordinal} Prepare is a Reject with code {error code}', async function (this: IlpWorld, peer: string, n: number, code: string) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer, n), { codes: [code] });
});

Then('the answer to {peer}\'s {ordinal} Prepare is a Reject', async function (this: IlpWorld, peer: string, n: number) {
  const s = await connectorScenario(this);
  await expectReject(s, s.exchangeOf(peer, n), { any: true });
});

/** The latest judged Reject of `peer`. */
async function rejectOf(s: ConnectorScenario, peer: string) {
  const exchange = s.exchangeOf(peer);
  const sent = await s.resultOf(exchange);
  s.inspect(exchange);
  if (sent.outcome.kind !== 'rejected') fail(s, `${peer} receives a Reject`, describeSent(sent));
  return sent.outcome.reject;
}

Then('the Reject {peer} receives is triggered by the connector', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const reject = await rejectOf(s, peer);
  check(s, ['ERR-009', 'DCP-003'], reject.triggeredBy === s.topology.sut.address,
    `triggeredBy = ${s.topology.sut.address} (the connector's address: it created this Reject)`, () => `triggeredBy = ${JSON.stringify(reject.triggeredBy)} (code ${reject.code})`);
});

Then('the Reject {peer} receives carries the code, triggeredBy and data {peer} sent', async function (this: IlpWorld, peer: string, downstream: string) {
  const s = await connectorScenario(this);
  const reject = await rejectOf(s, peer);
  const sentBy = lastReply(s, downstream);
  if (sentBy?.packet.type !== 14) fail(s, `${downstream} answered with a Reject`, describeForwarded(s.script.forwardedTo(downstream).at(-1)));
  const original = sentBy.packet;
  check(s, ['ERR-012'], reject.code === original.code, `the Reject ${downstream} sent, relayed with its code ${original.code}`, `code ${reject.code}`);
  check(s, ['ERR-009'], reject.triggeredBy === original.triggeredBy, `triggeredBy ${original.triggeredBy} left as ${downstream} sent it`, () => `triggeredBy ${JSON.stringify(reject.triggeredBy)}`);
  check(s, ['ERR-011', 'PKT-013'], sameBytes(reject.data, original.data), `its ${original.data.length} data bytes unchanged`,
    () => `data ${hex(reject.data).slice(0, 64)}... (${reject.data.length} bytes) instead of ${hex(original.data).slice(0, 64)}... (${original.data.length} bytes)`);
});

Then('the Fulfill {peer} receives carries the fulfillment and data {peer} sent', async function (this: IlpWorld, peer: string, downstream: string) {
  const s = await connectorScenario(this);
  const exchange = s.exchangeOf(peer);
  const sent = await expectFulfill(s, exchange);
  if (sent.outcome.kind !== 'fulfilled') return;
  const got = sent.outcome.fulfill;
  const reply = lastReply(s, downstream);
  if (reply?.packet.type !== 13) fail(s, `${downstream} answered with a Fulfill`, describeForwarded(s.script.forwardedTo(downstream).at(-1)));
  const original = reply.packet;
  check(s, ['COND-004'], sameBytes(got.fulfillment, original.fulfillment), `fulfillment ${hex(original.fulfillment)} exactly as ${downstream} sent it`, () => `fulfillment ${hex(got.fulfillment)}`);
  check(s, ['PKT-013'], sameBytes(got.data, original.data), `the Fulfill's ${original.data.length} data bytes exactly as ${downstream} sent them`,
    () => `data ${got.data.length} bytes, first difference at byte ${firstDifference(got.data, original.data)}`);
  if (exchange.prepare && !fulfillmentMatches(got.fulfillment, exchange.prepare.executionCondition)) {
    fail(s, 'a fulfillment whose SHA-256 is the condition of the Prepare sent', `fulfillment ${hex(got.fulfillment)}`);
  }
});

Then('the Reject\'s data holds received amount {amount} and maximum amount {amount}', async function (this: IlpWorld, received: bigint, maximum: bigint) {
  const s = await connectorScenario(this);
  const last = s.allExchanges.at(-1);
  if (!last) throw new Error('Harness: no Prepare was sent in this scenario');
  const reject = await rejectOf(s, last.from);
  let decoded;
  try {
    decoded = decodeAmountTooLargeData(reject.data);
  } catch (error) {
    fail(s, `data = UInt64 ${received} || UInt64 ${maximum} (16 bytes)`, `data ${hex(reject.data) || '(empty)'}: ${(error as Error).message}`);
  }
  if (decoded.receivedAmount !== received || decoded.maximumAmount !== maximum) {
    fail(s, `received amount ${received}, maximum amount ${maximum}`, `received amount ${decoded.receivedAmount}, maximum amount ${decoded.maximumAmount} (data ${hex(reject.data)})`);
  }
});

Then('{peer} receives the Reject before its Prepare expires', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const exchange = s.exchangeOf(peer);
  const sent = await s.resultOf(exchange);
  s.inspect(exchange);
  if (sent.outcome.kind !== 'rejected' || !sent.prepare) fail(s, `${peer} receives a Reject`, describeSent(sent));
  const answeredAt = sent.sentAt + sent.outcome.elapsedMs;
  const margin = sent.prepare.expiresAt.getTime() - answeredAt;
  if (margin < 0) fail(s, `the Reject arrives no later than the Prepare's expiresAt ${sent.prepare.expiresAt.toISOString()}`, `it arrived ${-margin} ms after it`);
});

// ------------------------------------------------------------------------ Then: what peers receive

function lastReply(s: ConnectorScenario, peer: string) {
  const reply = s.script.forwardedTo(peer).at(-1)?.reply;
  return reply?.kind === 'packet' ? reply : undefined;
}

async function forwardedTo(s: ConnectorScenario, peer: string, count = 1) {
  const deadline = Math.max(...s.allExchanges.map((e) => e.prepare?.expiresAt.getTime() ?? Date.now()));
  await s.script.waitUntil(() => s.script.forwardedTo(peer).length >= count, s.boundUntil(deadline));
  return s.script.forwardedTo(peer);
}

Then('{peer} receives the Prepare', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const got = await forwardedTo(s, peer);
  if (got.length === 0) fail(s, `${peer} receives the Prepare`, `${peer} received nothing; ${othersDescription(s, peer)}`);
});

Then('{peer} receives a Prepare for {amount}', async function (this: IlpWorld, peer: string, amount: bigint) {
  const s = await connectorScenario(this);
  const got = (await forwardedTo(s, peer)).at(-1);
  if (!got) fail(s, `${peer} receives a Prepare for ${amount}`, `${peer} received nothing; ${othersDescription(s, peer)}`);
  if (got.prepare?.amount !== amount) fail(s, `${peer} receives a Prepare for ${amount}`, describeForwarded(got));
});

Then('{peer} receives {int} Prepare(s)', async function (this: IlpWorld, peer: string, count: number) {
  const s = await connectorScenario(this);
  await settleAll(s);
  const got = s.script.forwardedTo(peer);
  if (got.length !== count) fail(s, `${peer} receives ${count} Prepare(s) of this scenario`, `${got.length}: ${got.map(describeForwarded).join(' | ') || 'none'}`);
});

// AMT-005 with AMT-003's freedom of rounding: rounded down, nothing is left and R01 is due; rounded up, a
// non-zero amount goes on. A zero-amount Prepare at the next hop, or any other answer, fails.
Then(
  'either {peer} receives a Reject with code R01 from the connector, or {peer} receives a Prepare for more than 0',
  async function (this: IlpWorld, sender: string, peer: string) {
    const s = await connectorScenario(this);
    const exchange = s.exchangeOf(sender);
    const sent = await s.resultOf(exchange);
    s.inspect(exchange);
    await settleAll(s);
    const got = s.script.forwardedTo(peer);
    const expected = `R01 from ${s.topology.sut.address} and nothing at ${peer}, or a Prepare for more than 0 at ${peer}`;
    if (got.some((f) => f.prepare?.amount === 0n)) fail(s, expected, `${peer} received ${got.map(describeForwarded).join(' | ')}`);
    if (got.length > 0) {
      this.log(`The connector rounded up: ${peer} received ${got.map(describeForwarded).join(' | ')}`);
      return;
    }
    const r = sent.outcome.kind === 'rejected' ? sent.outcome.reject : undefined;
    check(s, 'primary', r?.code === 'R01', expected, () => `${peer} received nothing; ${sender} got ${describeSent(sent)}`);
    check(s, ['ERR-009'], r?.triggeredBy === s.topology.sut.address, `the R01 triggered by the connector, ${s.topology.sut.address}`, () => `triggeredBy ${JSON.stringify(r?.triggeredBy)}`);
  },
);

Then('{peer} receives nothing', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  await settleAll(s);
  const got = s.script.forwardedTo(peer);
  if (got.length > 0) fail(s, `${peer} receives nothing`, `${peer} received ${got.map(describeForwarded).join(' | ')}`);
});

Then('no peer receives the Prepare', async function (this: IlpWorld) {
  const s = await connectorScenario(this);
  await settleAll(s);
  const got = s.script.forwarded;
  if (got.length > 0) fail(s, 'the connector forwards nothing', got.map((f) => `${f.peer} received ${describeForwarded(f)}`).join(' | '));
});

/**
 * Absence is judged once every Prepare of the scenario has its answer or is held by a harness peer (so any
 * forward would have happened by now).
 */
async function settleAll(s: ConnectorScenario): Promise<void> {
  const held = () => s.script.heldPrepares.map((f) => f.prepare?.executionCondition).filter((c): c is Uint8Array => c !== undefined);
  const settled = () => s.allExchanges.every((e) => e.result || (e.prepare && held().some((c) => sameBytes(c, e.prepare!.executionCondition))));
  const deadline = Math.max(Date.now(), ...s.allExchanges.map((e) => e.prepare?.expiresAt.getTime() ?? 0));
  await s.script.waitUntil(settled, s.boundUntil(deadline), 'held');
}

function othersDescription(s: ConnectorScenario, peer: string): string {
  const others = s.script.forwarded.filter((f) => f.peer !== peer);
  const last = s.allExchanges.at(-1)?.result;
  return [
    others.length ? `instead ${others.map((f) => `${f.peer} received ${describeForwarded(f)}`).join(' | ')}` : 'no other peer received it either',
    last ? `the sender got ${describeSent(last)}` : 'the sender has no answer yet',
  ].join('; ');
}

Then(
  'the Prepare {peer} receives has the condition, destination and data {peer} sent',
  async function (this: IlpWorld, peer: string, sender: string) {
    const s = await connectorScenario(this);
    const got = (await forwardedTo(s, peer)).at(-1)?.prepare;
    const original = s.exchangeOf(sender).prepare!;
    // Arriving at all is the scenario's primary requirement (e.g. PKT-007 for 32767 bytes of data): a
    // Prepare never forwarded cannot have had its condition, destination or data altered.
    if (!got) fail(s, `${peer} receives ${sender}'s Prepare`, `${peer} received nothing; ${othersDescription(s, peer)}`);
    check(s, ['PKT-012'], sameBytes(got.executionCondition, original.executionCondition), 'the condition forwarded unchanged',
      () => `condition ${hex(got.executionCondition)} instead of ${hex(original.executionCondition)}`);
    check(s, ['PKT-014'], got.destination === original.destination, 'the destination forwarded unchanged', () => `destination ${got.destination} instead of ${original.destination}`);
    check(s, ['PKT-013'], sameBytes(got.data, original.data), 'the data forwarded byte for byte',
      () => `data differs (${got.data.length} bytes received, ${original.data.length} sent; first difference at byte ${firstDifference(got.data, original.data)})`);
  },
);

Then('the Prepare {peer} receives expires before the one {peer} sent', async function (this: IlpWorld, peer: string, sender: string) {
  const s = await connectorScenario(this);
  const got = (await forwardedTo(s, peer)).at(-1)?.prepare;
  const original = s.exchangeOf(sender).prepare!;
  if (!got) fail(s, `${peer} receives ${sender}'s Prepare`, describeForwarded(s.script.forwardedTo(peer).at(-1)));
  const earlier = original.expiresAt.getTime() - got.expiresAt.getTime();
  if (earlier <= 0) {
    fail(s, `forwarded expiresAt earlier than ${original.expiresAt.toISOString()}`, `forwarded expiresAt ${got.expiresAt.toISOString()} (${-earlier} ms ${earlier === 0 ? 'difference' : 'later'})`);
  }
  this.log(`The connector kept ${earlier} ms for itself`);
});

Then('every packet the connector sent in this scenario is in canonical OER', async function (this: IlpWorld) {
  const s = await connectorScenario(this);
  await settleAll(s);
  const emitted: { what: string; raw: Uint8Array }[] = [];
  for (const f of s.script.forwarded) emitted.push({ what: `Prepare to ${f.peer}`, raw: f.raw });
  for (const e of s.allExchanges) {
    const r = e.result;
    if (!r) continue;
    if (r.mode === 'sync' && r.response && r.response.body.length > 0) emitted.push({ what: `reply to ${e.from}`, raw: r.response.body });
    for (const c of r.callbacks) emitted.push({ what: `callback reply to ${e.from}`, raw: c.raw });
    s.inspect(e);
  }
  if (emitted.length === 0) fail(s, 'the connector emitted packets to judge', 'it emitted none');
  const problems: string[] = [];
  for (const { what, raw } of emitted) {
    try {
      const again = encodePacket(decodePacket(raw, { mode: 'strict', rejectTrailingBytes: true }), { mode: 'lenient' });
      if (!sameBytes(again, raw)) problems.push(`${what}: re-encodes to different bytes (${hex(raw)} vs ${hex(again)})`);
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message} (${hex(raw).slice(0, 120)})`);
    }
  }
  if (problems.length > 0) fail(s, `all ${emitted.length} packets decode strictly and re-encode to the same bytes`, problems.join('; '));
});

Then('each sender receives the answer {peer} gave to its own Prepare', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  await settleAll(s);
  const problems: string[] = [];
  for (const e of s.allExchanges) {
    s.inspect(e);
    const o = e.result!.outcome;
    const condition = e.prepare!.executionCondition;
    const atPeer = s.script.forwardedTo(peer).find((f) => f.prepare && sameBytes(f.prepare.executionCondition, condition));
    const gave = atPeer?.reply?.kind === 'packet' ? atPeer.reply.packet : undefined;
    const label = `${e.from}'s Prepare #${e.ordinal}`;
    if (!gave) problems.push(`${label}: ${peer} never answered it (${describeForwarded(atPeer)})`);
    else if (gave.type === 13 && (o.kind !== 'fulfilled' || !sameBytes(o.fulfill.fulfillment, gave.fulfillment) || !sameBytes(o.fulfill.data, condition))) {
      problems.push(`${label}: ${peer} fulfilled it but ${e.from} got ${describeSent(e.result!)}`);
    } else if (gave.type === 14 && (o.kind !== 'rejected' || !sameBytes(o.reject.data, condition))) {
      problems.push(`${label}: ${peer} rejected it (data = its condition) but ${e.from} got ${describeSent(e.result!)}${o.kind === 'rejected' ? ` with data ${hex(o.reject.data)}` : ''}`);
    }
  }
  if (problems.length > 0) fail(s, `every one of the ${s.allExchanges.length} senders' Prepares answered with ${peer}'s answer to that very Prepare`, problems.join('; '));
});

// ----------------------------------------------------------------------------------------- IL-DCP

async function ildcpAnswer(s: ConnectorScenario, peer: string) {
  const exchange = s.exchangeOf(peer);
  const sent = await expectFulfill(s, exchange);
  if (sent.outcome.kind !== 'fulfilled') throw new Error('unreachable');
  const problem = ildcpFulfillProblem(sent.outcome.fulfill);
  if (problem) fail(s, 'an IL-DCP Fulfill: 32 zero bytes of fulfillment, data = clientAddress, assetScale, assetCode', `${problem} (data ${hex(sent.outcome.fulfill.data)})`);
  return decodeIldcpResponse(sent.outcome.fulfill.data);
}

Then('{peer} receives an IL-DCP answer for {word} at scale {int}', async function (this: IlpWorld, peer: string, code: string, scale: number) {
  const s = await connectorScenario(this);
  const info = await ildcpAnswer(s, peer);
  if (info.assetCode !== code || info.assetScale !== scale) {
    fail(s, `asset ${code} at scale ${scale} (the link's configuration)`, `asset ${JSON.stringify(info.assetCode)} at scale ${info.assetScale}, clientAddress ${info.clientAddress}`);
  }
});

Then('the address the connector gives {peer} is under the connector\'s own address', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const info = await ildcpAnswer(s, peer);
  if (!info.clientAddress.startsWith(`${s.topology.sut.address}.`)) {
    fail(s, `a clientAddress under ${s.topology.sut.address}.`, `clientAddress ${info.clientAddress}`);
  }
  this.log(`${peer} was given ${info.clientAddress} (the topology would suggest ${peerAddress(s.topology, peer)})`);
});

Then('{peer} receives no IL-DCP request from the connector meanwhile', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  await settleAll(s);
  // sentAt, settledAt and the stray's time are all wall-clock milliseconds: one clock for the window.
  const window = s.allExchanges.map((e) => [e.result!.sentAt, e.result!.settledAt] as const);
  const seen = s.target.network.strays.filter(
    (st) => st.peer === peer && /peer\.config/.test(st.note) && window.some(([from, to]) => st.at >= from && st.at <= to),
  );
  if (seen.length > 0) fail(s, `${peer} receives no peer.config request while the connector answers ours`, seen.map((st) => st.note).join(' | '));
});

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
