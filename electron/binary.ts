// Electron's executable: where it is (null when it is not installed), and installing it
// without ever failing `npm install`. Plain Node: used by `npm start`, the project's
// postinstall (scripts/install-electron.mjs) and the launch test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

export function electronBinary(): string | null {
  try {
    // The electron package's main module returns the executable's path, and throws
    // ("Electron failed to install correctly") when the binary was never downloaded.
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Electron's own installer (it downloads the binary), or null when the electron package is not installed (`npm install --omit=dev`). */
export function electronInstaller(): string | null {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null;
  }
}

/** Why an installer failed, in one line: the first line it printed (its error's stack starts with the message). */
export function failureReason(stderr: string, status: number | string | null): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line ?? `it exited with status ${status}`;
}

/**
 * Runs Electron's installer (`installer`: node_modules/electron/install.js). Returns null
 * when the binary is installed, else the one line to print. A failed download is not an
 * error: `npm start` then serves the studio on the local web host.
 */
export function installElectronBinary(installer: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return "electron: its binary's download is skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set): `npm start` will serve the studio on the local web host.";
  }
  // The installer prints nothing on success; its stderr (a stack trace on failure) is kept for the one-line reason.
  const run = spawnSync(process.execPath, [installer], { cwd: dirname(installer), env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (run.status === 0) return null;
  const reason = run.error ? run.error.message : failureReason(run.stderr ?? '', run.status ?? run.signal);
  return `electron: its binary could not be downloaded (${reason}): \`npm start\` will serve the studio on the local web host instead. To try the download again: npm run postinstall`;
}
