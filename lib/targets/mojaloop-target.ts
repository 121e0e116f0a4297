/**
 * A Mojaloop participant under test (the Mojaloop profile): an FSP's FSPIOP v1.1 endpoint, audited as Payee
 * FSP (the harness plays switch and Payer FSP) or as Payer FSP (the harness plays switch and Payee FSP,
 * and starts payments through the participant's trigger endpoint). The harness's switch listener
 * (lib/mojaloop/switch-listener.ts) belongs to the target: the participant must send its callbacks there.
 *
 * External: by URL, role, FSP ID and, for the payer role, the trigger URL; the switch listens on
 * 127.0.0.1:7830 (MOJALOOP_SWITCH_PORT), the address to configure as the participant's hub/switch.
 * Bundled: the reference participant twice on ephemeral loopback ports (ILPv1, the default, and ILPv4),
 * both roles, the switch on an ephemeral port too.
 *
 * `--api iso20022` (contracts/fspiop ISO20022_DIALECT): every message the harness sends is encoded in the ISO
 * 20022 mode and every one it receives decoded (the switch listener); the mode carries only ILPv4 Prepares, so
 * it means `--ilp v4` and refuses `--ilp v1`; the bundled participants then speak ISO 20022 too, both ILPv4.
 */
import { startReferenceParticipant, type RunningParticipant } from './bundled-references';
import { dialectFor, type ApiDialectName, type FspiopDialect } from '../../contracts/fspiop';
import { SwitchListener } from '../mojaloop/switch-listener';
import { TARGET_INTERFACE_VERSION, type Target, type TargetDescription, type TargetOrigin } from './target';

import { MOJALOOP_SWITCH_PORT } from '../mojaloop/switch-port';

export { MOJALOOP_SWITCH_PORT };
export type MojaloopRole = 'payee' | 'payer';
export type IlpMode = 'v1' | 'v4' | 'auto';
export const MOJALOOP_ROLES: readonly MojaloopRole[] = ['payee', 'payer'];
export const ILP_MODES: readonly IlpMode[] = ['v1', 'v4', 'auto'];

/** The FSP the harness is when it plays the other participant. */
export const HARNESS_PAYER_FSP = 'conformancepayer';
export const HARNESS_PAYEE_FSP = 'conformancepayee';

export interface ParticipantEndpoint {
  readonly url: string;
  readonly fspId: string;
  readonly triggerUrl?: string;
  /** The packet version it must use: ilpv1, ilpv4, or undefined for either (--ilp auto). */
  readonly version: 'ilpv1' | 'ilpv4' | undefined;
  /** Its fulfilment secret (base64url), when disclosed: makes ML-006 checkable. */
  readonly secret?: string;
}

export interface MojaloopTargetOptions {
  readonly url?: string;
  readonly role?: string;
  readonly fspId?: string;
  readonly payerTrigger?: string;
  readonly ilp?: string;
  readonly api?: string;
  readonly secret?: string;
  /** External only; default MOJALOOP_SWITCH_PORT. Tests pass 0. */
  readonly switchPort?: number;
  /** Bundled only: fault switches (self-test). */
  readonly faults?: string;
}

export class MojaloopTargetError extends Error {
  override readonly name = 'MojaloopTargetError';
}

export function parseIlpMode(value: string | undefined): IlpMode {
  const v = value ?? 'v1';
  if (!(ILP_MODES as readonly string[]).includes(v)) throw new MojaloopTargetError(`--ilp must be one of ${ILP_MODES.join(', ')}, not "${v}"`);
  return v as IlpMode;
}

export function parseRole(value: string | undefined): MojaloopRole {
  if (!value || !(MOJALOOP_ROLES as readonly string[]).includes(value)) throw new MojaloopTargetError(`an external Mojaloop participant needs its role: --mojaloop-role ${MOJALOOP_ROLES.join('|')}${value ? `, not "${value}"` : ''}`);
  return value as MojaloopRole;
}

/**
 * The packet version a run holds the participant to, given its body format: the ISO 20022 mode carries only an
 * ILPv4 Prepare (its condition is the Prepare's executionCondition), so there unset and auto mean v4 and v1 is
 * refused with the reason.
 */
export function ilpModeFor(api: string | undefined, ilp: string | undefined): IlpMode {
  if (api !== 'iso20022') return parseIlpMode(ilp);
  const mode = parseIlpMode(ilp ?? 'v4');
  if (mode === 'v1') throw new MojaloopTargetError('--api iso20022 carries only ILPv4 Prepares (CdtTrfTxInf.VrfctnOfTerms.IlpV4PrepPacket; the condition is the Prepare\'s executionCondition), so --ilp v1 cannot be audited in it: use --ilp v4, or leave --ilp out');
  return 'v4';
}

const VERSION_OF: Record<IlpMode, 'ilpv1' | 'ilpv4' | undefined> = { v1: 'ilpv1', v4: 'ilpv4', auto: undefined };

/** The FSP IDs of the bundled reference participants: the main one (of the run's packet version) and the ILPv4 one. */
export const BUNDLED_FSP_IDS = { main: 'referencefsp', v4: 'referencefspv4' } as const;

/** Why a scenario tagged @condition-field cannot run in the ISO 20022 mode. */
export const ISO20022_NO_CONDITION_FIELD = 'not applicable in the ISO 20022 mode (--api iso20022): it has no condition field, the condition is the Prepare\'s executionCondition, so a condition of its own can be neither sent nor judged';

