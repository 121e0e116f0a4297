// Shared by start.js and interop.js: registers ts-node (transpile only, the repository's tsconfig, like
// bin/ilp-conformance.js) and runs a TypeScript module's `main(argv)`, whose number becomes the exit code.
'use strict';
const { join } = require('node:path');

exports.runMain = function runMain(modulePath, label) {
  process.env.TS_NODE_TRANSPILE_ONLY = process.env.TS_NODE_TRANSPILE_ONLY || 'true';
  process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || join(__dirname, '..', '..', 'tsconfig.json');
  require('ts-node/register');
  require(modulePath).main(process.argv.slice(2)).then(
    (code) => { if (code !== undefined) process.exitCode = code; },
    (error) => {
      process.stderr.write(`${label}: ${error && error.message ? error.message : error}\n`);
      process.exitCode = 3;
    },
  );
};
