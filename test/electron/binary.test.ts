// Installing Electron's binary without ever failing `npm install`: Electron's own
// installer is run, and its failure becomes one line saying what happens instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronInstaller, failureReason, installElectronBinary } from '../../electron/binary';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A stand-in for node_modules/electron/install.js. */
function fakeInstaller(source: string): string {
  dir = mkdtempSync(join(tmpdir(), 'electron-install-'));
  const file = join(dir, 'install.js');
  writeFileSync(file, source);
  return file;
}

/** This process's environment without ELECTRON_SKIP_BINARY_DOWNLOAD (CI may set it), plus `extra`. */
const env = (extra: Record<string, string> = {}) => {
  const e = { ...process.env };
  delete e.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return { ...e, ...extra };
};

describe("Electron's binary", () => {
  it("finds Electron's own installer in node_modules", () => {
    expect(electronInstaller()).toMatch(new RegExp(`node_modules\\${sep}electron\\${sep}install\\.js$`));
  });

  it('prints nothing when the installer succeeds', () => {
    expect(installElectronBinary(fakeInstaller('process.exit(0);'), env())).toBeNull();
  });

  it('turns a failed download into one line naming the reason and what happens instead, and does not throw', () => {
    const installer = fakeInstaller("console.error('RequestError: getaddrinfo ENOTFOUND github.com\\n    at ClientRequest.<anonymous>'); process.exit(1);");
    const line = installElectronBinary(installer, env());
    expect(line).toBe(
      'electron: its binary could not be downloaded (RequestError: getaddrinfo ENOTFOUND github.com): `npm start` will serve the studio on the local web host instead. To try the download again: npm run postinstall',
    );
    expect(line).not.toContain('\n');
  });

  it('names the exit status when the installer printed nothing', () => {
    expect(installElectronBinary(fakeInstaller('process.exit(3);'), env())).toContain('(it exited with status 3)');
    expect(failureReason('\n\n', 1)).toBe('it exited with status 1');
  });

  it('runs the installer in its own folder, as npm would', () => {
    const installer = fakeInstaller("process.exit(process.cwd() === require('path').dirname(__filename) ? 0 : 1);");
    expect(installElectronBinary(installer, env())).toBeNull();
  });

  it('says so when ELECTRON_SKIP_BINARY_DOWNLOAD skips the download', () => {
    const installer = fakeInstaller('process.exit(1);');
    expect(installElectronBinary(installer, env({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }))).toMatch(/^electron: its binary's download is skipped \(ELECTRON_SKIP_BINARY_DOWNLOAD is set\)/);
  });
});
