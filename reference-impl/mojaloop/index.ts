/**
 * The bundled reference Mojaloop participant: one FSP speaking FSPIOP v1.1 (or, with `api: 'iso20022'`, the
 * ISO 20022 mode of FSPIOP v2.0, ILPv4 only) on a loopback port, as Payee FSP
 * (answers POST /quotes and POST /transfers with callbacks to the switch) and as Payer FSP (pays through
 * the switch when triggered at POST /outbound/payments). `startReferenceParticipant()` is the embedded
 * default of the Mojaloop profile; the harness starts it only through lib/targets/bundled-references.ts.
 */
import { randomBytes } from 'node:crypto';
import { dialectFor, type ApiDialectName } from '../../contracts/fspiop';
import type { AddressInfo } from 'node:net';
import type { ParticipantContext, PacketVersion } from './context';
import { parseMojaloopFaults, type MojaloopFault } from './faults';
import { createOutbound } from './outbound';
import { createParticipantServer, TRIGGER_PATH } from './server';

export { MOJALOOP_FAULTS, parseMojaloopFaults, type MojaloopFault } from './faults';
export { TRIGGER_PATH } from './server';

export interface ReferenceParticipantOptions {
  /** Where its requests and callbacks go (the switch's base URL). */
  readonly switchUrl: string;
  readonly fspId?: string;
  readonly version?: PacketVersion;
  /** The body format: fspiop (v1.1, default) or iso20022 (which needs version ilpv4). */
  readonly api?: ApiDialectName;
  readonly faults?: string | readonly string[];
  readonly quoteValidityMs?: number;
  /** 0 (default) = an ephemeral port. */
  readonly port?: number;
}

export interface RunningParticipant {
  readonly url: string;
  readonly triggerUrl: string;
  readonly fspId: string;
  readonly version: PacketVersion;
  readonly api: ApiDialectName;
  /** Its fulfilment secret in base64url, for the ML-006 check (a test participant discloses it). */
  readonly secret: string;
  readonly faults: ReadonlySet<MojaloopFault>;
  close(): Promise<void>;
}

export async function startReferenceParticipant(options: ReferenceParticipantOptions): Promise<RunningParticipant> {
  const faults = parseMojaloopFaults(options.faults);
  const fspId = options.fspId ?? 'referencefsp';
  const api = options.api ?? 'fspiop';
  const version = options.version ?? (api === 'iso20022' ? 'ilpv4' : 'ilpv1');
  if (api === 'iso20022' && version !== 'ilpv4') throw new Error(`the ISO 20022 mode carries only ILPv4 Prepares, not ${version} packets`);
  const dialect = dialectFor(api);
  const secret = randomBytes(32);
  const ctx: ParticipantContext = {
    fspId, secret, version, dialect, faults,
    outbound: createOutbound(() => options.switchUrl, fspId, faults, dialect),
    quoteValidityMs: options.quoteValidityMs ?? 60_000,
    quotes: new Map(), transfers: new Map(), waits: new Map(),
  };
  const server = createParticipantServer(ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url, triggerUrl: `${url}${TRIGGER_PATH}`, fspId, version, api, secret: secret.toString('base64url'), faults,
    close: () => (closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })),
  };
}
