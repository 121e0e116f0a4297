import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogError, loadCatalog, REQUIREMENT_ID } from '../../lib/catalog/catalog';
import { TopologyError } from '../../contracts/topology';
import { catalogView } from '../../lib/report/catalog-view';
import { conformanceRun, type ConformanceRunOptions, type ProfileName } from '../../lib/report/conformance-run';
import { ExpectationsError, loadExpectations } from '../../lib/report/expectations';
import { DEFAULT_FORMATS, FormatError, parseFormats, REPORT_FORMATS } from '../../lib/report/report-formats';
import { createRunRedactor } from '../../lib/report/redaction';
import { declareConnector } from '../../lib/targets/capabilities';
import { parseLedgerDialect } from '../../lib/targets/ledger-dialect';
import { resolvePaymentPointer } from '../../lib/peers/payment-pointer';
import { dialectFor } from '../../contracts/fspiop';
import { ilpModeFor, parseRole } from '../../lib/targets/mojaloop-target';
import { CaptureFileError, checkCaptureFile } from './run-capture';

export const summary = 'run the conformance suite and write reports/<run-id>/ with the verdict';

export const USAGE = `usage: ilp-conformance run [options]

Runs the features against the bundled reference (default) or an external target and writes
reports/<run-id>/ under the current directory (conformance.json/html, junit.xml, summary.md, badge,
evidence/; Cucumber and Allure outputs with --format), with reports/latest pointing at it.

target:
  --target <url>          connector's ILP-over-HTTP base URL (world parameter connectorUrl)
  --ledger <url>          ledger HTTP API base URL (world parameter ledgerUrl)
  --ledger-api <dialect>  the API the ledger speaks: native (default) or five-bells
                          (world parameter ledgerApi, env ILP_LEDGER_API); what a dialect cannot
                          show is skipped as not observable, with the reason
  --receiver <url|$ptr>   a STREAM receiver's SPSP endpoint or payment pointer (world parameter receiverSpspUrl); with
  --receiver-ilp <url>    where its upstream posts Prepares (ILP over HTTP; token in ILP_RECEIVER_ILP_TOKEN)
  --mojaloop-role <role>  with --profile mojaloop and --target: audit the participant at --target as
                          payee (the suite plays switch and Payer FSP) or payer (switch and Payee FSP)
  --fsp-id <id>           the participant's FSP ID (its FSPIOP-Source); required with --target
  --payer-trigger <url>   payer role: POST {payee:{partyIdType,partyIdentifier,fspId}, amount, currency}
                          there makes the participant pay (reference-impl/mojaloop/README.md)
  --capture <file>        with --profile mojaloop, instead of --target: judge the FSPIOP messages a hub logged
                          (JSON lines or HAR 1.2, format in lib/mojaloop/README.md) offline, no network;
                          --fsp-id narrows it to one FSP (default every FSP, each judged as Payee FSP where
                          it sent the quote callback and as Payer FSP where it sent the requests),
                          --mojaloop-role to one role; broken lines are reported and the rest judged
  --ilp <v1|v4|auto>      the ILP packet version the participant must use (default v1; auto: either;
                          with --capture the default is auto)
  --api <fspiop|iso20022> the body format: fspiop (FSPIOP v1.1, default) or iso20022 (the ISO 20022
                          mode of FSPIOP v2.0: ILPv4 only, so it means --ilp v4 and refuses --ilp v1)
                          The switch takes the participant's callbacks on 127.0.0.1:7830 in an
                          external run (set it as the participant's switch/hub URL); with no
                          --target the bundled reference participant runs, both roles
  --receiver-ca <file>    PEM certificate to trust for the receiver's https: SPSP endpoint instead of the
                          system's CAs (a test or internal CA; env ILP_RECEIVER_SPSP_CA); verification stays on
  --topology <file>       topology file (default fixtures/topology.json)
  --capabilities <list>   what the connector supports: http-sync, http-async, ildcp (comma-separated;
                          default for --target: the mode of its RFC 35 revision, http-sync; scenarios
                          needing more are skipped, never failed, and the report says how to enable them)
  --rfc35 <revision>      RFC 35 revision(s) the connector implements: draft-2 (synchronous, what
                          deployed connectors speak; default for --target) and/or draft-3 (asynchronous)
  --codec "<command>"     a codec adapter to start and run the codec features against
                          (world parameter codecAdapter; lib/targets/codec-adapter-protocol.md)
selection:
  --profile <name>        codec | connector | ledger | receiver | mojaloop (default: connector with --target,
                          ledger with --ledger, codec with --codec, otherwise every feature)
  --tags <expression>     Cucumber tag expression, joined to the profile with "and"
  --requirement <ID>...   only scenarios tagged with these IDs (repeat, comma-separate or list)
  --dry-run               list the selected scenarios with their requirement IDs; exit 0
run:
  --parallel <N>          N worker threads (default 1)
  --max-unreachable <N>   stop sending after N scenarios in a row met only connection failures
                          (refused, reset, closed, connect timeout): the rest error at once and the
                          run is incomplete, exit 3 (default 5, 0 = never)
  --expect <file>         known results (fixtures/schemas/expectations.schema.json); only
                          unexpected results fail the exit code
  --out <dir>             reports root (default ./reports)
  --format <list>         report files, comma-separated: ${REPORT_FORMATS.join(', ')}
                          (default: ${DEFAULT_FORMATS.join(',')}; "default,allure,cucumber" or
                          "all" adds Allure and Cucumber's HTML and message stream)
  --secret-env <NAME>     mask this environment variable's value everywhere (repeatable)
  --no-allure-html        with --format allure: do not build the Allure HTML (results are still written)
  -h, --help              this text

exit codes: 0 conformant (or, with --expect, no unexpected result), 1 not conformant
(or unexpected results), 2 usage or configuration error, 3 target unreachable or harness broken`;

