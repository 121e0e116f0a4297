// Cucumber profiles. `test` is what `npm test` runs: every feature, against the bundled reference.
// Publishing to reports.cucumber.io is forced off: reports carry wire evidence and stay local.
// Step files are TypeScript, loaded through sucrase's require hook (types are checked by `npm run typecheck`).
delete process.env.CUCUMBER_PUBLISH_ENABLED;
process.env.CUCUMBER_PUBLISH_QUIET = 'true';

const { readdirSync } = require('node:fs');
const { join } = require('node:path');

// Step and support files, without the unit tests (*.test.ts) that sit beside them.
function stepFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return stepFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const common = {
  requireModule: ['sucrase/register/ts'],
  require: stepFiles(join(__dirname, 'steps')),
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
  receiver: { ...common, tags: '@receiver' },
  mojaloop: { ...common, tags: '@mojaloop' },
  // npm run mutation: the targets start before the first scenario, so Stryker sees the code that builds them
  // as run by every scenario (steps/support/connector-worker.ts).
  'mutation-connector': { ...common, tags: '@connector or @http', worldParameters: { startTargetsEarly: true } },
  'mutation-ledger': { ...common, tags: '@ledger', worldParameters: { startTargetsEarly: true } },
};
