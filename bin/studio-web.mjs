#!/usr/bin/env node
// `npm run studio:web`: the studio in a plain browser, served on 127.0.0.1.
// Sources are TypeScript; tsx compiles them on load (as for bin/hunt.mjs).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const { runStudioWeb } = await import('../host/web/main.ts');
await runStudioWeb(repoRoot, process.argv.slice(2));
