import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Ajv from 'ajv';
import schema from '../../fixtures/schemas/fleet.schema.json';
import { DEFAULT_TOPOLOGY_PATH } from '../../contracts/topology';
import { topologyPorts } from '../../contracts/topology-offset';
import { FleetInputError } from './read-report';
import { MOJALOOP_SWITCH_PORT } from '../mojaloop/switch-port';
import { FAULT_REGISTRIES, type FaultOwner } from '../targets/bundled-references';

/** Whose fault registry a bundled participant's referenceFaults name (and the variable that turns them on). */
export const FAULT_OWNER_OF_KIND: Readonly<Partial<Record<FleetKind, FaultOwner>>> = { connector: 'connector', ledger: 'ledger', receiver: 'receiver', mojaloop: 'mojaloop' };
export const FAULT_ENV_OF_OWNER: Readonly<Record<FaultOwner, string>> = {
  connector: 'ILP_REFERENCE_FAULTS', ledger: 'ILP_REFERENCE_LEDGER_FAULTS', 'ledger-link': 'ILP_REFERENCE_LINK_FAULTS', 'ilpv1-connector': 'ILP_REFERENCE_ILPV1_FAULTS', receiver: 'ILP_REFERENCE_RECEIVER_FAULTS', mojaloop: 'ILP_REFERENCE_MOJALOOP_FAULTS', quoting: 'ILP_REFERENCE_QUOTING_FAULTS',
};

/**
 * The fleet file (fixtures/schemas/fleet.schema.json), read, schema-checked and resolved: paths made absolute
 * (relative to the file), and a port offset for every participant that needs fixed ports (one with a URL or
 * a launched process, where the harness listens on the topology's peer ports). Offsets are handed out from
 * +200 in steps of 20, skipping any range that would overlap one already taken; two participants whose port
 * ranges overlap are refused. Every problem is a FleetInputError naming the file, the participant and the field.
 */
export type FleetKind = 'connector' | 'ledger' | 'codec' | 'receiver' | 'mojaloop';

/** kind mojaloop, external: how it is audited (run --mojaloop-role, --fsp-id, --payer-trigger, --ilp). */
export interface MojaloopAudit {
  readonly role: 'payee' | 'payer';
  readonly fspId: string;
  readonly payerTrigger?: string;
  readonly ilp?: 'v1' | 'v4' | 'auto';
}

export interface FleetParticipantSpec {
  readonly name: string;
  readonly kind: FleetKind;
  readonly url?: string;
  /** kind receiver: its ILP-over-HTTP endpoint (url is its SPSP endpoint). */
  readonly receiverIlp?: string;
  readonly mojaloop?: MojaloopAudit;
  /** A bundled reference with these fault switches on. */
  readonly referenceFaults?: readonly string[];
  readonly adapter?: string;
  readonly launch?: { readonly command: readonly string[]; readonly ready: string; readonly timeoutMs: number };
  readonly topology: string;
  /** null: bundled reference or codec, no fixed ports. */
  readonly portOffset: number | null;
  readonly capabilities: readonly string[];
  readonly rfc35: readonly string[];
  readonly knownFailures?: string;
  readonly secretEnv: readonly string[];
  readonly requires?: { readonly path: string; readonly reason: string };
}

export interface FleetFile {
  readonly path: string;
  readonly requirements: readonly string[];
  readonly participants: readonly FleetParticipantSpec[];
}

type Raw = { requirements?: string[]; participants: Array<Omit<FleetParticipantSpec, 'topology' | 'portOffset' | 'capabilities' | 'rfc35' | 'secretEnv' | 'launch'> & { topology?: string; portOffset?: number; capabilities?: string[]; rfc35?: string[]; secretEnv?: string[]; launch?: { command: string[]; ready: string; timeoutMs?: number } }> };

const validate = new Ajv({ allErrors: true }).compile<Raw>(schema);
export const FIRST_OFFSET = 200;
const STEP = 20;
export const DEFAULT_LAUNCH_TIMEOUT_MS = 30_000;

