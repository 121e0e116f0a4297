/**
 * @interledger/pay 0.2.2, the STREAM sender Rafiki uses, pays the bundled reference receiver: the reference
 * interoperates with a real sender, not only with the harness that was written beside it. The plugin below is
 * the sender's upstream connector, and nothing more: it answers IL-DCP itself (same asset as the receiver, so
 * no exchange rate is involved), posts every other Prepare to the receiver over ILP over HTTP, and turns a
 * Fulfill that does not match its condition into F05, as a connector does.
 * Run: `npm run interop:pay:install` once, then `npm run interop:pay`.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildIldcpFulfill, decodePrepare, decodeReply, encodePacket, fulfillmentMatches, ILDCP_DESTINATION, PacketType } from '../../lib/codec';
import { querySpsp, spspDetails } from '../../lib/peers/spsp-client';
import { postBytes } from '../../lib/peers/http-wire';
import { startReferenceReceiver, type RunningReceiver } from '../../lib/targets/bundled-references';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { quote } = require('@interledger/pay');

function upstreamPlugin(receiver: RunningReceiver) {
  let connected = false;
  return {
    async connect() { connected = true; },
    async disconnect() { connected = false; },
    isConnected: () => connected,
    async sendData(data: Buffer): Promise<Buffer> {
      const prepare = decodePrepare(data);
      if (prepare.destination === ILDCP_DESTINATION) {
        return Buffer.from(encodePacket(buildIldcpFulfill({ clientAddress: 'test.sender', assetCode: receiver.assetCode, assetScale: receiver.assetScale })));
      }
      const answer = await postBytes(receiver.ilpUrl, { 'content-type': 'application/octet-stream', authorization: `Bearer ${receiver.ilpToken}` }, data, 5_000);
      if (!answer.ok || answer.status !== 200) throw new Error(`receiver did not answer: ${answer.ok ? `HTTP ${answer.status}` : answer.reason}`);
      // As any connector does (RFC 27), a Fulfill whose fulfillment does not hash to the condition becomes F05.
      const reply = decodeReply(answer.body);
      if (reply.type === PacketType.Fulfill && !fulfillmentMatches(reply.fulfillment, prepare.executionCondition)) {
        return Buffer.from(encodePacket({ type: PacketType.Reject, code: 'F05', triggeredBy: 'test', message: 'fulfillment does not match the condition', data: new Uint8Array(0) }));
      }
      return Buffer.from(answer.body);
    },
    registerDataHandler() {},
    deregisterDataHandler() {},
  };
}

/** `amount` is in the asset's units (XRP), as @interledger/pay takes it; the reference's scale is 9. */
async function payReference(faults: string[], amount: string) {
  const receiver = await startReferenceReceiver({ faults });
  try {
    const details = spspDetails(await querySpsp(receiver.spspUrl, { timeoutMs: 2_000 }));
    assert.ok(details.ok, details.ok ? '' : details.reason);
    const q = await quote({ plugin: upstreamPlugin(receiver), destinationAddress: details.destinationAccount, sharedSecret: details.sharedSecret, amountToSend: amount });
    return await q.pay();
  } finally {
    await receiver.close();
  }
}

describe('@interledger/pay 0.2.2 against the reference receiver', () => {
  it('pays 0.0001 XRP (100,000 base units at scale 9) in full', async () => {
    const receipt = await payReference([], '0.0001');
    assert.equal(receipt.error, undefined);
    assert.equal(receipt.amountSent.toString(), '0.0001');
    assert.equal(receipt.amountDelivered.toString(), '0.0001');
    assert.equal(receipt.destinationAccount.assetCode, 'XRP');
  });

  it('fails to pay a reference whose fulfillments are wrong (the test can fail)', async () => {
    const outcome = await payReference(['fulfillment-from-encryption-key'], '0.000001').then((r) => r, (e) => ({ error: String(e), amountDelivered: 0 }));
    assert.notEqual(String(outcome.amountDelivered), '0.000001', 'a receiver with a wrong fulfillment derivation was paid in full');
    assert.match(String(outcome.error), /^[A-Z][A-Za-z]+$/, 'the payment ends with a PaymentError, not a crash');
  });
});
