/**
 * ILP-over-HTTP binding steps (RFC 35): what goes over HTTP between the connector and the harness peers,
 * in HTTP words: statuses, headers, bodies, callbacks. Packet-level judgements stay in connector.steps.ts.
 */
import { randomUUID } from 'node:crypto';
import { Given, Then, When } from '@cucumber/cucumber';
import { decodePrepare, encodeFulfill, errorCodeClass, randomFulfillment } from '../lib/codec';
import type { PeerBehaviour } from '../lib/peers/behaviour';
import { mediaType, OCTET_STREAM } from '../lib/peers/http-wire';
import type { ForwardedPrepare } from '../lib/peers/scenario-script';
import type { IlpWorld } from './world';
import { connectorScenario, type ConnectorScenario } from './support/connector-scenario';
import { describeForwarded, describeSent, fail } from './support/connector-judge';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// ------------------------------------------------------------------------------------ Given

Given("{peer}'s endpoint {http behaviour}", async function (this: IlpWorld, peer: string, behaviour: PeerBehaviour) {
  (await connectorScenario(this)).script.script(peer, behaviour);
});

Given(
  "{peer}'s callback endpoint answers the first delivery with HTTP {int}",
  async function (this: IlpWorld, peer: string, status: number) {
    const s = await connectorScenario(this);
    s.target.network.planCallbackAnswers(s.script, peer, [status]);
  },
);

// ------------------------------------------------------------------------------------ When

When(
  '{peer} sends a Prepare for {amount} to a destination behind {peer} without credentials',
  async function (this: IlpWorld, from: string, amount: bigint, to: string) {
    const s = await connectorScenario(this);
    await s.send(from, s.buildPrepare({ amount, destination: s.destinationBehind(to) }), { authorization: null });
  },
);

When(
  '{peer} sends a Prepare for {amount} to a destination behind {peer} with a wrong token',
  async function (this: IlpWorld, from: string, amount: bigint, to: string) {
    const s = await connectorScenario(this);
    await s.send(from, s.buildPrepare({ amount, destination: s.destinationBehind(to) }), { authorization: `Bearer wrong-${randomUUID()}` });
  },
);

When(
  "{peer} sends a Prepare for {amount} to a destination behind {peer} with {peer}'s token",
  async function (this: IlpWorld, from: string, amount: bigint, to: string, owner: string) {
    const s = await connectorScenario(this);
    const token = s.topology.peers.find((p) => p.name === owner)!.http.incoming.token;
    await s.send(from, s.buildPrepare({ amount, destination: s.destinationBehind(to) }), { authorization: `Bearer ${token}` });
  },
);

When("{peer} delivers its reply again to the connector's callback URL", async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  const reply = f.reply;
  if (reply?.kind !== 'packet' || f.callbacks.length === 0) fail(s, `${peer} has delivered a reply to repeat`, describeForwarded(f));
  const status = await s.target.network.peerServer(peer).postCallback(s.script, f, header(f, 'callback-url')!, header(f, 'request-id')!, reply.raw, reply.packet);
  s.script.transcript.note(`${peer}'s repeated delivery answered ${status ?? 'nothing'}`);
});

When(
  "{peer} delivers a Fulfill with an unknown Request-Id to the connector's callback URL",
  async function (this: IlpWorld, peer: string) {
    const s = await connectorScenario(this);
    const f = await lastForwarded(s, peer);
    const url = header(f, 'callback-url');
    if (!url) fail(s, `the connector's request to ${peer} carries a Callback-Url`, `headers: ${JSON.stringify(f.headers)}`);
    const packet = { type: 13 as const, fulfillment: randomFulfillment(), data: new Uint8Array() };
    await s.target.network.peerServer(peer).postCallback(s.script, f, url, randomUUID(), encodeFulfill(packet), packet);
  },
);

// ------------------------------------------------------------------------------------ Then: the connector's answers

async function httpResponseOf(s: ConnectorScenario, peer: string) {
  const exchange = s.exchangeOf(peer);
  const sent = await s.resultOf(exchange);
  s.inspect(exchange);
  return sent;
}

Then("the connector answers {peer}'s request with HTTP {int}", async function (this: IlpWorld, peer: string, status: number) {
  const s = await connectorScenario(this);
  const sent = await httpResponseOf(s, peer);
  if (sent.response?.status !== status) fail(s, `HTTP ${status}`, describeSent(sent));
});

Then("the connector answers {peer}'s request with HTTP {int} or {int}", async function (this: IlpWorld, peer: string, a: number, b: number) {
  const s = await connectorScenario(this);
  const sent = await httpResponseOf(s, peer);
  if (sent.response?.status !== a && sent.response?.status !== b) fail(s, `HTTP ${a} or ${b}`, describeSent(sent));
});