export function loadFleetFile(path: string): FleetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FleetInputError(`cannot read fleet file ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(raw)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`);
    throw new FleetInputError(`fleet file ${path} does not match fleet.schema.json: ${[...new Set(problems)].join('; ')}`);
  }
  const base = dirname(resolve(path));
  const at = (p: string) => resolve(base, p);
  const names = new Set<string>();
  const taken: Array<{ name: string; ports: number[] }> = [];
  const participants = raw.participants.map((p, i): FleetParticipantSpec => {
    const where = `fleet file ${path}: participant ${i} "${p.name}"`;
    if (names.has(p.name)) throw new FleetInputError(`${where}: the name appears twice`);
    names.add(p.name);
    const topology = p.topology ? at(p.topology) : DEFAULT_TOPOLOGY_PATH;
    // A receiver is only sent to (synchronous ILP over HTTP): the harness listens on no fixed port for it.
    // An external Mojaloop participant calls back the harness's switch, whose one port is its range.
    const external = Boolean(p.url || p.launch);
    const fixedPorts = (p.kind === 'connector' || p.kind === 'ledger' || p.kind === 'mojaloop') && external;
    if (p.kind === 'mojaloop' && external && !p.mojaloop) throw new FleetInputError(`${where}: an external Mojaloop participant needs "mojaloop": {"role", "fspId"} (how to audit it)`);
    if (p.mojaloop?.role === 'payer' && !p.mojaloop.payerTrigger) throw new FleetInputError(`${where}: the payer role needs "mojaloop.payerTrigger" (where a payment is started)`);
    if (p.referenceFaults) {
      const known = Object.keys(FAULT_REGISTRIES[FAULT_OWNER_OF_KIND[p.kind] ?? 'connector']);
      const unknown = p.referenceFaults.filter((f) => !FAULT_OWNER_OF_KIND[p.kind] || !known.includes(f));
      if (unknown.length) throw new FleetInputError(`${where}: referenceFaults ${unknown.join(', ')} ${FAULT_OWNER_OF_KIND[p.kind] ? `are not faults of the reference ${p.kind} (known: ${known.join(', ')})` : `: a ${p.kind} participant has no bundled reference with faults`}`);
    }
    let portOffset: number | null = null;
    if (fixedPorts) {
      let ports: number[];
      try {
        ports = p.kind === 'mojaloop' ? [MOJALOOP_SWITCH_PORT] : topologyPorts(JSON.parse(readFileSync(topology, 'utf8')));
      } catch (error) {
        throw new FleetInputError(`${where}: cannot read its topology ${topology}: ${(error as Error).message.split('\n')[0]}`);
      }
      const free = (offset: number) => !taken.some((t) => ports.some((port) => t.ports.includes(port + offset)));
      if (p.portOffset !== undefined) {
        portOffset = p.portOffset;
        const clash = taken.find((t) => ports.some((port) => t.ports.includes(port + p.portOffset!)));
        if (clash) throw new FleetInputError(`${where}: portOffset ${p.portOffset} puts its ports on those of "${clash.name}"`);
      } else {
        portOffset = FIRST_OFFSET;
        while (!free(portOffset)) portOffset += STEP;
      }
      taken.push({ name: p.name, ports: ports.map((port) => port + portOffset!) });
    }
    if (p.kind === 'codec' && !p.adapter) throw new FleetInputError(`${where}: a codec participant needs "adapter" (its adapter command); the bundled codec is not a participant`);
    return {
      name: p.name,
      kind: p.kind,
      ...(p.url ? { url: p.url } : {}),
      ...(p.receiverIlp ? { receiverIlp: p.receiverIlp } : {}),
      ...(p.mojaloop ? { mojaloop: p.mojaloop } : {}),
      ...(p.referenceFaults ? { referenceFaults: p.referenceFaults } : {}),
      ...(p.adapter ? { adapter: p.adapter } : {}),
      ...(p.launch ? { launch: { command: p.launch.command, ready: p.launch.ready, timeoutMs: p.launch.timeoutMs ?? DEFAULT_LAUNCH_TIMEOUT_MS } } : {}),
      topology,
      portOffset,
      capabilities: p.capabilities ?? [],
      rfc35: p.rfc35 ?? [],
      ...(p.knownFailures ? { knownFailures: at(p.knownFailures) } : {}),
      secretEnv: p.secretEnv ?? [],
      ...(p.requires ? { requires: { path: at(p.requires.path), reason: p.requires.reason } } : {}),
    };
  });
  for (const p of participants) {
    if (p.launch) {
      try {
        new RegExp(p.launch.ready);
      } catch {
        throw new FleetInputError(`fleet file ${path}: participant "${p.name}": launch.ready ${JSON.stringify(p.launch.ready)} is not a regular expression`);
      }
    }
  }
  return { path: resolve(path), requirements: raw.requirements ?? [], participants };
}
