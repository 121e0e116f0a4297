/**
 * Rule 1: find the connection the Prepare's destination names and decrypt its data (RFC 29 §4.2, §5.1).
 * Data that does not decrypt, or decrypts to no STREAM packet, is Undecryptable (F06, STREAM-005, STREAM-027).
 * Must run first: every later rule reads the packet. Does not: judge the packet's contents.
 */
import { decodeStreamPacket, decryptStreamData, isCodecError } from '../../../lib/codec';
import type { PrepareContext } from '../context';
import type { ConnectionDirectory } from '../directory';
import { Undecryptable } from '../errors';

export function createDecryptRule(directory: ConnectionDirectory) {
  return (ctx: PrepareContext): void => {
    const token = directory.secrets.tokenOf(ctx.prepare.destination);
    if (!token) throw new Undecryptable(`destination=${ctx.prepare.destination} reason="no connection of this receiver"`);
    const keys = directory.keysOf(token);
    let plaintext: Buffer;
    try {
      plaintext = decryptStreamData(keys, ctx.prepare.data);
    } catch (error) {
      throw new Undecryptable(isCodecError(error) ? error.message : String(error));
    }
    try {
      ctx.packet = decodeStreamPacket(plaintext, { mode: 'lenient' });
    } catch (error) {
      throw new Undecryptable(`decrypted, but no STREAM packet: ${(error as Error).message}`);
    }
    ctx.keys = keys;
    ctx.connection = directory.open(token, keys);
  };
}