/** A refusal of a request the connector cannot read: an HTTP 4xx, or a final Reject the connector triggered. */
Then("the connector refuses {peer}'s request with HTTP 4xx or a final Reject it triggered", async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const sent = await httpResponseOf(s, peer);
  const status = sent.response?.status;
  const o = sent.outcome;
  const refusedInHttp = status !== undefined && status >= 400 && status < 500;
  const refusedInIlp = o.kind === 'rejected' && errorCodeClass(o.reject.code) === 'final' && o.reject.triggeredBy === s.topology.sut.address;
  if (!refusedInHttp && !refusedInIlp) {
    fail(s, `HTTP 4xx, or a final (Fxx) Reject with triggeredBy = ${s.topology.sut.address}`, describeSent(sent));
  }
  this.log(refusedInHttp ? `The connector refused with HTTP ${status}` : `The connector refused with a Reject ${o.kind === 'rejected' ? o.reject.code : ''}`);
});

Then(
  "the connector answers {peer}'s request with HTTP 200 and an application\\/octet-stream body holding an ILP packet",
  async function (this: IlpWorld, peer: string) {
    const s = await connectorScenario(this);
    const sent = await httpResponseOf(s, peer);
    const r = sent.response;
    const type = mediaType(r?.headers['content-type']);
    if (r?.status !== 200 || type !== OCTET_STREAM || (sent.outcome.kind !== 'fulfilled' && sent.outcome.kind !== 'rejected')) {
      fail(s, 'HTTP 200, Content-Type application/octet-stream, body = an OER Fulfill or Reject', `${describeSent(sent)}, Content-Type ${JSON.stringify(r?.headers['content-type'] ?? null)}`);
    }
  },
);

Then("the connector delivers the reply to {peer}'s callback URL with the Request-Id of its Prepare", async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const sent = await httpResponseOf(s, peer);
  const first = sent.callbacks[0];
  if (!first) fail(s, `a callback to ${sent.callbackUrl} carrying Request-Id ${sent.requestId}`, describeSent(sent));
  const problems: string[] = [];
  if (first.headers['request-id']?.toLowerCase() !== sent.requestId?.toLowerCase()) problems.push(`Request-Id ${JSON.stringify(first.headers['request-id'] ?? null)} instead of ${sent.requestId}`);
  if (mediaType(first.headers['content-type']) !== OCTET_STREAM) problems.push(`Content-Type ${JSON.stringify(first.headers['content-type'] ?? null)}`);
  if (!first.reply) problems.push(`body is not an OER Fulfill or Reject: ${first.decodeError}`);
  if (problems.length > 0) fail(s, `callback with Request-Id ${sent.requestId}, Content-Type application/octet-stream, body = OER Fulfill or Reject`, problems.join('; '));
});

/** Waits until the Prepare of `peer` has expired (the latest any retry may come), then returns its callbacks. */
async function callbacksUntilExpiry(s: ConnectorScenario, peer: string) {
  const sent = await httpResponseOf(s, peer);
  const expiry = sent.prepare?.expiresAt.getTime() ?? Date.now();
  await s.script.sleep(Math.max(0, expiry - Date.now()) + 200 * s.multiplier);
  return { sent, callbacks: sent.callbacks };
}

Then("the connector delivers the reply to {peer} exactly once", async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const { sent, callbacks } = await callbacksUntilExpiry(s, peer);
  if (callbacks.length !== 1) {
    fail(s, `one delivery to ${peer}'s callback URL before its Prepare expired`, `${callbacks.length} deliveries (answered ${callbacks.map((c) => c.answeredStatus).join(', ') || '-'}); ${describeSent(sent)}`);
  }
});

Then(
  "the connector delivers the reply to {peer} again after the {int}, and stops once it is accepted",
  async function (this: IlpWorld, peer: string, status: number) {
    const s = await connectorScenario(this);
    const { sent, callbacks } = await callbacksUntilExpiry(s, peer);
    const statuses = callbacks.map((c) => c.answeredStatus);
    const accepted = statuses.findIndex((st) => st >= 200 && st < 300);
    if (statuses[0] !== status || accepted < 1 || accepted !== statuses.length - 1) {
      fail(
        s,
        `a first delivery answered ${status}, then retries until one is answered 2xx, and nothing after it`,
        `deliveries answered ${statuses.join(', ') || '(none)'}; ${describeSent(sent)}`,
      );
    }
  },
);

