/**
 * Rule 7: frames of unknown type are ignored (RFC 29 §5.3, STREAM-012). This rule exists only to hold the
 * fault that breaks that; with no faults it does nothing.
 */
import type { PrepareContext } from '../context';
import { CloseConnection } from '../errors';

export function createUnknownFrameRule() {
  return (ctx: PrepareContext): void => {
    // FAULT refuse-unknown-frames
    if (!ctx.faults.has('refuse-unknown-frames')) return;
    const unknown = ctx.packet!.frames.find((f) => f.name === 'Unknown');
    if (unknown) throw new CloseConnection('FrameFormatError', `frameType=${unknown.type}`);
  };
}
