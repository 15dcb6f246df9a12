#!/usr/bin/env node
// The `hunt` command. Sources are TypeScript; tsx compiles them on load so the
// command always runs the code in the tree, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