// ------------------------------------------------------------------------------------ Then: the connector's requests

async function lastForwarded(s: ConnectorScenario, peer: string): Promise<ForwardedPrepare> {
  const deadline = Math.max(...s.allExchanges.map((e) => e.prepare?.expiresAt.getTime() ?? Date.now()));
  await s.script.waitUntil(() => s.script.forwardedTo(peer).length > 0, s.boundUntil(deadline));
  const f = s.script.forwardedTo(peer).at(-1);
  if (!f) fail(s, `the connector sends a request to ${peer}`, `${peer} received nothing; ${s.allExchanges.at(-1)?.result ? describeSent(s.allExchanges.at(-1)!.result!) : 'no answer yet'}`);
  return f;
}

function header(f: ForwardedPrepare, name: string): string | undefined {
  return f.headers[name];
}

Then(
  'the request {peer} receives has Content-Type and Accept application\\/octet-stream',
  async function (this: IlpWorld, peer: string) {
    const s = await connectorScenario(this);
    const f = await lastForwarded(s, peer);
    const contentType = mediaType(header(f, 'content-type'));
    const accepts = (header(f, 'accept') ?? '').split(',').map((a) => mediaType(a));
    const problems: string[] = [];
    if (contentType !== OCTET_STREAM) problems.push(`Content-Type ${JSON.stringify(header(f, 'content-type') ?? null)}`);
    if (!accepts.includes(OCTET_STREAM)) problems.push(`Accept ${JSON.stringify(header(f, 'accept') ?? null)}`);
    if (problems.length > 0) fail(s, 'Content-Type: application/octet-stream and Accept: application/octet-stream', problems.join('; '));
  },
);

Then('the body of the request {peer} receives is one OER Prepare and nothing else', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  const problems: string[] = [];
  try {
    decodePrepare(f.raw, { mode: 'lenient', rejectTrailingBytes: true });
  } catch (error) {
    problems.push((error as Error).message);
  }
  const declared = header(f, 'content-length');
  if (declared !== undefined && Number(declared) !== f.raw.length) problems.push(`Content-Length ${declared} but ${f.raw.length} bytes arrived`);
  if (problems.length > 0) fail(s, 'a body that is exactly one OER Prepare', `${problems.join('; ')} (${f.raw.length} bytes)`);
});

Then('the connector authenticates to {peer} with the token agreed for that link', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  // The peer server answers 401 to any other credential; a request it accepted and recorded presented the token.
  if (f.reply?.kind === 'http' && f.reply.status === 401) fail(s, `Authorization: Bearer <the token ${peer} issued>`, 'the request was refused with 401');
  const auth = header(f, 'authorization') ?? '';
  if (!/^bearer \*\*\*$/i.test(auth)) fail(s, `Authorization: Bearer <the token ${peer} issued>`, `Authorization ${JSON.stringify(auth)}`);
});

Then('the request {peer} receives carries a Request-Id that is a UUIDv4', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  const id = header(f, 'request-id');
  if (!id || !UUID_V4.test(id)) fail(s, 'Request-Id: a UUID version 4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)', `Request-Id ${JSON.stringify(id ?? null)}`);
});

Then('the request {peer} receives carries a Callback-Url', async function (this: IlpWorld, peer: string) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  const url = header(f, 'callback-url');
  let ok = false;
  try {
    ok = url !== undefined && /^https?:$/.test(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) fail(s, 'Callback-Url: an absolute http(s) URL', `Callback-Url ${JSON.stringify(url ?? null)}`);
});

Then('the connector answers the delivery with HTTP {int}', async function (this: IlpWorld, status: number) {
  const s = await connectorScenario(this);
  const f = [...s.script.forwarded].reverse().find((x) => x.callbacks.length > 0);
  const last = f?.callbacks.at(-1);
  if (last?.status !== status) fail(s, `HTTP ${status} for the delivery`, last ? (last.status !== undefined ? `HTTP ${last.status}` : `no response: ${last.failure}`) : 'no delivery was made');
});

Then('the connector answers {peer}\'s first delivery with HTTP {int}', async function (this: IlpWorld, peer: string, status: number) {
  const s = await connectorScenario(this);
  const f = await lastForwarded(s, peer);
  await s.script.waitUntil(() => f.callbacks.length > 0, s.boundUntil(f.prepare?.expiresAt.getTime() ?? Date.now()));
  const first = f.callbacks[0];
  if (first?.status !== status) fail(s, `HTTP ${status} for ${peer}'s first delivery`, first ? (first.status !== undefined ? `HTTP ${first.status}` : `no response: ${first.failure}`) : 'no delivery was made');
});
