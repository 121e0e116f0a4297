// The options every examples/*/interop.js takes: `--no-expect` (run without the known failures, the plain
// verdict) and, after `--`, options for `ilp-conformance run`. Exits 2 on an unknown option, 0 after --help,
// and 2 when the example's package is not installed in its folder.
'use strict';
const { existsSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');

/** { expect: boolean, passOn: string[] } for `node examples/<dir>/interop.js ...`. */
function interopOptions(argv, exampleDir, packageName, installScript) {
  const dash = argv.indexOf('--');
  const options = dash === -1 ? argv : argv.slice(0, dash);
  const passOn = dash === -1 ? [] : argv.slice(dash + 1);
  for (const option of options) {
    if (option === '-h' || option === '--help') {
      process.stdout.write(`usage: node ${relative(ROOT, join(exampleDir, 'interop.js'))} [--no-expect] [-- <ilp-conformance run options>]\n`);
      process.exit(0);
    }
    if (option !== '--no-expect') {
      process.stderr.write(`interop: unknown option ${option} (options for the run command go after --)\n`);
      process.exit(2);
    }
  }
  if (!existsSync(join(exampleDir, 'node_modules', packageName))) {
    process.stderr.write(`interop: ${packageName} is not installed here; run \`npm run ${installScript}\` first\n`);
    process.exit(2);
  }
  return { expect: !options.includes('--no-expect'), passOn };
}

module.exports = { interopOptions, ROOT };
