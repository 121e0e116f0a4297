/**
 * HTTP fuzz: fuzz cases sent over keep-alive loopback HTTP to a running reference connector (started here,
 * in this process, with the fuzz peers of fuzz-peers.ts as its downstream peers), with bounded concurrency
 * and a per-request time limit. The request kinds and what each may be answered are in http-requests.ts;
 * 200 bodies go through the same answer oracle as the in-process fuzz.
 *
 * After the run: the async callbacks must have arrived well-formed at the sink, the connector must have
 * logged no internal error, and it must still answer a fresh valid Prepare with the right Fulfill.
 * Memory (heapUsed, rss) is sampled before, every 10,000 requests and after a forced gc; the caller judges it.
 */
import http from 'node:http';
import { decodeReply, encodePrepare, fulfillmentMatches } from '../../../lib/codec';
import { loadTopology, peerByName, type Topology } from '../../../contracts/topology';
import { startReferenceConnector } from '../index';
import { answerProblem, codecVerdict, replyLabel } from './answer-check';
import { fuzzCase, type FuzzCase } from './fuzz-cases';
import { startFuzzPeers, topologyForFuzz } from './fuzz-peers';
import { type RequestContext, requestFor, type RequestSpec } from './http-requests';
import { MemoryWatch } from './memory';
import { CONDITION } from './packet-seeds';
import { Random } from './random';
import { Tally } from './tally';

export interface HttpFuzzOptions {
  readonly seed: number;
  readonly count: number;
  readonly from?: number;
  /** Requests in flight at once (default 16). */
  readonly concurrency?: number;
  /** Per-request limit (default 15 s: above the 5 s maxHoldTime of a forwarded Prepare). */
  readonly timeoutMs?: number;
  readonly maxFindings?: number;
  readonly topology?: Topology;
  readonly onProgress?: (done: number) => void;
}

export interface HttpFuzzResult {
  readonly tally: Tally;
  readonly memory: MemoryWatch;
  readonly elapsedMs: number;
}

interface Answer {
  readonly status?: number;
  readonly contentType?: string;
  readonly body?: Buffer;
  readonly error?: string;
  readonly timedOut?: boolean;
  readonly aborted?: boolean;
}

/** Stream tag for the request kind, so the case bytes do not depend on it. */
const REQUEST_STREAM = 0x48545450;

export async function fuzzOverHttp(opts: HttpFuzzOptions): Promise<HttpFuzzResult> {
  const base = opts.topology ?? loadTopology();
  let topology = base;
  const peers = await startFuzzPeers(() => topology);
  topology = topologyForFuzz(base, peers.url);
  const internalErrors: string[] = [];
  const tally = new Tally(opts.maxFindings);
  const connector = await startReferenceConnector({
    topology,
    port: 0,
    log: (line) => {
      if (line.startsWith('internal error') && internalErrors.length < 5) internalErrors.push(line);
      if (line.startsWith('http error')) tally.count('connector log: http errors', line.replace(/^http error on \S+ \S+: /, ''));
    },
  });
  const target = new URL(connector.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency ?? 16 });
  const memory = new MemoryWatch();
  const ctx: RequestContext = {
    alice: peerByName(topology, 'alice'),
    amy: peerByName(topology, 'amy'),
    otherToken: peerByName(topology, 'bob').http.incoming.token,
    sinkUrl: `${peers.url}/sink`,
  };
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const from = opts.from ?? 0;
  const end = from + opts.count;
  let next = from;
  let done = 0;
  const started = Date.now();

  try {
    await memory.settled('before');
    const worker = async () => {
      while (next < end) {
        const index = next++;
        const c = fuzzCase(opts.seed, index, Date.now());
        const spec = requestFor(new Random(opts.seed, index, REQUEST_STREAM), c, ctx);
        const answer = await send(target, agent, spec, timeoutMs);
        judge(tally, c, spec, answer, topology.sut.address, internalErrors);
        done++;
        if (done % 10_000 === 0) {
          memory.sample(`after ${done} requests`);
          opts.onProgress?.(done);
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 16 }, worker));
    const elapsedMs = Date.now() - started;

    await peers.settle(10_000);
    // Not one fuzz case: index -1, so the reproduction command reruns the seed.
    const survivor = { seed: opts.seed, index: -1, category: 'valid' as const, steps: ['final valid Prepare after the run'] };
    const finalPrepare = encodePrepare({ amount: 1000n, expiresAt: new Date(Date.now() + 10_000), executionCondition: CONDITION, destination: `test.bob.fulfill.final${end}`, data: Uint8Array.of(1) });
    const final = await send(target, agent, { kind: 'final', method: 'POST', path: ctx.alice.http.incoming.path, headers: { Authorization: `Bearer ${ctx.alice.http.incoming.token}`, 'Content-Type': 'application/octet-stream' }, body: finalPrepare, bodyIsCase: true, expect: { kind: 'ilp' } }, timeoutMs);
    const finalProblem = checkFinal(final);
    if (finalProblem) tally.find(survivor, 'http final', finalPrepare, finalProblem);
    for (const problem of peers.problems) tally.find({ ...survivor, steps: ['(what the connector sent its peers)'] }, 'http peers', new Uint8Array(0), problem);
    if (internalErrors.length > 0) tally.find({ ...survivor, steps: ['(connector log)'] }, 'http', new Uint8Array(0), `the connector logged internal errors:\n${internalErrors.join('\n')}`);
    tally.count('fuzz peers', 'forwarded Prepares', peers.counts.forwarded);
    tally.count('fuzz peers', 'async replies sent to the connector', peers.counts.callbacksOut);
    tally.count('fuzz peers', 'callbacks received at the sink', peers.counts.callbacks);
    tally.count('fuzz peers', 'async replies refused after the forwarded expiry (400)', peers.counts.lateCallbacks);
    agent.destroy(); // before the last sample, so idle sockets do not count
    await memory.settled('after (gc)');
    return { tally, memory, elapsedMs };
  } finally {
    agent.destroy();
    await connector.close();
    await peers.close();
  }
}

