/**
 * How the ILPv1 connector's Then-steps judge (features/legacy/connector-ilpv1.feature): the ILPv1 Payment it
 * forwards, the ILPv1 Error (type 8) that reaches the sender's transfer on ledger A as its rejection message,
 * and that nothing was forwarded. Failures print Requirement / Expected / Actual through ledger-judge's `fail`.
 */
import { decodeIlpV1Outcome, LegacyPacketType, type IlpV1Error } from '../../lib/codec';
import { expectPaymentTransferRejected, outgoingOf } from './cross-ledger-judge';
import type { Ilpv1ConnectorScenario } from './ilpv1-connector-scenario';
import { fail } from './ledger-judge';

function describeError(e: IlpV1Error): string {
  return `${e.code} "${e.name}" triggered by ${e.triggeredBy} at ${e.triggeredAt.toISOString()}, forwarded by [${e.forwardedBy.join(', ')}], ${e.data.length} bytes of data (${Buffer.from(e.data).toString('hex').slice(0, 64)})`;
}

/** The connector's transfer on ledger B carries, as its memo, the very ILPv1 Payment of the sender's transfer. */
export function expectSamePayment(x: Ilpv1ConnectorScenario, to: string): void {
  const t = outgoingOf(x, to);
  const sent = x.current.packet;
  const got = Buffer.from(t.memo ?? '', 'base64');
  if (!got.equals(sent)) fail(x.ledgers.B, `memo: the ILPv1 Payment of the incoming transfer, ${sent.toString('hex')}`, `memo ${got.toString('hex') || '(none)'}`);
}

/**
 * The sender's transfer on ledger A, rejected by the connector (as `reader` reads it), and the ILPv1 Error its
 * rejection message holds, decoded strictly: a connector that answers with anything else fails here.
 */
export async function errorAtLedgerA(x: Ilpv1ConnectorScenario, reader: string): Promise<IlpV1Error> {
  const t = await expectPaymentTransferRejected(x, 'A', 'rejected_by_receiver', reader);
  const bytes = Buffer.from(t.rejection_message ?? '', 'base64');
  const wanted = 'rejection message: an ILPv1 Error (type 8)';
  try {
    const outcome = decodeIlpV1Outcome(bytes, undefined, [LegacyPacketType.Error]);
    if (outcome.type === 8) return outcome;
  } catch (error) {
    // Over the Five Bells API a rejection body that stands for no ILPv1 Error arrives as its JSON text (five-bells-ilpv1-rejection.ts).
    const shown = bytes[0] === 0x7b ? bytes.toString('utf8').slice(0, 400) : bytes.toString('hex').slice(0, 80);
    fail(x.ledgers.A, wanted, `${bytes.length} bytes (${shown}) that are no ILPv1 Error: ${(error as Error).message}`);
  }
  return fail(x.ledgers.A, wanted, 'another ILPv1 packet');
}

function sentError(x: Ilpv1ConnectorScenario): IlpV1Error {
  if (!x.sentError) throw new Error('nobody rejected the transfer on ledger B with an ILPv1 Error; add "When bob rejects connie\'s transfer on ledger B with an ILPv1 Error F99 triggered by bob"');
  return x.sentError;
}

/** ERR-L01: the same error comes back: its code and who triggered it. */
export function expectSameError(x: Ilpv1ConnectorScenario, got: IlpV1Error): void {
  const sent = sentError(x);
  if (got.code !== sent.code || got.triggeredBy !== sent.triggeredBy) {
    fail(x.ledgers.A, `the error from ledger B: code ${sent.code}, triggered by ${sent.triggeredBy}`, describeError(got));
  }
}

/** The forwardedBy the error reaching ledger A must list: the one from ledger B, then the connector. */
export function expectedForwarders(x: Ilpv1ConnectorScenario): readonly string[] {
  return [...sentError(x).forwardedBy, 'the connector'];
}

/**
 * ERR-L02, first half: forwardedBy is the list that came from ledger B with the connector's address appended;
 * any of its addresses (connectorAddresses: IL-RFC 3 does not say which).
 */
export function expectForwardedByAppended(x: Ilpv1ConnectorScenario, got: IlpV1Error): void {
  const before = sentError(x).forwardedBy;
  const own = x.connectorAddresses;
  const appended = got.forwardedBy.length === before.length + 1 && before.every((a, i) => got.forwardedBy[i] === a) && own.includes(got.forwardedBy[before.length]!);
  if (!appended) {
    fail(x.ledgers.A, `forwardedBy [${[...before, own.join(' or ')].join(', ')}]: the list from ledger B, then the connector's address`, `forwardedBy [${got.forwardedBy.join(', ')}]`);
  }
}

/** ERR-L02, second half: every other field is as it came from ledger B. */
export function expectOtherwiseUnchanged(x: Ilpv1ConnectorScenario, got: IlpV1Error): void {
  const sent = sentError(x);
  const same =
    got.code === sent.code &&
    got.name === sent.name &&
    got.triggeredBy === sent.triggeredBy &&
    got.triggeredAt.getTime() === sent.triggeredAt.getTime() &&
    Buffer.from(got.data).equals(Buffer.from(sent.data));
  if (!same) fail(x.ledgers.A, `code, name, triggeredBy, triggeredAt and data as sent: ${describeError(sent)}`, describeError(got));
}

/** An error the connector raised itself: `code`, triggered by one of its own addresses, forwarded by nobody. */
export function expectOwnError(x: Ilpv1ConnectorScenario, got: IlpV1Error, code: string): void {
  if (got.code !== code || !x.connectorAddresses.includes(got.triggeredBy) || got.forwardedBy.length !== 0) {
    fail(x.ledgers.A, `an ILPv1 Error ${code} triggered by the connector (${x.connectorAddresses.join(' or ')}), forwarded by nobody`, describeError(got));
  }
}

/** Nothing was prepared for `to` on ledger B: no notification during the payment, nor in the quiet time after it. */
export async function expectNothingForwarded(x: Ilpv1ConnectorScenario, to: string): Promise<void> {
  const { B } = x.ledgers;
  const account = B.holder(to).account;
  const found =
    x.current.outgoing ??
    (await B.stream(to).waitFor((n) => n.event === 'transfer.prepared' && 'state' in n.resource && n.resource.credit_account === account, B.silenceWaitMs))?.resource;
  if (found && 'state' in found) {
    fail(B, `no transfer prepared for ${to} on ledger B`, `transfer ${found.id} of ${found.amount} from ${found.debit_account}; connector log:\n${x.linkLog.join('\n') || '(empty)'}`);
  }
}
