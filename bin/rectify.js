#!/usr/bin/env node
// `npx rectify …`: runs the TypeScript CLI through tsx, so there is no build step to forget.
require('tsx/cjs');
require('../client/cli')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
