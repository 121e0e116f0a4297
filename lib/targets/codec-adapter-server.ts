/**
 * The adapter side of the codec adapter protocol, for an implementation written in JavaScript or
 * TypeScript: reads JSON lines from `input`, answers `start` with `hello`, and every request with
 * `answer(request)`, echoing its id. Serves until `input` ends. A line that is not a request the schema
 * accepts, or one `answer` throws on, gets a refusal of kind `other` (when it carries an id) and a line on
 * `log`; nothing is thrown.
 * `ilp-conformance codec-adapter` serves the project's own codec with it.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { CODEC_PROTOCOL_VERSION, type CodecReply, type CodecRequest, type HelloMessage } from './codec-protocol';
import { checkRequest } from './codec-protocol-schema';

export interface ServeOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly log: (line: string) => void;
  readonly hello: HelloMessage;
  readonly answer: (request: CodecRequest) => CodecReply | Promise<CodecReply>;
}

export async function serveCodec(options: ServeOptions): Promise<void> {
  const write = (message: unknown) => options.output.write(`${JSON.stringify(message)}\n`);
  let started = false;
  for await (const line of createInterface({ input: options.input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    let message: { cmd?: unknown; id?: unknown; version?: unknown };
    try {
      message = JSON.parse(line);
    } catch {
      options.log(`codec-adapter: ignoring a line that is not JSON: ${line.slice(0, 80)}`);
      continue;
    }
    if (message?.cmd === 'start') {
      if (message.version !== CODEC_PROTOCOL_VERSION) options.log(`codec-adapter: the harness speaks version ${String(message.version)}; this adapter speaks ${CODEC_PROTOCOL_VERSION}`);
      started = true;
      write(options.hello);
      continue;
    }
    const problems = started ? checkRequest(message) : 'no start message yet';
    if (problems) {
      options.log(`codec-adapter: not a request (${problems}): ${line.slice(0, 80)}`);
      if (typeof message?.id === 'number') write({ id: message.id, ok: false, refusal: { kind: 'other', message: `not a request: ${problems}` } });
      continue;
    }
    const { id, ...request } = message as { id: number } & CodecRequest;
    try {
      write({ id, ...(await options.answer(request as CodecRequest)) });
    } catch (error) {
      // Not a refusal of the codec: a request it could not even start on (e.g. a value that is no number).
      const text = error instanceof Error ? error.message : String(error);
      options.log(`codec-adapter: request ${id} (${String(message.cmd)}) failed: ${text}`);
      write({ id, ok: false, refusal: { kind: 'other', message: `the adapter could not handle this request: ${text}` } });
    }
  }
}
