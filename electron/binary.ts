// Where the Electron executable is, or null when it is not installed (the npm package
// is present for its types, but its binary download was skipped or failed). Plain Node:
// used by `npm start` and the launch test to decide whether Electron can run at all.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary(): string | null {
  try {
    // The electron package's main module returns the executable's path, and throws
    // ("Electron failed to install correctly") when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
