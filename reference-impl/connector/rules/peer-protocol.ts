import { encodeIldcpResponse, ILDCP_DESTINATION, PEER_PROTOCOL_CONDITION, PEER_PROTOCOL_FULFILLMENT } from '../../../lib/codec';
import type { IlpRule } from '../context';
import { InvalidPacketError } from '../errors';
import { NO_FAULTS, type WithFaults } from '../faults';

export interface PeerProtocolOptions extends WithFaults {
  /** The connector's own address; a child's address is `${address}.${child name}`. */
  readonly address: string;
}

/**
 * Answers `peer.*` packets itself; they are bilateral and never forwarded (ADDR-008, ROUTE-006, DCP-006).
 * `peer.config` from a child with the peer-protocol condition gets the IL-DCP Fulfill: address
 * `${address}.${child}`, the link's asset code and scale (RFC 31, DCP-002). Every other `peer.*` packet
 * is refused with F01, as deployed connectors do: a non-child asking for peer.config, a wrong condition,
 * or a peer protocol this connector does not speak (peer.route.* included: no CCP here).
 *
 * Position: first rule of the route section, before network-split and route.
 * Does not: look at the routing table; peer.* never reaches it.
 */
export function createPeerProtocolRule(opts: PeerProtocolOptions): IlpRule {
  const faults = opts.faults ?? NO_FAULTS;
  return {
    name: 'peer-protocol',
    async handle(ctx, next) {
      const { destination, executionCondition } = ctx.prepare;
      if (!destination.startsWith('peer.')) return next(ctx);
      // FAULT forward-peer-addresses / ildcp-ask-parent: let route send peer.* on to the parent.
      if (faults.has('forward-peer-addresses') && destination !== ILDCP_DESTINATION) return next(ctx);
      if (faults.has('ildcp-ask-parent') && destination === ILDCP_DESTINATION) return next(ctx);
      if (destination !== ILDCP_DESTINATION) {
        throw new InvalidPacketError('unknown peer protocol', { destination });
      }
      // FAULT ildcp-any-condition: the condition is not checked.
      if (!sameBytes(executionCondition, PEER_PROTOCOL_CONDITION) && !faults.has('ildcp-any-condition')) {
        throw new InvalidPacketError('peer.config needs the peer protocol condition', { destination });
      }
      if (ctx.from.relation !== 'child') {
        throw new InvalidPacketError('peer.config is served to children only', { peer: ctx.from.name, relation: ctx.from.relation });
      }
      const data = encodeIldcpResponse({
        // FAULT ildcp-foreign-address / ildcp-wrong-scale: an address outside ours / the wrong scale.
        clientAddress: faults.has('ildcp-foreign-address') ? `test.elsewhere.${ctx.from.name}` : `${opts.address}.${ctx.from.name}`,
        assetScale: faults.has('ildcp-wrong-scale') ? ctx.from.asset.scale + 1 : ctx.from.asset.scale,
        assetCode: ctx.from.asset.code,
      });
      return { type: 13, fulfillment: PEER_PROTOCOL_FULFILLMENT, data };
    },
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}
