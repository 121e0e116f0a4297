/**
 * A harness parent peer (relation "parent" in the topology) answers IL-DCP requests that no scenario
 * claimed: a connector configured with a parent may ask it for its own address at start-up (RFC 31),
 * and the answer it needs is the address the topology gives the SUT.
 */
import { ILDCP_DESTINATION, PEER_PROTOCOL_FULFILLMENT, encodeFulfill, encodeIldcpResponse, type IlpPrepare } from '../codec';
import type { PeerConfig, Topology } from '../../contracts/topology';

/** The OER Fulfill for an IL-DCP request from the SUT to `parent`, or undefined if `prepare` is not one. */
export function ildcpAnswerFor(prepare: IlpPrepare, topology: Topology, parent: PeerConfig): Uint8Array | undefined {
  if (prepare.destination !== ILDCP_DESTINATION) return undefined;
  return encodeFulfill({
    fulfillment: PEER_PROTOCOL_FULFILLMENT,
    data: encodeIldcpResponse({ clientAddress: topology.sut.address, assetScale: parent.asset.scale, assetCode: parent.asset.code }),
  });
}
