/**
 * `ilp-conformance packet decode|encode`: ILPv4 packets between bytes and their JSON form (lib/codec json.ts:
 * amounts as decimal strings, bytes as hex, times ISO-8601 UTC, a Reject's code name and class).
 *
 *   decode <hex | base64 | ->   bytes in (hex or base64 detected; whitespace and 0x tolerated; - is stdin),
 *                               JSON out. Exit 0, or 1 with one line: the error kind, field and byte offset.
 *   encode [file | -]           JSON in (default stdin), hex out. Exit 0, or 1 with one line naming the field.
 *
 * Exit 2 on a usage error (unknown subcommand or option, missing argument, unreadable file).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { decodePacket, encodePacket, isCodecError, LEGACY_TYPE_NAMES, packetFromJson, packetToJson, type DecodeMode } from '../../lib/codec';
import { decodeLegacyPacket, legacyToWire } from '../../lib/targets/codec-legacy-wire';

export const summary = 'decode ILPv4 packet bytes to JSON, or encode JSON to bytes';

const USAGE = `usage: ilp-conformance packet decode <hex | base64 | -> [--lenient] [--hex | --base64]
       ilp-conformance packet encode [file | -] [--lenient] [--base64]

decode   reads one packet (Prepare, Fulfill or Reject) and prints it as JSON: amounts as decimal
         strings, bytes as hex, expiresAt as ISO-8601 UTC, a Reject's code with its name and class.
         Type bytes 1-11 are the 2017 family (ILPv1 Payment, ILQP quotes, Error, Fulfillment Data,
         Forwarded Payment, Rejection): printed as {type, name, fields}, so a Mojaloop ilpPacket
         (base64url) decodes too.
         Input is hex or base64 (detected; --hex / --base64 force one); whitespace and a 0x prefix are
         ignored; "-" reads standard input.
encode   reads that JSON (from a file, or standard input when the file is "-" or missing) and prints
         the canonical bytes as hex (--base64: as base64).

  --lenient   decode: accept the non-canonical forms RFC 27 lets a receiver accept (long-form lengths,
              leading zero length bytes) and an empty Reject triggeredBy; encode: allow that empty
              triggeredBy. Default: strict.
  -h, --help  this text

Exit status: 0 ok; 1 the packet or JSON is invalid (one line on stderr says which field and why);
2 usage error.`;

/** Where the command reads and writes; the CLI passes the process streams. */
export interface PacketIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
}

const processIo: PacketIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export async function run(argv: string[]): Promise<number> {
  return runWith(argv, processIo);
}

class UsageError extends Error {}
/** Bad input (exit 1): the message is the one line to print. */
class InputError extends Error {}

