#!/usr/bin/env node
// The `hunt` command. Sources are TypeScript; the command runs from a bundle of them
// that is rebuilt whenever a source changed (bin/cli-bundle.mjs), so it always runs
// the code in the tree with no build step to forget. HUNT_FROM_SOURCE=1 runs the
// sources through tsx instead (as does a tree where the bundle cannot be built).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBundle } from './cli-bundle.mjs';

// cli/relaunch.ts runs the command again by this script, wherever the bundle lives.
globalThis[Symbol.for('hunt.entry')] = fileURLToPath(import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = process.env.HUNT_FROM_SOURCE ? null : await currentBundle(root);
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