function checkFinal(answer: Answer): string | undefined {
  if (answer.status !== 200 || !answer.body) return `after the run a valid Prepare got ${describeAnswer(answer)}`;
  try {
    const reply = decodeReply(answer.body);
    if (reply.type !== 13) return `after the run a valid Prepare got Reject ${reply.code} ${reply.message}`;
    if (!fulfillmentMatches(reply.fulfillment, CONDITION)) return 'after the run a valid Prepare got a Fulfill that does not match';
  } catch (error) {
    return `after the run a valid Prepare got an undecodable body: ${(error as Error).message}`;
  }
  return undefined;
}

function judge(tally: Tally, c: FuzzCase, spec: RequestSpec, answer: Answer, sutAddress: string, internalErrors: readonly string[]): void {
  tally.count('requests per kind', spec.kind);
  if (spec.bodyIsCase) tally.count('inputs per category', c.category);
  tally.count('HTTP status', answer.status !== undefined ? String(answer.status) : answer.timedOut ? 'no answer (timed out)' : answer.aborted ? 'none (aborted by us)' : `connection error ${answer.error}`);
  const problem = (text: string) => {
    const log = /internal error/.test(text) && internalErrors[0] ? `\nconnector log: ${internalErrors[0]}` : '';
    tally.find(c, `http ${spec.kind} ${spec.method} ${spec.path}`, spec.bodyIsCase ? c.bytes : spec.body, text + log);
  };
  const expect = spec.expect;
  if (answer.timedOut) return problem(`no answer within the per-request limit (a hang): ${describeAnswer(answer)}`);
  if (expect.kind === 'none') return;
  if (answer.status === undefined) return problem(`no HTTP answer: ${describeAnswer(answer)}`);
  if (answer.status >= 500) return problem(`HTTP ${answer.status}: ${describeAnswer(answer)}`);
  const is4xx = answer.status >= 400 && answer.status <= 499;
  if (expect.kind === 'status') {
    if (!expect.statuses.includes(answer.status)) problem(`expected HTTP ${expect.statuses.join(' or ')}, got ${describeAnswer(answer)}`);
    return;
  }
  if (expect.kind === 'any-4xx') {
    if (!is4xx) problem(`expected a 4xx, got ${describeAnswer(answer)}`);
    return;
  }
  if (expect.kind === 'ilp-or-4xx' && is4xx) return;
  // An ILP answer: 200, octet-stream, a reply the oracle accepts.
  if (answer.status !== 200) return problem(`expected HTTP 200 with an ILP reply${expect.kind === 'ilp-or-4xx' ? ' or a 4xx' : ''}, got ${describeAnswer(answer)}`);
  if (answer.contentType !== 'application/octet-stream') problem(`a 200 with Content-Type ${answer.contentType}`);
  const judged = answerProblem(codecVerdict(spec.body).packet, answer.body ?? Buffer.alloc(0), sutAddress);
  if (judged.reply) tally.count('answers (HTTP 200)', replyLabel(judged.reply));
  if (judged.problem) problem(judged.problem);
}

function describeAnswer(answer: Answer): string {
  if (answer.timedOut) return 'nothing (timed out)';
  if (answer.status === undefined) return `a connection error (${answer.error})`;
  const text = answer.body ? answer.body.subarray(0, 200).toString('latin1') : '';
  return `HTTP ${answer.status} ${JSON.stringify(text)}`;
}

/** One request; never rejects. Bodies of answers are kept up to 256 KiB. */
function send(target: URL, agent: http.Agent, spec: RequestSpec, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const headers: http.OutgoingHttpHeaders = { ...spec.headers };
    if (!spec.chunks) headers['Content-Length'] = spec.body.length;
    // A request we cut off, or one the server answers early (413) and closes, gets a connection of its own.
    const ownConnection = spec.abortAfter !== undefined || spec.expect.kind === 'status' && spec.expect.statuses.includes(413);
    const request = http.request({
      host: target.hostname,
      port: target.port,
      path: `${target.pathname.replace(/\/$/, '')}${spec.path}`,
      method: spec.method,
      headers,
      agent: ownConnection ? false : agent,
    }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 256 * 1024) chunks.push(chunk);
      });
      response.on('end', () => finish({ status: response.statusCode, contentType: response.headers['content-type'], body: Buffer.concat(chunks) }));
      response.on('error', (error) => finish({ status: response.statusCode, error: error.message }));
    });
    const timer = setTimeout(() => {
      finish({ timedOut: true });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish(spec.abortAfter !== undefined ? { aborted: true } : { error: error.code ?? error.message }));
    if (spec.abortAfter !== undefined) {
      request.flushHeaders();
      request.write(spec.body.subarray(0, spec.abortAfter), () => {
        setTimeout(() => {
          request.destroy();
          finish({ aborted: true });
        }, 2);
      });
      return;
    }
    if (spec.chunks) {
      for (const chunk of spec.chunks) request.write(chunk);
      request.end();
      return;
    }
    request.end(spec.body);
  });
}
