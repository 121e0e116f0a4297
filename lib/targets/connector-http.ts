/**
 * A connector under test, reached over ILP-over-HTTP, with the harness playing every peer around it.
 *
 * External (a URL given): the harness listens on the fixed ports of the topology's peer URLs, uses the tokens
 * from the environment variables the topology names, and sends to the URL given. The operator has configured
 * the connector from the same topology file (README "Testing your connector").
 * Bundled (no URL): the harness starts its peer servers on ephemeral ports, rewrites the topology to point at
 * them, and starts the reference connector in-process on an ephemeral port with that topology. Parallel
 * cucumber workers each get their own pair, so nothing collides.
 *
 * One target per cucumber worker (steps/support/connector-worker.ts starts it on first use and closes it
 * after the run); scenarios open a ScenarioScript on it and send through `send`.
 */
import { startReferenceConnector } from './bundled-references';
import type { Transcript } from '../evidence/transcript';
import { PeerNetwork } from '../peers/peer-network';
import type { ScenarioScript } from '../peers/scenario-script';
import { sendPrepare, type SendRequest, type SentPrepare } from '../peers/sender';
import { loadTopology, peerByName, type Topology } from '../../contracts/topology';
import { declareConnector, type ConnectorCapability, type ConnectorDeclaration } from './capabilities';
import { ConnectionBreaker } from './circuit-breaker';
import { TARGET_INTERFACE_VERSION, type Target, type TargetDescription, type TargetOrigin } from './target';

export interface ConnectorTargetOptions {
  /** Base URL of an external connector; absent = the bundled reference. */
  readonly connectorUrl?: string;
  /** Topology file; default fixtures/topology.json. */
  readonly topologyPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Declared capabilities (capabilities.ts); default: see declareConnector. */
  readonly capabilities?: string | readonly string[];
  /** RFC 35 revision(s) the connector implements (draft-2, draft-3); default: see declareConnector. */
  readonly rfc35?: string | readonly string[];
  /** Bundled only: named fault switches of the reference (self-test). */
  readonly faults?: readonly string[];
  /** Bundled only: the reference's log lines. */
  readonly log?: (line: string) => void;
  /** Consecutive scenarios with only connection failures before the circuit opens (circuit-breaker.ts); 0 = never. */
  readonly maxUnreachable?: number;
}

export class ConnectorTargetError extends Error {
  override readonly name = 'ConnectorTargetError';
}

export class ConnectorHttpTarget implements Target<ConnectorCapability> {
  readonly interfaceVersion = TARGET_INTERFACE_VERSION;
  readonly kind = 'connector' as const;
  /** Counts scenarios that met no HTTP answer at all; set from the start options. */
  breaker = new ConnectionBreaker();
  private stopping: Promise<void> | undefined;

  private constructor(
    readonly origin: TargetOrigin,
    /** The topology as the SUT runs it (ports and SUT URL resolved). */
    readonly topology: Topology,
    readonly network: PeerNetwork,
    readonly declaration: ConnectorDeclaration,
    private readonly stopSut: () => Promise<void>,
  ) {}

  static async start(options: ConnectorTargetOptions = {}): Promise<ConnectorHttpTarget> {
    const target = await ConnectorHttpTarget.startTarget(options);
    if (options.maxUnreachable !== undefined) target.breaker = new ConnectionBreaker(options.maxUnreachable);
    return target;
  }

  private static async startTarget(options: ConnectorTargetOptions): Promise<ConnectorHttpTarget> {
    const env = options.env ?? process.env;
    const declaration = declareConnector({ external: Boolean(options.connectorUrl), capabilities: options.capabilities, rfc35: options.rfc35 });
    const fileTopology = loadTopology(options.topologyPath, env);
    if (options.connectorUrl) {
      const url = checkUrl(options.connectorUrl);
      if (options.faults?.length) throw new ConnectorTargetError('fault switches apply only to the bundled reference connector, not to an external URL');
      const topology: Topology = { ...fileTopology, sut: { ...fileTopology.sut, url } };
      const network = await PeerNetwork.start(topology, { ephemeralPorts: false });
      return new ConnectorHttpTarget('external', topology, network, declaration, async () => undefined);
    }
    const network = await PeerNetwork.start(fileTopology, { ephemeralPorts: true });
    try {
      const forReference = network.rewrittenTopology();
      const running = await startReferenceConnector({ topology: forReference, port: 0, faults: options.faults ?? [], log: options.log });
      const topology: Topology = { ...forReference, sut: { ...forReference.sut, url: running.url.replace(/\/+$/, '') } };
      network.useTopology(topology);
      return new ConnectorHttpTarget('bundled-reference', topology, network, declaration, () => running.close());
    } catch (error) {
      await network.close();
      throw new ConnectorTargetError(`cannot start the bundled reference connector: ${(error as Error).message}`);
    }
  }

  get capabilities(): ReadonlySet<ConnectorCapability> {
    return this.declaration.capabilities;
  }

  get url(): string {
    return this.topology.sut.url;
  }

  openScenario(transcript: Transcript): ScenarioScript {
    return this.network.openScenario(transcript);
  }

  /** Sends bytes (normally an encoded Prepare) from the harness peer `from` to the SUT. */
  send(script: ScenarioScript, from: string, request: Omit<SendRequest, 'from' | 'sutUrl' | 'script'>): Promise<SentPrepare> {
    return sendPrepare(this.network, { ...request, from: peerByName(this.topology, from), sutUrl: this.url, script }).then((sent) => {
      this.breaker.note(sent);
      return sent;
    });
  }

  /** Started by `ConnectorHttpTarget.start`; serving from then on. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      try {
        await this.stopSut();
      } finally {
        await this.network.close();
      }
    })();
    return this.stopping;
  }

  close(): Promise<void> {
    return this.stop();
  }

  describe(): TargetDescription {
    return {
      kind: 'connector',
      origin: this.origin,
      name: this.origin === 'bundled-reference' ? 'bundled reference connector' : this.topology.sut.address,
      endpoint: this.url,
      capabilities: [...this.capabilities].sort(),
      details: { 'RFC 35': [...this.declaration.rfc35].join(', '), declaration: this.declaration.source },
    };
  }
}

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConnectorTargetError(`connectorUrl ${JSON.stringify(text)} is not a URL (expected e.g. http://127.0.0.1:7770)`);
  }
  if (url.protocol !== 'http:') throw new ConnectorTargetError(`connectorUrl must be an http: URL, got ${url.protocol}`);
  return url.toString().replace(/\/+$/, '');
}
