#!/usr/bin/env node
// better-sqlite3 is a native module built for one ABI at a time. `npm start`
// (electron-forge) rebuilds it for Electron, after which plain Node (tests, the
// `hunt` command) cannot load it. Run before the tests: if Node cannot load it,
// rebuild it for Node, saying so in one line.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function loads() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (err) {
    return err;
  }
}

const err = loads();
if (err) {
  const why = /NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED/.test(String(err.message))
    ? 'it was built for another runtime (Electron)'
    : `it does not load (${String(err.message).split('\n')[0]})`;
  console.log(`better-sqlite3: ${why}; rebuilding it for Node ${process.version}...`);
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}
