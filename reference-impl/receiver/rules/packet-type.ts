/**
 * Rule 2: a STREAM packet that names another ILP packet type than Prepare is discarded (RFC 29 §5.2,
 * STREAM-010): it may be a reply's data swapped in by an intermediary. Discarded means answered as if it
 * could not be read (F06). Junk after the frames is ignored (STREAM-011); the decoder already skipped it.
 */
import { UINT64_MAX_BIG } from '../../../lib/codec';
import type { PrepareContext } from '../context';
import { Undecryptable } from '../errors';

export function createPacketTypeRule() {
  return (ctx: PrepareContext): void => {
    const packet = ctx.packet!;
    // FAULT accept-wrong-packet-type
    if (packet.ilpPacketType !== 12 && !ctx.faults.has('accept-wrong-packet-type')) {
      throw new Undecryptable(`ilpPacketType=${packet.ilpPacketType} expected=12 reason="STREAM packet for another ILP packet type, discarded"`);
    }
    // FAULT refuse-wide-varuint: the decoder saturated these at the UInt64 maximum (RFC 29 §5.1.4); a broken one refuses them.
    if (ctx.faults.has('refuse-wide-varuint') && packet.frames.some((f) => (f.name === 'StreamMoneyBlocked' && f.sendMax === UINT64_MAX_BIG) || (f.name === 'StreamMaxMoney' && f.receiveMax === UINT64_MAX_BIG))) {
      throw new Undecryptable('reason="VarUInt wider than UInt64"');
    }
    // FAULT refuse-junk
    if (ctx.faults.has('refuse-junk') && (packet.junkLength ?? 0) > 0) throw new Undecryptable(`junk=${packet.junkLength}`);
  };
}
