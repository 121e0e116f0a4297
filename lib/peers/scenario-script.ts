/**
 * One scenario's side of the harness network: its key, the preimages of the conditions it made, what
 * each harness peer should do with the Prepares the SUT forwards for it, and everything that arrived.
 * The peer servers are shared by all scenarios of a worker; they look a scenario up by its key
 * (scenario-key.ts) and then act only through this object, which records into the scenario's transcript.
 * `close()` ends every wait, timer and held request the scenario still owns.
 */
import { EventEmitter } from 'node:events';
import type { IlpPrepare, IlpReply } from '../codec/types';
import type { Transcript } from '../evidence/transcript';
import type { Topology } from '../../contracts/topology';
import { newScenarioKey } from './scenario-key';
import type { PeerBehaviour } from './behaviour';
import type { HeaderRecord } from './http-wire';

/** A request the SUT made to a harness peer's ILP endpoint, and what the peer did with it. */
export interface ForwardedPrepare {
  readonly peer: string;
  /** Order of arrival within the scenario, from 0. */
  readonly index: number;
  readonly receivedAt: number;
  readonly path: string;
  readonly headers: HeaderRecord;
  readonly raw: Uint8Array;
  /** Decoded leniently; absent when the body is not a Prepare at all. */
  readonly prepare?: IlpPrepare;
  readonly decodeError?: string;
  readonly behaviour: PeerBehaviour;
  /** What the peer answered, once it did. */
  reply?: PeerReply;
  /** Async peers: each delivery of the reply to the SUT's Callback-Url and the SUT's HTTP answer. */
  readonly callbacks: CallbackDelivery[];
}

export type PeerReply =
  | { readonly kind: 'packet'; readonly packet: IlpReply; readonly raw: Uint8Array; readonly at: number }
  | { readonly kind: 'http'; readonly status: number; readonly raw: Uint8Array; readonly at: number }
  | { readonly kind: 'dropped'; readonly at: number }
  /** The first part of a reply in a 200 response, then a connection reset (raw = the whole reply). */
  | { readonly kind: 'cut-off'; readonly raw: Uint8Array; readonly at: number }
  | { readonly kind: 'none'; readonly reason: string; readonly at: number };

export interface CallbackDelivery {
  readonly at: number;
  readonly url: string;
  /** The SUT's HTTP status, or undefined when no response came. */
  readonly status?: number;
  readonly failure?: string;
}

export interface ScriptEvents {
  forwarded: [ForwardedPrepare];
  held: [ForwardedPrepare];
}

export class ScenarioScript {
  readonly key = newScenarioKey();
  private readonly preimages = new Map<string, Uint8Array>();
  private readonly behaviours = new Map<string, PeerBehaviour[]>();
  private readonly forwardedList: ForwardedPrepare[] = [];
  private readonly held = new Map<ForwardedPrepare, (release: PeerBehaviour) => void>();
  private readonly closers = new Set<() => void>();
  private readonly events = new EventEmitter();
  private closed = false;
  private packetCounter = 0;

