/**
 * The reference connector's packet pipeline: ONE ordered list of small rules (DESIGN decision 11).
 *
 * Read it top to bottom as the path of a Prepare: each rule either answers (throws an IlpError or returns
 * a reply) or passes the packet on to the rule below it. The reply then travels back up the same list,
 * so a rule that looks at replies sits ABOVE the rules whose replies it judges: check-fulfillment sits
 * above outgoing-expiry and forward, and the balance rules (which settle on the way back) sit above
 * check-fulfillment, so nothing unverified is ever committed.
 */
import type { IlpReply } from '../../lib/codec/types';
import type { PeerConfig, Topology } from '../../contracts/topology';
import type { BalanceBook } from './balance-book';
import { type IlpRule, type Next, PacketContext } from './context';
import { InternalError } from './errors';
import { type Faults, NO_FAULTS } from './faults';
import type { RoutingTable } from './routing-table';
import type { SendPrepare } from './transport';
import { createBusyNextHopRule } from './rules/busy-next-hop';
import { createCheckFulfillmentRule } from './rules/check-fulfillment';
import { createExchangeRateRule } from './rules/exchange-rate';
import { createForwardRule } from './rules/forward';
import { createIncomingBalanceRule } from './rules/incoming-balance';
import { createMaxPacketAmountRule } from './rules/max-packet-amount';
import { createNetworkSplitRule } from './rules/network-split';
import { createOutgoingBalanceRule } from './rules/outgoing-balance';
import { createOutgoingExpiryRule } from './rules/outgoing-expiry';
import { createPeerProtocolRule } from './rules/peer-protocol';
import { createReduceExpiryRule } from './rules/reduce-expiry';
import { createRejectOnErrorRule } from './rules/reject-on-error';
import { createRouteRule } from './rules/route';
import { createValidatePrepareRule } from './rules/validate-prepare';

export interface PipelineDependencies {
  readonly topology: Topology;
  readonly peers: ReadonlyMap<string, PeerConfig>;
  readonly table: RoutingTable;
  readonly book: BalanceBook;
  readonly send: SendPrepare;
  readonly now?: () => number;
  readonly onUnexpected?: (error: unknown) => void;
  /** Self-test fault switches (faults.ts); none by default. */
  readonly faults?: Faults;
}

export function createRules(deps: PipelineDependencies): IlpRule[] {
  const { sut, network, rates } = deps.topology;
  const now = deps.now;
  const faults = deps.faults ?? NO_FAULTS;
  const rules: IlpRule[] = [
    // Errors: wraps everything below; the only place a thrown IlpError becomes a Reject (triggeredBy = us).
    createRejectOnErrorRule({ address: sut.address, onUnexpected: deps.onUnexpected, faults }),

    // Validate: decode the body (leniently) into the Prepare; anything that is not a Prepare -> F01.
    createValidatePrepareRule({ faults }),

    // Expiry: forwarded expiry = min(incoming - minMessageWindow, now + maxHoldTime); not in the future
    // (expired, or too little time left) -> R02.
    createReduceExpiryRule({ minMessageWindowMs: sut.minMessageWindowMs, maxHoldTimeMs: sut.maxHoldTimeMs, now, faults }),

    // Max packet amount: above the incoming peer's maximum -> F08 with received/maximum.
    createMaxPacketAmountRule({ faults }),

    // Route: peer.* is answered here (IL-DCP for children) and never forwarded; then the test/live
    // split, which must come before the table so no static route can cross it; then longest prefix.
    createPeerProtocolRule({ address: sut.address, faults }),
    createNetworkSplitRule({ network, faults }),
    createRouteRule({ table: deps.table, peers: deps.peers, faults }),

    // Balance/limits, incoming side: reserve on the incoming peer's account (T04 past its maximum).
    createIncomingBalanceRule({ book: deps.book, faults }),

    // Exchange rate: convert into the next hop's asset and scale (R01 when it rounds to zero).
    createExchangeRateRule({ rates, faults }),

    // Balance/limits, outgoing side: after the rate, because it charges the converted amount.
    createOutgoingBalanceRule({ book: deps.book, faults }),

    // Check fulfillment: a Fulfill that does not hash to the condition never goes back up (F05).
    createCheckFulfillmentRule({ faults }),

    // Busy next hop: its T02/T05 becomes our T03 (RFC 27: retry elsewhere or answer T03; one route here).
    createBusyNextHopRule({ faults }),

    // Late fulfillment: no reply by the forwarded expiry -> R00 at once, request aborted; a reply after
    // it -> R00.
    createOutgoingExpiryRule({ now, faults }),

    // Forward: send to the next hop; transport failures become T01/T00.
    createForwardRule({ send: deps.send, faults }),

    // Settle balances: done on the way back up by incoming-balance and outgoing-balance above. Each one
    // reserves and settles in the same rule, so an error thrown anywhere between can never leak a
    // reservation, and only a Fulfill that passed check-fulfillment and outgoing-expiry is committed.
  ];
  // FAULT charge-unverified-fulfill: check the fulfillment above the balance rules, so they commit first.
  if (faults.has('charge-unverified-fulfill')) {
    const check = rules.findIndex((rule) => rule.name === 'check-fulfillment');
    rules.splice(rules.findIndex((rule) => rule.name === 'incoming-balance'), 0, ...rules.splice(check, 1));
  }
  return rules;
}

/** Chains rules so each one's `next` is the rule after it. The last rule must answer without `next`. */
export function composeRules(rules: readonly IlpRule[]): (ctx: PacketContext) => Promise<IlpReply> {
  const steps: Next[] = new Array(rules.length + 1);
  steps[rules.length] = async () => {
    throw new InternalError('rule order: the last rule called next');
  };
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i]!;
    const next = steps[i + 1]!;
    steps[i] = (ctx) => rule.handle(ctx, next);
  }
  return steps[0]!;
}

export { PacketContext };
