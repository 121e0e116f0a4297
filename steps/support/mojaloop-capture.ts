/**
 * The captured audit (features/mojaloop/captured-*.feature): a hub's log of FSPIOP messages, read once per
 * worker (lib/mojaloop/capture.ts), its audit units judged by the checks of the live modes
 * (lib/mojaloop/captured-audit.ts). No network: nothing is started.
 *
 * Where the settings come from (world parameters win over the environment):
 *   mojaloopCapture  | ILP_MOJALOOP_CAPTURE   the capture file (JSON lines or HAR); default: the bundled one,
 *                                             fixtures/captures/reference-exchange.jsonl, recorded from the
 *                                             reference participant (ILP_MOJALOOP_RECORD)
 *   mojaloopFspId    | ILP_MOJALOOP_FSP_ID    judge only this FSP; default every FSP in the capture
 *   mojaloopRole     | ILP_MOJALOOP_ROLE      judge only this role (payee | payer); default both
 *   mojaloopIlp      | ILP_MOJALOOP_ILP       v1 | v4 | auto (default auto: either packet version)
 */
import { resolve } from 'node:path';
import { describeSource, pairAuditUnits, readCaptureFile, type CaptureReading } from '../../lib/mojaloop/capture';
import { auditUnits, type AuditedExchange, type AuditedRole } from '../../lib/mojaloop/captured-audit';
import { recordFspiop } from '../../lib/mojaloop/evidence';
import type { IlpWorld } from '../world';
import { announceTarget } from './target-hooks';

export const BUNDLED_CAPTURE = resolve(__dirname, '..', '..', 'fixtures', 'captures', 'reference-exchange.jsonl');

interface CaptureParameters {
  readonly mojaloopCapture?: string;
  readonly mojaloopFspId?: string;
  readonly mojaloopRole?: string;
  readonly mojaloopIlp?: string;
}

export interface CaptureAudit {
  readonly file: string;
  readonly bundled: boolean;
  readonly reading: CaptureReading;
  readonly units: number;
  readonly exchanges: readonly AuditedExchange[];
  readonly fspId?: string;
  readonly role?: AuditedRole;
  readonly ilp: string;
}

const VERSIONS: Record<string, 'ilpv1' | 'ilpv4' | undefined> = { v1: 'ilpv1', v4: 'ilpv4', auto: undefined };
const audits = new Map<string, CaptureAudit>();

function settings(world: IlpWorld): { file: string; bundled: boolean; fspId?: string; role?: AuditedRole; ilp: string } {
  const p = world.parameters as CaptureParameters;
  const env = process.env;
  const given = p.mojaloopCapture ?? (env.ILP_MOJALOOP_CAPTURE || undefined);
  const fspId = p.mojaloopFspId ?? (env.ILP_MOJALOOP_FSP_ID || undefined);
  const role = p.mojaloopRole ?? (env.ILP_MOJALOOP_ROLE || undefined);
  const ilp = p.mojaloopIlp ?? (env.ILP_MOJALOOP_ILP || 'auto');
  if (role !== undefined && role !== 'payee' && role !== 'payer') throw new Error(`the captured audit's role must be payee or payer, not "${role}"`);
  if (!(ilp in VERSIONS)) throw new Error(`the captured audit's --ilp must be v1, v4 or auto, not "${ilp}"`);
  return { file: given ? resolve(given) : BUNDLED_CAPTURE, bundled: !given, ...(fspId ? { fspId } : {}), ...(role ? { role } : {}), ilp };
}

/** The capture under audit, judged (once per worker and settings); announced as the run's target. */
export function captureAudit(world: IlpWorld): CaptureAudit {
  const s = settings(world);
  const key = JSON.stringify(s);
  let audit = audits.get(key);
  if (!audit) {
    const reading = readCaptureFile(s.file);
    const units = pairAuditUnits(reading.messages);
    const version = VERSIONS[s.ilp];
    audit = { ...s, reading, units: units.length, exchanges: auditUnits(units, reading, { ...(s.fspId ? { fspId: s.fspId } : {}), ...(s.role ? { role: s.role } : {}), ...(version ? { version } : {}) }) };
    audits.set(key, audit);
  }
  const a = audit;
  announceTarget(world, {
    describe: () => ({
      kind: 'mojaloop', origin: a.bundled ? 'bundled-reference' : 'external', name: a.fspId ?? 'every FSP in the capture', endpoint: `capture ${a.file}`, capabilities: [],
      details: {
        capture: `${a.file} (${a.reading.format === 'har' ? 'HAR' : 'JSON lines'})`, 'messages read': String(a.reading.messages.length),
        'audit units': String(a.units), 'FSP ID': a.fspId ?? 'every FSP', roles: a.role ?? 'payee, payer', 'ILP packets': a.ilp,
        'broken lines': problemsText(a.reading) || 'none',
      },
    }),
  });
  return a;
}

/** The broken lines, one phrase each: "line 3 (not-json): not JSON: ...". */
export function problemsText(reading: CaptureReading): string {
  return reading.problems.map((p) => `${describeSource(p.source)} (${p.kind}): ${p.message}`).join('; ');
}

/** The messages of the exchanges in the evidence, each under a note naming the unit and where it sits. */
export function recordExchanges(world: IlpWorld, exchanges: readonly AuditedExchange[]): void {
  for (const e of exchanges) {
    world.transcript.note(`${e.fsp} as ${e.role === 'payee' ? 'Payee' : 'Payer'} FSP: ${e.label} (${e.where})`, e.notes.length ? { notJudged: e.notes } : undefined);
    for (const m of e.messages) recordFspiop(world.transcript, m.message, m.fromAudited ? 'received' : 'sent', m.source);
  }
}
