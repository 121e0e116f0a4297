// Cucumber profiles. `test` is what `npm test` runs: every feature, against the bundled reference.
// Publishing to reports.cucumber.io is forced off: reports carry wire evidence and stay local.
process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY || 'true';
delete process.env.CUCUMBER_PUBLISH_ENABLED;
process.env.CUCUMBER_PUBLISH_QUIET = 'true';

const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  publish: false,
  strict: true,
};

module.exports = {
  default: { ...common, format: ['progress'] },
  test: { ...common, format: ['summary'] },
  codec: { ...common, tags: '@codec' },
  connector: { ...common, tags: '@connector or @http' },
  ledger: { ...common, tags: '@ledger' },
};
