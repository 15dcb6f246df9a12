#!/usr/bin/env node
// `npm start`: the studio as a desktop app, with the bundled example hunt open.
// When Electron's binary is not installed (it cannot be downloaded on some machines),
// says so in one line and serves the same studio on the local web host instead.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const { electronBinary } = await import('../electron/binary.ts');
const { BUNDLED_EXAMPLE, runStudioWeb } = await import('../host/web/main.ts');

if (!electronBinary()) {
  console.log("Electron's binary is not installed (its download failed or was skipped at npm install): serving the studio on the local web host instead. To try the download again: npm run postinstall");
  await runStudioWeb(repoRoot, args);
} else {
  const { ensureRendererBuilt } = await import('../host/web/rendererBuild.ts');
  ensureRendererBuilt(repoRoot);
  const hunt = args.find((a) => !a.startsWith('-')) ?? BUNDLED_EXAMPLE;
  // forge builds main, preload and workers with Vite and launches Electron; arguments after `--` reach the app.
  const forge = join(repoRoot, 'node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js');
  const child = spawn(process.execPath, [forge, 'start', '--', hunt], { cwd: repoRoot, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