/**
 * Why a scenario cannot run against the participant these options describe, or undefined: decided from the
 * settings alone, before anything starts (a bundled run has both roles, an ILPv4 participant and the secret).
 */
export function mojaloopSkipReason(tags: readonly string[], o: Pick<MojaloopTargetOptions, 'url' | 'role' | 'ilp' | 'secret' | 'api'>): string | undefined {
  if (o.api === 'iso20022' && tags.includes('@condition-field')) return ISO20022_NO_CONDITION_FIELD;
  if (!o.url) return undefined;
  const role = MOJALOOP_ROLES.find((r) => tags.includes(`@${r}`));
  if (role && o.role !== role) return `the participant is audited in the ${o.role ?? '(undeclared)'} role (--mojaloop-role); this scenario needs the ${role} role`;
  const ilp = o.api === 'iso20022' ? 'v4' : o.ilp ?? 'v1';
  if (tags.includes('@ilpv4') && ilp !== 'v4') return `the participant is declared to use ILP ${ilp} packets (--ilp ${ilp}); this scenario needs ILPv4 (--ilp v4)`;
  if (tags.includes('@needs-secret') && !o.secret) return 'not observable: the scenario recomputes the fulfilment from the participant\'s secret, which was not disclosed (ILP_MOJALOOP_SECRET)';
  return undefined;
}

export class MojaloopTarget implements Target<never> {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'mojaloop' as const;
  readonly capabilities: ReadonlySet<never> = new Set();

  private constructor(
    readonly origin: TargetOrigin,
    readonly roles: ReadonlySet<MojaloopRole>,
    readonly ilp: IlpMode,
    readonly dialect: FspiopDialect,
    readonly switchListener: SwitchListener,
    private readonly endpoints: { readonly main: ParticipantEndpoint; readonly v4?: ParticipantEndpoint },
    private readonly running: readonly RunningParticipant[],
  ) {}

  static async start(o: MojaloopTargetOptions = {}): Promise<MojaloopTarget> {
    let dialect: FspiopDialect;
    try {
      dialect = dialectFor(o.api ?? 'fspiop');
    } catch (e) {
      throw new MojaloopTargetError((e as Error).message);
    }
    const ilp = ilpModeFor(o.api, o.ilp);
    if (o.url) {
      if (o.faults) throw new MojaloopTargetError('fault switches apply only to the bundled reference participant, not to an external one');
      const role = parseRole(o.role);
      if (!o.fspId) throw new MojaloopTargetError('an external Mojaloop participant needs its FSP ID: --fsp-id ID (its FSPIOP-Source)');
      if (role === 'payer' && !o.payerTrigger) throw new MojaloopTargetError('the payer role needs the participant\'s trigger endpoint: --payer-trigger URL (POST {payee, amount, currency} starts a payment)');
      const listener = await SwitchListener.start(o.switchPort ?? MOJALOOP_SWITCH_PORT, dialect);
      const main: ParticipantEndpoint = { url: o.url, fspId: o.fspId, version: VERSION_OF[ilp], ...(o.payerTrigger ? { triggerUrl: o.payerTrigger } : {}), ...(o.secret ? { secret: o.secret } : {}) };
      return new MojaloopTarget('external', new Set([role]), ilp, dialect, listener, { main }, []);
    }
    const listener = await SwitchListener.start(0, dialect);
    const started: RunningParticipant[] = [];
    const api: ApiDialectName = dialect.name;
    try {
      const main = await startReferenceParticipant({ switchUrl: listener.url, fspId: BUNDLED_FSP_IDS.main, version: ilp === 'v4' ? 'ilpv4' : 'ilpv1', api, faults: o.faults ?? '' });
      started.push(main);
      const v4 = await startReferenceParticipant({ switchUrl: listener.url, fspId: BUNDLED_FSP_IDS.v4, version: 'ilpv4', api, faults: o.faults ?? '' });
      started.push(v4);
      const endpoint = (p: RunningParticipant): ParticipantEndpoint => ({ url: p.url, fspId: p.fspId, triggerUrl: p.triggerUrl, version: p.version, secret: p.secret });
      return new MojaloopTarget('bundled-reference', new Set(MOJALOOP_ROLES), ilp, dialect, listener, { main: endpoint(main), v4: endpoint(v4) }, started);
    } catch (e) {
      await Promise.all(started.map((p) => p.close()));
      await listener.close();
      throw e;
    }
  }

  /** The participant a scenario drives: the ILPv4 one when it needs ILPv4 and the bundled reference has one. */
  participant(needs?: 'ilpv4'): ParticipantEndpoint {
    return needs === 'ilpv4' && this.endpoints.v4 ? this.endpoints.v4 : this.endpoints.main;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await Promise.all(this.running.map((p) => p.close()));
    await this.switchListener.close();
  }

  describe(): TargetDescription {
    const main = this.endpoints.main;
    return {
      kind: 'mojaloop',
      origin: this.origin,
      name: this.origin === 'bundled-reference' ? 'ilp-conformance reference Mojaloop participant' : main.fspId,
      endpoint: main.url,
      capabilities: [],
      details: {
        'FSP ID': main.fspId,
        roles: [...this.roles].join(', '),
        'ILP packets': this.ilp,
        API: this.dialect.name,
        'switch (callbacks to)': this.switchListener.url,
        ...(main.triggerUrl ? { 'payer trigger': main.triggerUrl } : {}),
        ...(this.endpoints.v4 ? { 'ILPv4 participant': `${this.endpoints.v4.fspId} at ${this.endpoints.v4.url}` } : {}),
      },
    };
  }
}
