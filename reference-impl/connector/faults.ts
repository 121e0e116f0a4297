import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

export { UnknownFaultError } from '../../contracts/faults';

/**
 * Named fault switches for the self-test (DESIGN decision 13): each one breaks the reference connector in one
 * documented way, so the suite can prove it notices (`npm run selftest`, scripts/selftest.ts).
 *
 * A fault is on only when asked for: startReferenceConnector({ faults: ['skip-fulfillment-check'] }),
 * `ilp-conformance reference --fault NAME`, or ILP_REFERENCE_FAULTS=a,b for the features. The branches that
 * implement them are marked `// FAULT <name>` where they sit, and each is `if (faults.has('<name>'))`, so
 * with no faults the connector runs exactly its normal code.
 * Unknown names are refused so a typo never runs a "faulty" reference that is in fact correct.
 */

/** The connector's faults, by catalog area. Data, read by the self-test and the docs. */
export const CONNECTOR_FAULTS = {
  // Codec input and output
  'malformed-prepare-temporary-code': { description: 'answer a Prepare it cannot decode (e.g. 32768 bytes of data) with T00 instead of a final code', requirements: ['PKT-007'] },
  'pad-truncated-prepare': { description: 'read a Prepare cut short as if zero bytes followed, and forward it', requirements: ['ERR-015'] },
  'any-type-as-prepare': { description: 'read the contents of a packet of any type byte as a Prepare', requirements: ['ERR-015'] },
  'empty-body-server-error': { description: 'answer a request with an empty body with HTTP 500', requirements: ['ERR-015'] },
  'drop-garbage-request': { description: 'close the connection without an answer when the body starts with no ILP packet type', requirements: ['ERR-015'] },
  'invalid-packet-generic-code': { description: 'answer a body it cannot read as a Prepare with F00 instead of F01', requirements: ['ERR-016'] },
  'non-canonical-prepare-temporary-code': { description: 'answer a Prepare with a length prefix in long form with T00', requirements: ['ERR-015'] },
  'extra-contents-temporary-code': { description: 'answer a Prepare with bytes after its data, inside the envelope, with T00', requirements: ['ERR-015'] },
  'trailing-body-temporary-code': { description: 'answer a body with bytes after the Prepare with T00', requirements: ['ERR-015'] },
  'non-canonical-length': { description: 'encode every reply with a length prefix one byte longer than needed', requirements: ['OER-001'] },
  'trailing-byte-in-request': { description: 'append one zero byte after the OER Prepare in the body it posts to the next hop', requirements: ['HTTP-005'] },
  'alter-forwarded-data': { description: 'drop the last byte of the data of every Prepare it forwards', requirements: ['PKT-013'] },
  'alter-forwarded-condition': { description: 'flip one bit of the condition of every Prepare it forwards', requirements: ['PKT-012'] },
  // Routing
  'route-by-shortest-prefix': { description: 'pick the shortest matching routing-table prefix instead of the longest', requirements: ['ROUTE-001'] },
  'shadowed-shorter-route': { description: 'ignore a route whose prefix starts a longer route (test.lp lost once test.lp.deep exists)', requirements: ['ROUTE-001'] },
  'case-folded-route-table': { description: 'keep routes under lower-case prefixes, so a later route replaces one differing only in case', requirements: ['ADDR-004'] },
  'case-insensitive-routing': { description: 'compare destinations with routes ignoring letter case', requirements: ['ADDR-004'] },
  'forward-peer-addresses': { description: 'send peer.* packets other than peer.config on to the parent', requirements: ['ADDR-008', 'ROUTE-006'] },
  'ignore-network-split': { description: 'route g. destinations on a test network like any other', requirements: ['ROUTE-005'] },
  'no-route-temporary-code': { description: 'answer T01 instead of F02 when no route matches', requirements: ['ROUTE-002'] },
  // Errors
  'wrong-triggered-by': { description: 'put the sending peer\'s address, not its own, in triggeredBy of its own Rejects', requirements: ['ERR-009'] },
  'alter-relayed-reject': { description: 'replace the data of a Reject it relays from the next hop with nothing', requirements: ['ERR-011', 'PKT-013'] },
  'relay-busy-codes': { description: 'relay T02 and T05 from the next hop unchanged instead of answering T03', requirements: ['ERR-005', 'ERR-006'] },
  'f08-without-data': { description: 'answer F08 with empty data instead of the received and maximum amounts', requirements: ['ERR-003'] },
  'server-error-final-code': { description: 'turn an HTTP 5xx from the next hop into F02 instead of a T code', requirements: ['ERR-014', 'HTTP-013'] },
  'unreachable-final-code': { description: 'answer F02 instead of a T code when the next hop refuses the connection', requirements: ['HTTP-013'] },
  'miss-cut-off-reply': { description: 'not notice a next hop resetting the connection mid-response, and wait for the expiry (R00)', requirements: ['HTTP-013'] },
  // Conditions
  'skip-fulfillment-check': { description: 'pass back a Fulfill without checking that it hashes to the condition', requirements: ['COND-002'] },
  'charge-unverified-fulfill': { description: 'commit balances for a Fulfill before checking it (then reject it anyway)', requirements: ['COND-003'] },
  'alter-fulfill-data': { description: 'drop the data of a Fulfill it passes back', requirements: ['COND-004'] },
  // Expiry
  'no-expiry-reduction': { description: 'forward a Prepare with the expiry it came with', requirements: ['EXP-001'] },
  'ignore-incoming-expiry': { description: 'forward expired or nearly expired Prepares, giving the next hop at least 1 s', requirements: ['EXP-004', 'EXP-005'] },
  'wait-past-expiry': { description: 'keep waiting for a silent next hop after the forwarded expiry instead of answering R00', requirements: ['EXP-002', 'EXP-006'] },
  'accept-late-fulfill': { description: 'pass back a Fulfill that arrives after the forwarded expiry (until the incoming one)', requirements: ['EXP-003'] },
  // Amounts
  'ignore-max-packet-amount': { description: 'forward Prepares above the sender\'s maximum packet amount', requirements: ['ERR-003'] },
  'ignore-asset-scale': { description: 'forward the amount unconverted and unscaled', requirements: ['PKT-010', 'AMT-003'] },
  'inverted-rate': { description: 'apply the exchange rate the wrong way round', requirements: ['AMT-003'] },
  'forward-zero-amount': { description: 'forward a Prepare whose amount converts to zero instead of answering R01', requirements: ['AMT-005'] },
  // Balances
  'no-credit-limit': { description: 'forward Prepares beyond the sender\'s credit limit', requirements: ['ERR-013', 'AMT-002'] },
  'credit-limit-off-by-one': { description: 'refuse a Prepare that would bring the sender exactly to its maximum balance', requirements: ['AMT-002'] },
  'ignore-next-hop-minimum': { description: 'forward a Prepare that takes the next hop\'s account below its minimum balance', requirements: ['AMT-006'] },
  'no-reservation': { description: 'check the credit limit but reserve nothing while a Prepare is in flight', requirements: ['AMT-002'] },
  'keep-rejected-amount': { description: 'charge the sender for a Prepare that was rejected (balance not restored)', requirements: ['AMT-004'] },
  'charge-next-hop-account': { description: 'charge a Prepare to the next hop\'s account and limit instead of the sender\'s', requirements: ['PKT-015'] },
  // IL-DCP
  'ildcp-wrong-scale': { description: 'tell the child an asset scale one above the link\'s', requirements: ['DCP-002'] },
  'ildcp-any-condition': { description: 'answer peer.config whatever the condition', requirements: ['DCP-003'] },
  'ildcp-ask-parent': { description: 'pass a child\'s peer.config request on to its parent instead of answering it', requirements: ['DCP-006'] },
  'ildcp-foreign-address': { description: 'give a child an address outside the connector\'s own address space', requirements: ['DCP-004'] },
  // HTTP binding
  'accept-any-token': { description: 'accept a Prepare with any bearer token, or none', requirements: ['HTTP-002'] },
  'forward-without-token': { description: 'post to the next hop without an Authorization header', requirements: ['HTTP-002'] },
  'wrong-content-type': { description: 'post Prepares as application/ilp+octet-stream with no Accept header', requirements: ['HTTP-004'] },
  'sync-reply-wrong-media-type': { description: 'answer a sync Prepare with Content-Type text/plain instead of application/octet-stream', requirements: ['HTTP-014'] },
  'reject-as-http-error': { description: 'answer a sync Prepare it rejects with HTTP 400 instead of 200', requirements: ['HTTP-014'] },
  'async-answer-200': { description: 'acknowledge an async Prepare with 200 instead of 202', requirements: ['HTTP-008'] },
  'callback-without-request-id': { description: 'deliver async replies without the Request-Id header', requirements: ['HTTP-009', 'HTTP-007'] },
  'request-id-not-uuid': { description: 'send async peers a Request-Id that is not a UUIDv4', requirements: ['HTTP-007'] },
  'no-callback-url': { description: 'send async peers no Callback-Url header', requirements: ['HTTP-006'] },
  'accept-duplicate-callback': { description: 'answer 200 to a reply for an unknown or already answered Request-Id', requirements: ['HTTP-010'] },
  'deliver-reply-twice': { description: 'deliver every async reply twice', requirements: ['HTTP-012', 'HTTP-011'] },
  'retry-after-4xx': { description: 'deliver an async reply again after the callback answered 4xx', requirements: ['HTTP-011'] },
  'no-retry-after-5xx': { description: 'give up on an async reply after the first 5xx from the callback', requirements: ['HTTP-011'] },
} as const satisfies FaultRegistry;

export type ConnectorFault = keyof typeof CONNECTOR_FAULTS;

export const KNOWN_FAULTS: readonly string[] = Object.keys(CONNECTOR_FAULTS);

/** The faults switched on for one connector; empty by default. */
export type Faults = ReadonlySet<ConnectorFault>;

export const NO_FAULTS: Faults = new Set<ConnectorFault>();

/** The set of requested faults; throws UnknownFaultError naming every unknown one. */
export function parseFaults(names: readonly string[]): Faults {
  return parseFaultNames(CONNECTOR_FAULTS, 'reference connector', names);
}

/** Options of a part that honours fault switches. */
export interface WithFaults {
  readonly faults?: Faults;
}
