import type { IlpRule } from '../context';
import { ConnectorBusyError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

/** Next-hop Reject codes RFC 27 asks a connector not to relay as they are. */
const BUSY_CODES: ReadonlySet<string> = new Set(['T02', 'T05']);

/**
 * RFC 27 says a connector that gets T02 (Peer Busy) or T05 (Rate Limited) from the next hop SHOULD try
 * another route or answer its sender with T03 Connector Busy (ERR-005, ERR-006). The reference has
 * exactly one route per prefix, so it answers T03 from its own address. (Deployed connectors relay the
 * T02/T05 unchanged; we follow the RFC.)
 *
 * Position: on the reply side, right below check-fulfillment and above outgoing-expiry and forward.
 * Does not: touch any other Reject; those are relayed unchanged (ERR-011, ERR-012).
 */
export function createBusyNextHopRule(opts: WithFaults = {}): IlpRule {
  const relay = (opts.faults ?? NO_FAULTS).has('relay-busy-codes');
  return {
    name: 'busy-next-hop',
    async handle(ctx, next) {
      const reply = await next(ctx);
      // FAULT relay-busy-codes: T02/T05 go back unchanged.
      if (relay) return reply;
      if (reply.type === 14 && BUSY_CODES.has(reply.code)) {
        throw new ConnectorBusyError('the next hop is busy', {
          peer: ctx.nextHop?.name ?? '',
          nextHopCode: reply.code,
        });
      }
      return reply;
    },
  };
}