export async function runWith(argv: string[], io: PacketIo): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    if (sub === undefined) throw new UsageError('missing subcommand (decode or encode)');
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (sub === 'decode') return await decodeCommand(rest, io);
    if (sub === 'encode') return await encodeCommand(rest, io);
    throw new UsageError(`unknown subcommand "${sub}" (decode or encode)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ilp-conformance packet: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function parse(argv: string[], options: Record<string, { type: 'boolean'; short?: string }>): { values: Record<string, boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: true });
    return { values: values as Record<string, boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function decodeCommand(argv: string[], io: PacketIo): Promise<number> {
  const { values, positionals } = parse(argv, { lenient: { type: 'boolean' }, hex: { type: 'boolean' }, base64: { type: 'boolean' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'decode needs the packet (hex, base64, or - for stdin)' : 'decode takes one packet');
  if (values.hex && values.base64) throw new UsageError('--hex and --base64 exclude each other');
  const text = positionals[0] === '-' ? await io.readStdin() : positionals[0]!;
  const bytes = parsePacketText(text, values.hex ? 'hex' : values.base64 ? 'base64' : 'auto');
  const mode: DecodeMode = values.lenient ? 'lenient' : 'strict';
  if (LEGACY_TYPE_NAMES[bytes[0]!] !== undefined) return decodeLegacy(bytes, mode, io);
  let packet;
  try {
    packet = decodePacket(bytes, { mode });
  } catch (error) {
    if (isCodecError(error)) throw new InputError(`invalid packet: ${error.message}`);
    throw error;
  }
  io.stdout(`${JSON.stringify(packetToJson(packet), null, 2)}\n`);
  for (const note of decodeNotes(bytes, mode)) io.stderr(`note: ${note}\n`);
  return 0;
}

/** A packet of the 2017 family (type 1..7), in the adapter protocol's field form (lib/targets/codec-legacy-wire.ts). */
function decodeLegacy(bytes: Uint8Array, mode: DecodeMode, io: PacketIo): number {
  try {
    const wire = legacyToWire(decodeLegacyPacket(bytes, { mode }));
    io.stdout(`${JSON.stringify({ type: wire.type, name: LEGACY_TYPE_NAMES[wire.type], fields: wire.fields }, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (isCodecError(error)) throw new InputError(`invalid packet: ${error.message}`);
    throw error;
  }
}

/** What a clean decode quietly tolerated: trailing bytes (RFC 30 extensibility) and, in lenient mode, what strict refuses. */
function decodeNotes(bytes: Uint8Array, mode: DecodeMode): string[] {
  const notes: string[] = [];
  if (mode === 'lenient') {
    try {
      decodePacket(bytes, { mode: 'strict' });
    } catch (error) {
      if (isCodecError(error)) notes.push(`accepted in lenient mode; strict decoding refuses it: ${error.message}`);
    }
  }
  try {
    decodePacket(bytes, { mode, rejectTrailingBytes: true });
  } catch (error) {
    if (isCodecError(error) && error.kind === 'TrailingBytes') {
      notes.push(`${error.details.count} trailing byte(s) at offset ${error.offset} ignored (RFC 30 extensibility)`);
    }
  }
  return notes;
}

/** Hex (optionally 0x-prefixed) or base64/base64url; whitespace anywhere is ignored. */
export function parsePacketText(text: string, form: 'auto' | 'hex' | 'base64'): Uint8Array {
  let clean = text.replace(/\s+/g, '');
  if (form !== 'base64' && /^0[xX]/.test(clean)) clean = clean.slice(2);
  if (clean.length === 0) throw new InputError('invalid input: no packet bytes given');
  const isHex = /^[0-9a-fA-F]*$/.test(clean) && clean.length % 2 === 0;
  if (form === 'hex' || (form === 'auto' && isHex)) {
    if (!isHex) {
      const bad = clean.search(/[^0-9a-fA-F]/);
      throw new InputError(bad >= 0
        ? `invalid input: not hex (character ${JSON.stringify(clean[bad])} at index ${bad})`
        : `invalid input: not hex (odd number of digits, ${clean.length})`);
    }
    return Buffer.from(clean, 'hex');
  }
  const base64 = /^[A-Za-z0-9+/]*={0,2}$/.test(clean) || /^[A-Za-z0-9_-]*={0,2}$/.test(clean);
  if (!base64 || clean.replace(/=+$/, '').length % 4 === 1) {
    throw new InputError(form === 'base64'
      ? 'invalid input: not base64'
      : 'invalid input: neither hex (even number of 0-9a-f digits) nor base64');
  }
  return Buffer.from(clean, 'base64');
}

async function encodeCommand(argv: string[], io: PacketIo): Promise<number> {
  const { values, positionals } = parse(argv, { lenient: { type: 'boolean' }, base64: { type: 'boolean' } });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('encode takes at most one file');
  const source = positionals[0] ?? '-';
  let text: string;
  if (source === '-') {
    text = await io.readStdin();
  } else {
    try {
      text = readFileSync(source, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON: ${(error as Error).message}`);
  }
  const mode: DecodeMode = values.lenient ? 'lenient' : 'strict';
  let bytes: Uint8Array;
  try {
    bytes = encodePacket(packetFromJson(json, { mode }), { mode });
  } catch (error) {
    if (isCodecError(error)) throw new InputError(`invalid packet JSON: ${error.message}`);
    throw error;
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  io.stdout(`${buf.toString(values.base64 ? 'base64' : 'hex')}\n`);
  return 0;
}
