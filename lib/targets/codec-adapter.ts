/**
 * A codec reached through an adapter subprocess (`run --codec "<command>"`, world parameter codecAdapter,
 * env ILP_CODEC_ADAPTER), speaking the codec adapter protocol (codec-protocol.ts, lib/targets/codec-adapter-protocol.md).
 *
 * start() launches the command, sends `start` and waits for the hello; call() sends a request with a fresh
 * id and waits for the reply echoing it. Every adapter message is checked against the schema. The first
 * thing that makes the adapter unusable (it exits, does not answer within the bound, writes garbage or a
 * message the schema refuses, speaks another version) marks the target unusable for good: the process is
 * killed, every waiting and later call rejects at once with CodecAdapterUnusable, and the run ends
 * "incomplete" (exit 3), never "not conformant".
 *
 * Bounds, each multiplied by ILP_TIMEOUT_MULTIPLIER: hello 10 s, each request 5 s, stop grace 2 s.
 */
import { TARGET_INTERFACE_VERSION, type TargetDescription } from './target';
import {
  CODEC_PROTOCOL_VERSION, type CodecCapability, type CodecCommand, type CodecReply, type CodecRequest, type HelloMessage,
} from './codec-protocol';
import { checkHello, checkReply, checkResult } from './codec-protocol-schema';
import { CodecAdapterUnusable, type CodecTarget } from './codec-target';
import { JsonLinesProcess } from './json-lines-process';

export const HELLO_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 5_000;
const STOP_GRACE_MS = 2_000;

export interface CodecAdapterOptions {
  readonly command: string;
  readonly cwd?: string;
  readonly timeoutMultiplier?: number;
}

interface Waiting {
  readonly cmd: CodecCommand;
  readonly resolve: (reply: CodecReply) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class CodecAdapterTarget implements CodecTarget {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'codec' as const;
  private declared = new Set<CodecCapability>();
  private hello: HelloMessage | undefined;
  private process: JsonLinesProcess | undefined;
  private starting: Promise<void> | undefined;
  private helloWaiter: ((error?: Error) => void) | undefined;
  private unusable: CodecAdapterUnusable | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private readonly multiplier: number;

  constructor(private readonly options: CodecAdapterOptions) {
    const m = options.timeoutMultiplier ?? 1;
    this.multiplier = Number.isFinite(m) && m > 0 ? m : 1;
  }

  get capabilities(): ReadonlySet<CodecCapability> {
    return this.declared;
  }

  /** The adapter's process id (its process group's), for diagnostics and tests. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Why the adapter cannot be used, once it cannot. */
  get problem(): CodecAdapterUnusable | undefined {
    return this.unusable;
  }

  start(): Promise<void> {
    this.starting ??= this.launch();
    return this.starting;
  }

  private launch(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const bound = HELLO_TIMEOUT_MS * this.multiplier;
      const timer = setTimeout(() => this.breakDown(`it sent no hello within ${bound} ms of the start message`), bound);
      this.helloWaiter = (error) => {
        clearTimeout(timer);
        this.helloWaiter = undefined;
        if (error) reject(error);
        else resolve();
      };
      this.process = new JsonLinesProcess({
        command: this.options.command,
        ...(this.options.cwd ? { cwd: this.options.cwd } : {}),
        onMessage: (message) => this.onMessage(message),
        onBroken: (reason) => this.breakDown(reason),
      });
      this.process.send({ cmd: 'start', version: CODEC_PROTOCOL_VERSION });
    });
  }

  async call<C extends CodecCommand>(request: CodecRequest<C>): Promise<CodecReply<C>> {
    await this.start();
    if (this.unusable) throw this.unusable;
    const id = this.nextId++;
    const bound = REQUEST_TIMEOUT_MS * this.multiplier;
    return new Promise<CodecReply<C>>((resolve, reject) => {
      const timer = setTimeout(() => this.breakDown(`it did not answer request ${id} (${request.cmd}) within ${bound} ms`), bound);
      this.waiting.set(id, { cmd: request.cmd, resolve: resolve as (reply: CodecReply) => void, reject, timer });
      this.process!.send({ id, ...request });
    });
  }

  async stop(): Promise<void> {
    const p = this.process;
    this.process = undefined;
    await p?.stop(STOP_GRACE_MS * this.multiplier);
    this.breakDown('the harness stopped it', false);
  }

  describe(): TargetDescription {
    const impl = this.hello?.implementation;
    return {
      kind: 'codec',
      origin: 'external',
      name: impl?.name ?? '(adapter not started)',
      ...(impl?.version ? { version: impl.version } : {}),
      endpoint: this.options.command,
      capabilities: [...this.declared].sort(),
      details: { protocol: `codec adapter v${CODEC_PROTOCOL_VERSION}`, ...(impl ? { language: impl.language } : {}) },
    };
  }

  private onMessage(message: unknown): void {
    if (this.unusable) return;
    if (!this.hello) return this.onHello(message);
    const problems = checkReply(message);
    if (problems) return this.breakDown(`it wrote a message that is not a reply: ${problems}: ${preview(message)}`);
    const reply = message as { id: number; ok: boolean; result?: unknown };
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return this.breakDown(`it answered id ${reply.id}, which no waiting request has: ${preview(message)}`);
    if (reply.ok) {
      const wrong = checkResult(waiter.cmd, reply.result);
      if (wrong) return this.breakDown(`its ${waiter.cmd} result does not match the schema: ${wrong}: ${preview(message)}`);
    }
    this.waiting.delete(reply.id);
    clearTimeout(waiter.timer);
    const { id: _id, ...rest } = message as Record<string, unknown>;
    waiter.resolve(rest as unknown as CodecReply);
  }

  private onHello(message: unknown): void {
    const version = (message as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version !== CODEC_PROTOCOL_VERSION) {
      return this.breakDown(`it speaks protocol version ${version}; this harness speaks version ${CODEC_PROTOCOL_VERSION}`);
    }
    const problems = checkHello(message);
    if (problems) return this.breakDown(`its first message is not a version ${CODEC_PROTOCOL_VERSION} hello: ${problems}: ${preview(message)}`);
    this.hello = message as HelloMessage;
    this.declared = new Set(this.hello.supports.capabilities as CodecCapability[]);
    this.helloWaiter?.();
  }

  /** The first reason wins; kills the process and rejects everything waiting. */
  private breakDown(reason: string, kill = true): void {
    if (this.unusable) return;
    this.unusable = new CodecAdapterUnusable(reason, this.options.command);
    if (kill) this.process?.fail(reason);
    this.helloWaiter?.(this.unusable);
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(this.unusable);
    }
    this.waiting.clear();
  }
}

function preview(message: unknown): string {
  const text = JSON.stringify(message) ?? String(message);
  return text.length > 160 ? `${text.slice(0, 160)}...` : text;
}
