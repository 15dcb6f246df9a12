// Hunt files handed to the studio by the OS: on the command line (Windows, Linux,
// a second instance's argv) and by macOS's open-file event.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export function isHuntFileName(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/**
 * The hunt file named on a command line, if any: the last argument that is an existing .json file.
 * Electron's own arguments (the executable, `.` in development, --switches) never match.
 */
export function huntPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const a = argv[i];
    if (a.startsWith('-') || !isHuntFileName(a)) continue;
    const full = resolve(cwd, a);
    try {
      if (existsSync(full) && statSync(full).isFile()) return full;
    } catch {
      // unreadable: not ours to open
    }
  }
  return null;
}