  constructor(
    readonly topology: Topology,
    readonly transcript: Transcript,
    private readonly onClose: (script: ScenarioScript) => void,
  ) {
    this.events.setMaxListeners(0);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A fresh segment for the next packet's destination: `p1`, `p2`, ... */
  nextPacketSegment(): string {
    this.packetCounter += 1;
    return `p${this.packetCounter}`;
  }

  rememberPreimage(condition: Uint8Array, fulfillment: Uint8Array): void {
    this.preimages.set(Buffer.from(condition).toString('hex'), fulfillment);
  }

  preimageOf(condition: Uint8Array): Uint8Array | undefined {
    return this.preimages.get(Buffer.from(condition).toString('hex'));
  }

  /** Replaces what `peer` does with the next Prepares (the last behaviour repeats). */
  script(peer: string, behaviour: PeerBehaviour): void {
    this.behaviours.set(peer, [behaviour]);
  }

  /** Adds a behaviour for the Prepare after the ones already scripted. */
  scriptNext(peer: string, behaviour: PeerBehaviour): void {
    const queue = this.behaviours.get(peer);
    if (queue) queue.push(behaviour);
    else this.behaviours.set(peer, [behaviour]);
  }

  /**
   * The behaviour for the next Prepare at `peer`. A peer the scenario did not script rejects with F99,
   * so a misrouted packet is visible as such and never fulfilled by accident.
   */
  takeBehaviour(peer: string): PeerBehaviour {
    const queue = this.behaviours.get(peer);
    if (!queue || queue.length === 0) {
      return { kind: 'reject', code: 'F99', message: `harness: scenario did not expect a Prepare at ${peer}` };
    }
    return queue.length > 1 ? queue.shift()! : queue[0]!;
  }

  recordForwarded(entry: Omit<ForwardedPrepare, 'index' | 'callbacks'>): ForwardedPrepare {
    const forwarded: ForwardedPrepare = { ...entry, index: this.forwardedList.length, callbacks: [] };
    this.forwardedList.push(forwarded);
    this.events.emit('forwarded', forwarded);
    return forwarded;
  }

  get forwarded(): readonly ForwardedPrepare[] {
    return this.forwardedList;
  }

  forwardedTo(peer: string): ForwardedPrepare[] {
    return this.forwardedList.filter((f) => f.peer === peer);
  }

  /** Parks a forwarded Prepare until `release` (or the scenario's end, which resolves undefined). */
  hold(forwarded: ForwardedPrepare): Promise<PeerBehaviour | undefined> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve(undefined);
        return;
      }
      const closer = () => resolve(undefined);
      this.closers.add(closer);
      this.held.set(forwarded, (release) => {
        this.closers.delete(closer);
        resolve(release);
      });
      this.events.emit('held', forwarded);
    });
  }

  get heldPrepares(): ForwardedPrepare[] {
    return [...this.held.keys()];
  }

  /** Answers the oldest Prepare `peer` holds with `behaviour`; false when it holds none. */
  release(peer: string, behaviour: PeerBehaviour): boolean {
    for (const [forwarded, resolve] of this.held) {
      if (forwarded.peer === peer) {
        this.held.delete(forwarded);
        resolve(behaviour);
        return true;
      }
    }
    return false;
  }

  /** Resolves true after `ms`, or false as soon as the scenario closes. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.closed) {
        resolve(false);
        return;
      }
      const timer = setTimeout(() => {
        this.closers.delete(closer);
        resolve(true);
      }, Math.max(0, ms));
      const closer = () => {
        clearTimeout(timer);
        resolve(false);
      };
      this.closers.add(closer);
    });
  }

  /** Runs `fn` when the scenario closes (used to drop held HTTP requests). Returns an unregister function. */
  onScenarioEnd(fn: () => void): () => void {
    if (this.closed) {
      fn();
      return () => undefined;
    }
    this.closers.add(fn);
    return () => this.closers.delete(fn);
  }

  /**
   * Waits until `predicate` holds (checked at every `event` and, unless `poll` is false, every 25 ms), until
   * `timeoutMs` passes, or until the `until` promise settles.
   * Returns whether it held; never throws.
   */
  waitUntil(
    predicate: () => boolean,
    timeoutMs: number,
    event: keyof ScriptEvents = 'forwarded',
    options: { readonly poll?: boolean; readonly until?: Promise<unknown> } = {},
  ): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (result: boolean) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.events.off(event, check);
        this.closers.delete(onClosed);
        resolve(result);
      };
      const check = () => {
        if (predicate()) done(true);
      };
      const onClosed = () => done(false);
      const timer = setTimeout(() => done(predicate()), Math.max(0, timeoutMs));
      // Some conditions change without an event (a callback's status arriving); look again now and then.
      const poll = options.poll === false ? undefined : setInterval(check, 25);
      this.events.on(event, check);
      this.closers.add(onClosed);
      void options.until?.then(() => done(predicate()), () => done(predicate()));
    });
  }

  /** A promise that resolves when some Prepare is parked by a `hold` behaviour from now on. */
  nextHeld(): Promise<ForwardedPrepare> {
    return new Promise((resolve) => this.events.once('held', resolve));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const closers = [...this.closers];
    this.closers.clear();
    this.held.clear();
    for (const closer of closers) closer();
    this.events.removeAllListeners();
    this.onClose(this);
  }
}
