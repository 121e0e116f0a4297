import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TOPOLOGY_PATH, loadTopology, type Topology } from '../../contracts/topology';
import { ConfigError, FIRST_INTERNAL_PORT, ilpConnectorConfig } from './connector-config';

const topology = () => loadTopology(DEFAULT_TOPOLOGY_PATH, {});
const withPeer = (t: Topology, name: string, change: (p: Topology['peers'][number]) => Topology['peers'][number]): Topology => ({
  ...t,
  peers: t.peers.map((p) => (p.name === name ? change(p) : p)),
});

test('every peer becomes an ilp-plugin-http account with its limits, asset and tokens', () => {
  const t = topology();
  const { config, mounts } = ilpConnectorConfig(t);
  assert.deepEqual(Object.keys(config.accounts), t.peers.map((p) => p.name));
  const lena = config.accounts.lena!;
  assert.equal(lena.relation, 'child');
  assert.deepEqual(lena.balance, { minimum: '0', maximum: '5000' });
  assert.equal(lena.maxPacketAmount, '1000000000');
  assert.equal(lena.options.incoming.staticToken, 'lena-to-sut-44e2');
  assert.equal(lena.options.outgoing.staticToken, 'sut-to-lena-7d15');
  assert.equal(lena.options.outgoing.url, 'http://127.0.0.1:7773/ilp');
  const carol = config.accounts.carol!;
  assert.equal(carol.assetScale, 6);
  assert.equal(carol.relation, 'peer');
  assert.equal(config.accounts.paul!.relation, 'parent');
  assert.deepEqual(
    mounts.map((m) => [m.peer, m.path]),
    t.peers.map((p) => [p.name, p.http.incoming.path]),
  );
  assert.equal(new Set(mounts.map((m) => m.internalPort)).size, t.peers.length, 'one internal port per account');
  assert.equal(mounts[0]!.internalPort, FIRST_INTERNAL_PORT);
});

test('node-wide settings: address, network, timing, static routes, no default route, no CCP traffic, fixed rates', () => {
  const t = topology();
  const { config } = ilpConnectorConfig(t);
  assert.equal(config.ilpAddress, 'test.sut');
  assert.equal(config.env, 'test');
  assert.equal(config.minMessageWindow, 400);
  assert.equal(config.maxHoldTime, 5000);
  assert.equal(config.defaultRoute, '', 'an unrouted destination must not fall through to the parent');
  assert.equal(config.routeBroadcastEnabled, true, 'ilp-connector loads static routes only with the route broadcaster on');
  assert.ok(Object.values(config.accounts).every((a) => !a.sendRoutes && !a.receiveRoutes), 'no CCP to or from any peer');
  assert.deepEqual(config.routes[0], { targetPrefix: 'test.bob', peerId: 'bob' });
  assert.equal(config.routes.length, t.routes.length);
  assert.equal(config.spread, 0);
  assert.deepEqual(config.backendConfig.rates, { USD: '1', EUR: '0.5' });
  assert.equal(ilpConnectorConfig({ ...t, network: 'live' }).config.env, 'production');
});

test('rate limit: untouched by default, per second when asked, refused when not a whole number', () => {
  const t = topology();
  assert.equal(ilpConnectorConfig(t).config.accounts.alice!.rateLimit, undefined);
  assert.deepEqual(ilpConnectorConfig(t, { rateLimitPerSecond: 50000 }).config.accounts.alice!.rateLimit, {
    refillPeriod: 1000,
    refillCount: 50000,
    capacity: 50000,
  });
  assert.throws(() => ilpConnectorConfig(t, { rateLimitPerSecond: 0.5 }), ConfigError);
});

test('what ilp-connector cannot express is refused with the peer named', () => {
  const t = topology();
  const samePath = withPeer(t, 'bob', (p) => ({ ...p, http: { ...p.http, incoming: { ...p.http.incoming, path: '/ilp/alice/' } } }));
  assert.throws(() => ilpConnectorConfig(samePath), (e: unknown) => e instanceof ConfigError && /bob and peer alice share the incoming path \/ilp\/alice/.test(e.message));
  const zeroMax = withPeer(t, 'carol', (p) => ({ ...p, maxPacketAmount: 0n }));
  assert.throws(() => ilpConnectorConfig(zeroMax), /peer carol: maxPacketAmount 0/);
  const remote = withPeer(t, 'erin', (p) => ({ ...p, http: { ...p.http, outgoing: { ...p.http.outgoing, url: 'http://10.0.0.8:7784/ilp' } } }));
  assert.throws(() => ilpConnectorConfig(remote), /peer erin: outgoing URL .* not on loopback/);
});

// ilp-connector's own schema, when the example is installed (npm --prefix examples/ilp-connector ci).
const schemaPath = join(__dirname, 'node_modules', 'ilp-connector', 'dist', 'schemas', 'Config.json');
test('the generated configuration passes ilp-connector\'s Config.json schema', { skip: !existsSync(schemaPath) && 'ilp-connector not installed' }, () => {
  // validated with the ajv ilp-connector itself uses (6.x), as it will be at start-up
  const ajvPath = require.resolve('ajv', { paths: [join(__dirname, 'node_modules', 'ilp-connector')] });
  type Validate = ((data: unknown) => boolean) & { errors?: unknown };
  const Ajv = require(ajvPath) as new (options: object) => { compile(schema: object): Validate };
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
  const { config } = ilpConnectorConfig(topology(), { rateLimitPerSecond: 1000 });
  assert.ok(validate(config), JSON.stringify(validate.errors));
  // the schema is strict enough to catch a mistake of ours
  assert.equal(validate({ ...config, accounts: { x: { ...config.accounts.alice, relation: 'sibling' } } }), false);
});