class UsageError extends Error {}

export interface ParsedRunArgs {
  readonly help: boolean;
  readonly options?: Omit<ConformanceRunOptions, 'catalog' | 'redactor' | 'expectations'> & {
    readonly expectFile?: string;
    readonly secretEnv: readonly string[];
    /** --receiver-ca, resolved: handed to the run as ILP_RECEIVER_SPSP_CA. */
    readonly receiverCaFile?: string;
  };
}

const PROFILES: readonly ProfileName[] = ['codec', 'connector', 'ledger', 'receiver', 'mojaloop'];

export function parseRunArgs(argv: readonly string[]): ParsedRunArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        target: { type: 'string' },
        ledger: { type: 'string' },
        'ledger-api': { type: 'string' },
        receiver: { type: 'string' },
        'receiver-ilp': { type: 'string' },
        'mojaloop-role': { type: 'string' },
        'fsp-id': { type: 'string' },
        'payer-trigger': { type: 'string' },
        ilp: { type: 'string' },
        capture: { type: 'string' },
        api: { type: 'string' },
        'receiver-ca': { type: 'string' },
        topology: { type: 'string' },
        capabilities: { type: 'string' },
        rfc35: { type: 'string' },
        codec: { type: 'string' },
        profile: { type: 'string' },
        tags: { type: 'string' },
        requirement: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean' },
        parallel: { type: 'string' },
        'max-unreachable': { type: 'string' },
        expect: { type: 'string' },
        out: { type: 'string' },
        'secret-env': { type: 'string', multiple: true },
        'no-allure-html': { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const v = parsed.values;
  if (v.help) return { help: true };

  // `--requirement PKT-007 PKT-008`: the IDs after the first arrive as positionals.
  const requirements = [...(v.requirement ?? []).flatMap((r) => r.split(',')), ...parsed.positionals].map((r) => r.trim()).filter(Boolean);
  if (parsed.positionals.length && !v.requirement) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
  for (const id of requirements) {
    if (!REQUIREMENT_ID.test(id)) throw new UsageError(`"${id}" is not a requirement ID (IDs look like PKT-007 or ADDR-L01)`);
  }
  if (v.receiver?.startsWith('$')) {
    const resolved = resolvePaymentPointer(v.receiver);
    if (!resolved.ok) throw new UsageError(`--receiver ${v.receiver}: ${resolved.reason}`);
    v.receiver = resolved.url;
  }
  if (v['receiver-ca'] !== undefined && !v.receiver) throw new UsageError('--receiver-ca names the certificate to trust for an external receiver\'s SPSP endpoint: it needs --receiver (the bundled one trusts a certificate made for the run)');
  if (Boolean(v.receiver) !== Boolean(v['receiver-ilp'])) throw new UsageError('--receiver and --receiver-ilp go together: the SPSP endpoint and the ILP-over-HTTP endpoint of one receiver');
  for (const [name, url] of [['--target', v.target], ['--ledger', v.ledger], ['--receiver', v.receiver], ['--receiver-ilp', v['receiver-ilp']], ['--payer-trigger', v['payer-trigger']]] as const) {
    if (url === undefined) continue;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new UsageError(`${name} "${url}" is not a URL (expected e.g. http://127.0.0.1:7770)`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`${name} must be an http(s) URL, not ${u.protocol}`);
  }
  let profile: ProfileName;
  if (v.profile !== undefined) {
    if (!(PROFILES as readonly string[]).includes(v.profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, not "${v.profile}"`);
    profile = v.profile as ProfileName;
  } else {
    profile = v.capture !== undefined ? 'mojaloop' : v.receiver && !v.target && !v.ledger ? 'receiver' : v.target && !v.ledger ? 'connector' : v.ledger && !v.target ? 'ledger' : v.codec && !v.target && !v.ledger ? 'codec' : 'all';
  }
  if (v.capture !== undefined && profile !== 'mojaloop') throw new UsageError(`--capture belongs to --profile mojaloop, not --profile ${profile}`);
  const mojaloop = profile === 'mojaloop' ? { ...captureOptions(v), ...mojaloopOptions(v) } : undefined;
  if (!mojaloop && (v['mojaloop-role'] || v['fsp-id'] || v['payer-trigger'] || v.ilp || v.api)) throw new UsageError('--mojaloop-role, --fsp-id, --payer-trigger, --ilp and --api belong to --profile mojaloop');
  let parallel = 1;
  if (v.parallel !== undefined) {
    if (!/^\d+$/.test(v.parallel) || Number(v.parallel) < 1 || Number(v.parallel) > 64) {
      throw new UsageError(`--parallel must be a whole number from 1 to 64, not "${v.parallel}"`);
    }
    parallel = Number(v.parallel);
  }
  let maxUnreachable: number | undefined;
  if (v['max-unreachable'] !== undefined) {
    if (!/^\d+$/.test(v['max-unreachable']) || Number(v['max-unreachable']) > 1000) {
      throw new UsageError(`--max-unreachable must be a whole number from 0 to 1000, not "${v['max-unreachable']}"`);
    }
    maxUnreachable = Number(v['max-unreachable']);
  }
  try {
    declareConnector({ external: Boolean(v.target) && !mojaloop, capabilities: v.capabilities, rfc35: v.rfc35 });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let dialect: string;
  try {
    dialect = parseLedgerDialect(v['ledger-api']);
  } catch (error) {
    throw new UsageError(`--ledger-api: ${(error as Error).message}`);
  }
  if (dialect !== 'native' && !v.ledger && !process.env.ILP_LEDGER_URL) {
    throw new UsageError(`--ledger-api ${dialect} needs the ledger's URL (--ledger or ILP_LEDGER_URL): the bundled reference ledger speaks only the native API`);
  }
  const secretEnv = (v['secret-env'] ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const name of secretEnv) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--secret-env "${name}" is not an environment variable name`);
  return {
    help: false,
    options: {
      ...(v.target && !mojaloop ? { connectorUrl: v.target } : {}),
      ...(mojaloop ?? {}),
      ...(v.ledger ? { ledgerUrl: v.ledger } : {}),
      ...(v['ledger-api'] ? { ledgerApi: v['ledger-api'] } : {}),
      ...(v.receiver && v['receiver-ilp'] ? { receiverSpspUrl: v.receiver, receiverIlpUrl: v['receiver-ilp'] } : {}),
      ...(v.topology ? { topologyPath: resolve(v.topology) } : {}),
      ...(v.capabilities ? { capabilities: v.capabilities } : {}),
      ...(v.rfc35 ? { rfc35: v.rfc35 } : {}),
      ...(v.codec !== undefined ? { codecAdapter: codecCommand(v.codec) } : {}),
      profile,
      ...(v.tags ? { tags: v.tags } : {}),
      requirements,
      parallel,
      ...(maxUnreachable !== undefined ? { maxUnreachable } : {}),
      dryRun: Boolean(v['dry-run']),
      ...(v.expect ? { expectFile: v.expect } : {}),
      ...(v['receiver-ca'] ? { receiverCaFile: resolve(v['receiver-ca']) } : {}),
      outRoot: resolve(v.out ?? 'reports'),
      secretEnv,
      ...(v['no-allure-html'] ? { allureHtml: false } : {}),
      ...(v.format !== undefined ? { formats: parseFormats(v.format) } : {}),
    },
  };
}

/** The Mojaloop participant options, checked: an external one needs its role and FSP ID (and a trigger as payer). */
function mojaloopOptions(v: Record<string, string | boolean | string[] | undefined>): Partial<ConformanceRunOptions> {
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  try {
    dialectFor(str('api') ?? 'fspiop');
    ilpModeFor(str('api'), str('ilp'));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const url = str('target');
  if (!url) {
    if (!str('capture') && (str('mojaloop-role') || str('fsp-id') || str('payer-trigger'))) throw new UsageError('--mojaloop-role, --fsp-id and --payer-trigger describe an external participant: give its URL with --target (or its log with --capture)');
  } else {
    try {
      parseRole(str('mojaloop-role'));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!str('fsp-id')) throw new UsageError('--target with --profile mojaloop needs the participant\'s FSP ID: --fsp-id ID');
    if (str('mojaloop-role') === 'payer' && !str('payer-trigger')) throw new UsageError('--mojaloop-role payer needs --payer-trigger URL (the endpoint that makes the participant pay)');
  }
  return {
    ...(url ? { mojaloopUrl: url } : {}),
    ...(str('mojaloop-role') ? { mojaloopRole: str('mojaloop-role') } : {}),
    ...(str('fsp-id') ? { mojaloopFspId: str('fsp-id') } : {}),
    ...(str('payer-trigger') ? { mojaloopPayerTrigger: str('payer-trigger') } : {}),
    ...(str('ilp') ? { mojaloopIlp: str('ilp') } : {}),
    ...(str('api') ? { mojaloopApi: str('api') } : {}),
  };
}

/** --capture: the hub log to judge offline, checked now (a file that cannot be read is a usage error). */
function captureOptions(v: Record<string, string | boolean | string[] | undefined>): Partial<ConformanceRunOptions> {
  if (typeof v.capture !== 'string') return {};
  for (const flag of ['target', 'payer-trigger', 'api'] as const) {
    if (v[flag] !== undefined) throw new UsageError(`--capture judges a hub's log offline: --${flag} does not go with it`);
  }
  if (v['mojaloop-role'] !== undefined && v['mojaloop-role'] !== 'payee' && v['mojaloop-role'] !== 'payer') throw new UsageError(`--mojaloop-role must be payee or payer, not "${String(v['mojaloop-role'])}"`);
  try {
    return { mojaloopCapture: checkCaptureFile(v.capture).path };
  } catch (error) {
    if (error instanceof CaptureFileError) throw new UsageError(error.message);
    throw error;
  }
}

function codecCommand(command: string): string {
  if (command.trim() === '') throw new UsageError('--codec needs the adapter command, e.g. --codec "node bin/ilp-conformance.js codec-adapter"');
  return command;
}

export interface Io {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly err: NodeJS.WritableStream;
}

export async function run(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  try {
    const parsed = parseRunArgs(argv);
    if (parsed.help || !parsed.options) {
      io.out.write(`${USAGE}\n`);
      return 0;
    }
    const { expectFile, secretEnv, receiverCaFile, ...options } = parsed.options;
    // The receiver worker reads it there (steps/support/receiver-worker.ts), in this process and in parallel workers.
    if (receiverCaFile) process.env.ILP_RECEIVER_SPSP_CA = receiverCaFile;
    const catalog = loadCatalog();
    for (const id of options.requirements) {
      if (!catalog.get(id)) throw new UsageError(`no requirement ${id} in the catalog (fixtures/requirements.json)`);
    }
    const redactor = createRunRedactor({ ...(options.topologyPath ? { topologyPath: options.topologyPath } : {}), secretEnv });
    const expectations = expectFile ? { file: expectFile, entries: loadExpectations(expectFile) } : undefined;
    const result = await conformanceRun({ ...options, catalog: catalogView(catalog), redactor, out: io.out, err: io.err, ...(expectations ? { expectations } : {}) });
    return result.exitCode;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExpectationsError || error instanceof TopologyError || error instanceof CatalogError || error instanceof FormatError) {
      io.err.write(`ilp-conformance run: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
