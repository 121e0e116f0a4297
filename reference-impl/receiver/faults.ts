import { parseFaultNames, type FaultRegistry } from '../../contracts/faults';

/**
 * Named fault switches of the reference receiver (DESIGN decision 14), in the one shape of contracts/faults.ts.
 * Each breaks one rule in one documented way so the self-test (scripts/selftest.ts) can prove that the
 * scenario of its requirement goes red. The branches are marked `// FAULT <name>` where they sit; with no
 * faults the receiver runs exactly its normal code. Unknown names are refused.
 */
export const RECEIVER_FAULTS = {
  // SPSP (RFC 9)
  'spsp-plain-http': { description: 'speak plain HTTP on the port named as the HTTPS SPSP endpoint (no TLS)', requirements: ['SPSP-001'] },
  'spsp-json-content-type': { description: 'answer the SPSP query with Content-Type application/json instead of application/spsp4+json', requirements: ['SPSP-003'] },
  'spsp-no-cache-control': { description: 'send no Cache-Control header with the SPSP answer', requirements: ['SPSP-004'] },
  'spsp-short-secret': { description: 'hand out a 16-byte shared_secret instead of 32 bytes', requirements: ['SPSP-006'] },
  'spsp-base64url-secret': { description: 'encode shared_secret in base64url without padding instead of base64', requirements: ['SPSP-012'] },
  'spsp-same-secret': { description: 'hand every query the same destination_account and shared_secret', requirements: ['SPSP-007'] },
  'spsp-unknown-receiver-200': { description: 'answer a query for a receiver that does not exist with 200 and payment details instead of 404', requirements: ['SPSP-009'] },
  'spsp-invalid-address': { description: 'put an address with an empty segment in destination_account', requirements: ['SPSP-005'] },
  'spsp-refuses-spsp-accept': { description: 'answer 406 to a query whose Accept names application/spsp4+json (it wants application/json)', requirements: ['SPSP-002'] },
  'spsp-wrong-secret': { description: 'hand out a shared_secret that is not the one the connection decrypts with', requirements: ['SPSP-010'] },
  'spsp-no-cors': { description: 'send no Access-Control-Allow-Origin header', requirements: ['SPSP-011'] },
  // STREAM (RFC 29)
  'undecryptable-f99': { description: 'reject a Prepare it cannot decrypt with F99 instead of F06', requirements: ['STREAM-005', 'STREAM-027'] },
  'reply-under-fulfillment-key': { description: 'encrypt replies under the fulfillment key instead of HMAC(secret, "ilp_stream_encryption")', requirements: ['STREAM-002'] },
  'reuse-reply-iv': { description: 'encrypt every reply of a connection under the same IV', requirements: ['STREAM-003'] },
  'fulfillment-from-encryption-key': { description: 'derive the fulfillment with the encryption key instead of the "ilp_stream_fulfillment" key', requirements: ['STREAM-004'] },
  'reply-sequence-off-by-one': { description: 'answer with the Prepare\'s sequence plus one', requirements: ['STREAM-006'] },
  'reply-amount-zero': { description: 'state 0 as the amount received in every reply', requirements: ['STREAM-007'] },
  'probe-reject-without-reply': { description: 'reject an unfulfillable Prepare with empty data instead of the encrypted STREAM reply', requirements: ['STREAM-008'] },
  'ignore-minimum-amount': { description: 'fulfill a Prepare that arrives below the sender\'s stated minimum', requirements: ['STREAM-009'] },
  'minimum-exclusive': { description: 'refuse a Prepare for exactly the sender\'s minimum (treats the minimum as exclusive)', requirements: ['STREAM-009'] },
  'accept-wrong-packet-type': { description: 'read a STREAM packet that says it belongs in a Fulfill as if it came in a Prepare', requirements: ['STREAM-010'] },
  'refuse-junk': { description: 'reject a STREAM packet with bytes after its frames', requirements: ['STREAM-011'] },
  'refuse-wide-varuint': { description: 'refuse a packet whose StreamMoneyBlocked sendMax or StreamMaxMoney receiveMax is wider than UInt64 instead of reading it as the maximum', requirements: ['STREAM-023'] },
  'refuse-unknown-frames': { description: 'close the connection with FrameFormatError on a frame of unknown type', requirements: ['STREAM-012'] },
  'accept-even-stream-ids': { description: 'let a client open even-numbered (server) streams', requirements: ['STREAM-013'] },
  'inverted-stream-parity': { description: 'take odd stream IDs for the server\'s and even ones for the client\'s', requirements: ['STREAM-013'] },
  'advertise-remaining-money': { description: 'advertise the amount still receivable as receiveMax, so it shrinks as money arrives', requirements: ['STREAM-014'] },
  'no-stream-data-limit': { description: 'accept StreamData beyond the stream\'s advertised maximum offset', requirements: ['STREAM-015'] },
  'stream-data-limit-off-by-one': { description: 'close the connection on data that ends exactly at the advertised maximum offset', requirements: ['STREAM-015'] },
  'no-money-limit': { description: 'accept money beyond a stream\'s advertised receive maximum', requirements: ['STREAM-015'] },
  'count-resent-data': { description: 'count a resent StreamData frame (same stream and offset) again against the connection\'s data limit', requirements: ['STREAM-022'] },
  'ignore-asset-change': { description: 'keep a connection open when the sender contradicts its own asset details', requirements: ['STREAM-019'] },
  'no-connection-data-limit': { description: 'accept data beyond the connection\'s advertised ConnectionMaxData', requirements: ['STREAM-016'] },
  'asset-scale-drifts': { description: 'state asset scale one higher in every reply after the first', requirements: ['STREAM-017'] },
  'no-asset-details': { description: 'never send a ConnectionAssetDetails frame', requirements: ['STREAM-018'] },
  'money-after-close': { description: 'keep fulfilling Prepares after the sender closed the connection', requirements: ['STREAM-021'] },
  'no-money-credit': { description: 'never add fulfilled money to a stream\'s totalReceived', requirements: ['STREAM-029'] },
} as const satisfies FaultRegistry;

export type ReceiverFault = keyof typeof RECEIVER_FAULTS;

export type ReceiverFaults = ReadonlySet<ReceiverFault>;

export const NO_RECEIVER_FAULTS: ReceiverFaults = new Set();

export function parseReceiverFaults(list: string | readonly string[] | undefined): ReceiverFaults {
  return parseFaultNames(RECEIVER_FAULTS, 'reference receiver', list);
}
