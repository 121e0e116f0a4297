/**
 * Words of the connector and HTTP-binding features, turned into checked values at the edge:
 *
 *   {peer}            a peer named in the topology: `alice`, `bob` -> its name
 *   {behaviour}       what a harness peer does with the Prepares the connector forwards to it:
 *                       `fulfills`, `fulfills with 64 bytes of data`, `fulfills after 200 ms`,
 *                       `rejects with code F99`, `rejects with code F99 and 100 bytes of data`,
 *                       `answers with a wrong fulfillment`, `fulfills 300 ms after the forwarded expiry`,
 *                       `never answers`, `holds the Prepare`, `delivers its Fulfill twice`,
 *                       `answers each Prepare after a random delay, fulfilling and rejecting in turn`
 *   {http behaviour}  what a peer's HTTP endpoint does instead of answering in ILP:
 *                       `answers HTTP 503`, `answers HTTP 200 with a body that is not an ILP packet`,
 *                       `answers HTTP 200 with an empty body`, `drops the connection`,
 *                       `resets the connection in the middle of its answer`
 *   {ordinal}         `first` .. `fifth` -> 1..5
 *   {error class}     `final`, `temporary`, `relative` (RFC 27's F, T and R codes)
 *
 * Shared words ({amount}, {error code}, {duration}, {address}) come from parameter-types.ts.
 */
import { randomBytes } from 'node:crypto';
import { defineParameterType } from '@cucumber/cucumber';
import { loadTopology, type Topology } from '../contracts/topology';
import type { PeerBehaviour } from '../lib/peers/behaviour';
import { parseErrorCode } from './parameter-types';
import type { IlpWorld } from './world';

let topologyCache: { path: string | undefined; topology: Topology } | undefined;

/** The topology the features are written against (peer names do not change when ports are rewritten). */
export function featureTopology(path: string | undefined): Topology {
  if (!topologyCache || topologyCache.path !== path) topologyCache = { path, topology: loadTopology(path) };
  return topologyCache.topology;
}

defineParameterType({
  name: 'peer',
  regexp: /[a-z][a-z0-9-]*/,
  transformer(this: IlpWorld, name: string) {
    const topology = featureTopology(this.parameters.topology ?? process.env.ILP_TOPOLOGY);
    if (!topology.peers.some((p) => p.name === name)) {
      throw new Error(`"${name}" is not a peer in the topology (peers: ${topology.peers.map((p) => p.name).join(', ')})`);
    }
    return name;
  },
});

const BEHAVIOUR =
  /fulfills(?: with \d+ bytes of data| after \d+ ms| \d+ ms after the forwarded expiry)?|rejects with code [A-Za-z0-9]{3}(?: and \d+ bytes of data)?|answers with a wrong fulfillment|never answers|holds the Prepare|delivers its Fulfill twice|answers each Prepare after a random delay, fulfilling and rejecting in turn/;

defineParameterType({
  name: 'behaviour',
  regexp: BEHAVIOUR,
  transformer: (text: string) => parseBehaviour(text),
});

defineParameterType({
  name: 'http behaviour',
  regexp: /answers HTTP \d{3}(?: with a body that is not an ILP packet| with an empty body)?|drops the connection|resets the connection in the middle of its answer/,
  transformer: (text: string) => parseHttpBehaviour(text),
});

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];

defineParameterType({
  name: 'ordinal',
  regexp: /first|second|third|fourth|fifth/,
  transformer: (text: string) => ORDINALS.indexOf(text) + 1,
});

defineParameterType({
  name: 'error class',
  regexp: /final|temporary|relative/,
  transformer: (text: string) => text as 'final' | 'temporary' | 'relative',
});

/** Random bytes of the given length, for data a peer sends (so relays can be compared byte for byte). */
function randomData(length: number): Uint8Array {
  if (length > 32767) throw new Error(`${length} bytes of data exceed the 32767 an ILP packet can carry`);
  return new Uint8Array(randomBytes(length));
}

export function parseBehaviour(text: string): PeerBehaviour {
  let m: RegExpExecArray | null;
  if (text === 'fulfills') return { kind: 'fulfill' };
  if ((m = /^fulfills with (\d+) bytes of data$/.exec(text))) return { kind: 'fulfill', data: randomData(Number(m[1])) };
  if ((m = /^fulfills after (\d+) ms$/.exec(text))) return { kind: 'fulfill', afterMs: Number(m[1]) };
  if ((m = /^fulfills (\d+) ms after the forwarded expiry$/.exec(text))) return { kind: 'fulfill-after-expiry', lateMs: Number(m[1]) };
  if ((m = /^rejects with code (\w{3})(?: and (\d+) bytes of data)?$/.exec(text))) {
    return { kind: 'reject', code: parseErrorCode(m[1]!), ...(m[2] ? { data: randomData(Number(m[2])) } : {}) };
  }
  if (text === 'answers with a wrong fulfillment') return { kind: 'wrong-fulfillment' };
  if (text === 'never answers') return { kind: 'never-answer' };
  if (text === 'holds the Prepare') return { kind: 'hold' };
  if (text === 'delivers its Fulfill twice') return { kind: 'fulfill-twice' };
  if (text.startsWith('answers each Prepare after a random delay')) return { kind: 'shuffle', maxDelayMs: 150 };
  throw new Error(`"${text}" is not a peer behaviour this suite knows`);
}

export function parseHttpBehaviour(text: string): PeerBehaviour {
  if (text === 'drops the connection') return { kind: 'drop-connection' };
  if (text === 'resets the connection in the middle of its answer') return { kind: 'reset-mid-response' };
  if (text === 'answers HTTP 200 with a body that is not an ILP packet') return { kind: 'garbage-body' };
  if (text === 'answers HTTP 200 with an empty body') return { kind: 'empty-body' };
  const m = /^answers HTTP (\d{3})$/.exec(text);
  if (m) {
    const status = Number(m[1]);
    if (status < 300 || status > 599) throw new Error(`"${text}": only error statuses (300-599) replace an ILP answer; use a behaviour for 200`);
    return { kind: 'http-status', status };
  }
  throw new Error(`"${text}" is not an HTTP behaviour this suite knows`);
}
