/**
 * Decoder fuzz, in-process: each input goes through exactly what the reference's HTTP server does with a
 * body from alice (http/server.ts `process`): `connector.handle(alice, body)` (validate-prepare decodes,
 * the rule pipeline answers), then `encodePacket(reply, { mode: 'lenient' })`. The next hop is a function
 * here (the fuzz peers' answers, fuzz-peers.ts), after the forwarded Prepare went through encodePrepare and a
 * strict decode, as it would on the wire.
 *
 * Judged per input: the codec's decoders throw only CodecErrors (codecVerdict); handle() resolves; the
 * reply encodes; the encoded answer passes answerProblem; the connector logged no internal error.
 */
import { decodePrepare, encodePacket, encodePrepare } from '../../../lib/codec';
import type { IlpReply } from '../../../lib/codec/types';
import { loadTopology, peerByName, type Topology } from '../../../contracts/topology';
import { createConnector } from '../connector';
import type { SendPrepare } from '../transport';
import { answerProblem, codecVerdict, describe, replyLabel } from './answer-check';
import { fuzzCase } from './fuzz-cases';
import { peerReply } from './fuzz-peers';
import { MemoryWatch } from './memory';
import { Tally } from './tally';

export interface InProcessFuzzOptions {
  readonly seed: number;
  readonly count: number;
  /** First case index (default 0), so a single case can be rerun. */
  readonly from?: number;
  readonly topology?: Topology;
  /** Cases handled at the same time (default 32). */
  readonly concurrency?: number;
  readonly maxFindings?: number;
}

export interface InProcessFuzzResult {
  readonly tally: Tally;
  readonly memory: MemoryWatch;
  readonly elapsedMs: number;
}

export async function fuzzInProcess(opts: InProcessFuzzOptions): Promise<InProcessFuzzResult> {
  const topology = opts.topology ?? loadTopology();
  const alice = peerByName(topology, 'alice');
  const tally = new Tally(opts.maxFindings);
  const memory = new MemoryWatch();
  const internalErrors: string[] = [];
  const send: SendPrepare = async (peer, prepare) => peerReply(peer.name, decodePrepare(encodePrepare(prepare)));
  const connector = createConnector({
    topology,
    send,
    log: (line) => {
      if (line.startsWith('internal error') && internalErrors.length < 5) internalErrors.push(line);
    },
  });
  const from = opts.from ?? 0;
  const end = from + opts.count;
  const concurrency = opts.concurrency ?? 32;
  const started = Date.now();
  await memory.settled('before');

  for (let batch = from; batch < end; batch += concurrency) {
    const now = Date.now();
    const cases = [];
    for (let i = batch; i < Math.min(end, batch + concurrency); i++) cases.push(fuzzCase(opts.seed, i, now));
    await Promise.all(cases.map(async (c) => {
      tally.count('inputs per category', c.category);
      const codec = codecVerdict(c.bytes);
      if (codec.problem) tally.find(c, 'codec', c.bytes, codec.problem);
      let reply: IlpReply;
      try {
        ({ reply } = await connector.handle(alice, c.bytes));
      } catch (error) {
        return tally.find(c, 'in-process', c.bytes, `connector.handle rejected (the server would answer 500): ${describe(error)}`);
      }
      let answer: Uint8Array;
      try {
        answer = encodePacket(reply, { mode: 'lenient' });
      } catch (error) {
        return tally.find(c, 'in-process', c.bytes, `the reply does not encode (the server would answer 500): ${describe(error)}`);
      }
      const judged = answerProblem(codec.packet, answer, topology.sut.address);
      if (judged.reply) tally.count('answers', replyLabel(judged.reply));
      if (judged.problem) {
        const stacks = internalErrors.length > 0 ? `\nconnector log: ${internalErrors.join('\n')}` : '';
        tally.find(c, 'in-process', c.bytes, judged.problem + stacks);
      }
    }));
    if ((batch - from) % 20_000 < concurrency && batch > from) memory.sample(`after ${batch - from} inputs`);
  }
  const elapsedMs = Date.now() - started;
  await memory.settled('after (gc)');
  if (internalErrors.length > 0 && tally.findings.length === 0) {
    tally.find({ seed: opts.seed, index: -1, category: 'valid', steps: ['(not tied to one input)'] }, 'in-process', new Uint8Array(0), `the connector logged internal errors:\n${internalErrors.join('\n')}`);
  }
  return { tally, memory, elapsedMs };
}
